"""The sub-commands of ``console-tui``, one module per group; ``ALL`` is what cli.py adds."""

from console_tui.cli.commands.attention import attention
from console_tui.cli.commands.billing import billing
from console_tui.cli.commands.briefing import briefing
from console_tui.cli.commands.bulk import bulk
from console_tui.cli.commands.clients import clients
from console_tui.cli.commands.db import db
from console_tui.cli.commands.demo import demo
from console_tui.cli.commands.ingest import ingest
from console_tui.cli.commands.jobs import refresh, worker
from console_tui.cli.commands.limits import limits
from console_tui.cli.commands.plan import plan
from console_tui.cli.commands.serve import serve
from console_tui.cli.commands.statuses import statuses
from console_tui.cli.commands.templates import templates
from console_tui.cli.commands.users import users
from console_tui.cli.commands.views import views

ALL = [attention, billing, briefing, bulk, clients, db, demo, ingest, limits, plan, refresh, serve, statuses, templates,
       users, views, worker]
