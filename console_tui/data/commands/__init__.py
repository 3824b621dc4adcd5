"""Commands: one function per user action (permission + rule + change + audit, one transaction).

Screens and the CLI call these and nothing else to change data.
"""
