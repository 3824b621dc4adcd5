"""The sub-commands of ``console-tui``, one module per group; ``ALL`` is what cli.py adds."""

from console_tui.cli_commands.clients import clients
from console_tui.cli_commands.db import db

ALL = [clients, db]
