"""The ``console-tui`` command: the click group, its context, the one error boundary, and one module
per command group in ``commands/``."""
