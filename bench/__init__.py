"""Benchmarks: programs that print figures and ratios, not tests."""
