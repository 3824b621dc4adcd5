"""Bulk changes: the action dialog, the dry run, the run, the batches (docs/bulk.md)."""
