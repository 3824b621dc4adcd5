"""The sub-commands of ``console-tui``, one module per group; ``ALL`` is what cli.py adds."""

from console_tui.cli_commands.clients import clients
from console_tui.cli_commands.db import db
from console_tui.cli_commands.jobs import refresh, worker

ALL = [refresh, worker, clients, db]
