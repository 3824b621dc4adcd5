"""Benchmarks: programs that print figures and ratios (DESIGN.md habit 12), not tests."""
