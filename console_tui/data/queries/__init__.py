"""Reads: one module per area, each returning the views in ``data.views``."""
