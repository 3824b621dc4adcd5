"""Loading the CRM platform's events from JSONL or CSV files."""
