"""Textual-free state and formatting behind screens, unit-tested without an app."""
