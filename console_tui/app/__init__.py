"""The console application: ConsoleApp, its stylesheet, and what runs beside the screens (database
health, the in-console scheduler, worker and failure handling, the key table, shared messages)."""
