"""The per-client options menu and each option's screen."""
