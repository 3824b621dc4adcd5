"""The deterministic demo agency."""
