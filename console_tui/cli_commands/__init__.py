"""The sub-commands of ``console-tui``, one module per group; ``ALL`` is what cli.py adds."""

from console_tui.cli_commands.clients import clients
from console_tui.cli_commands.db import db
from console_tui.cli_commands.demo import demo
from console_tui.cli_commands.ingest import ingest
from console_tui.cli_commands.jobs import refresh, worker
from console_tui.cli_commands.limits import limits
from console_tui.cli_commands.plan import plan
from console_tui.cli_commands.serve import serve
from console_tui.cli_commands.users import users

ALL = [clients, db, demo, ingest, limits, plan, refresh, serve, users, worker]
