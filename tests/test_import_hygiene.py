"""The layers below the UI load without Textual (docs/architecture.md: arrows point one way), and the
console's first frame loads only what it needs (what later screens need loads when first used)."""

import pkgutil
import subprocess
import sys

import console_tui.data
import console_tui.domain
import console_tui.jobs
from console_tui.data.engine import Database
from tests.factories import agency_with_a_client

BELOW_THE_UI = [
    module.name
    for package in (console_tui.data, console_tui.domain, console_tui.jobs)
    for module in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")
    if ".migrations" not in module.name
] + ["console_tui.config", "console_tui.clock", "console_tui.cli.context"]


def test_every_module_below_the_ui_imports_without_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {BELOW_THE_UI!r}:\n"
        "    importlib.import_module(name)\n"
        "    assert 'textual' not in sys.modules, name\n"
        "print(len(sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert len(BELOW_THE_UI) > 40


#: What only a later screen or action needs: form rules (phone numbers, e-mail, countries), plotting,
#: migrations, fuzzy search, the nightly rollup, Manage Clients' and administration's data.
LOADED_WHEN_FIRST_USED = [
    "phonenumbers",
    "email_validator",
    "pycountry",
    "plotext",
    "textual_plotext",
    "alembic",
    "rapidfuzz",
    "sqlalchemy.dialects.postgresql",
    "console_tui.domain.address",
    "console_tui.domain.client_form",
    "console_tui.domain.forms",
    "console_tui.data.rollup",
    "console_tui.data.commands",
    "console_tui.data.queries.client",
    "console_tui.data.queries.manage",
    "console_tui.data.queries.admin",
    "console_tui.services.manage",
    "console_tui.services.admin",
]


def test_the_console_reaches_its_first_frame_without_what_later_screens_need(sqlite_db: Database) -> None:
    """What `console-tui` does up to the first frame with client rows — the CLI, launch, the schema check,
    the first overview query, the app and its console screen built — leaves the heavy modules unloaded."""
    agency_with_a_client(sqlite_db, "boss")
    code = (
        "import sys\n"
        "import console_tui.cli.main, console_tui.cli.launch\n"
        "from console_tui.app.application import make_app\n"
        "from console_tui.clock import FixedClock\n"
        "from console_tui.config import Settings\n"
        "from console_tui.data.engine import Database\n"
        "from console_tui.services.console import Services\n"
        "from console_tui.widgets.client_search import ClientIndex\n"
        "from datetime import UTC, datetime\n"
        f"url = {sqlite_db.url!r}\n"
        "clock = FixedClock(datetime(2026, 11, 20, 9, tzinfo=UTC))\n"
        "services = Services(Database(url), 'boss', clock)\n"
        "services.prepare()\n"
        "services.prefetch()\n"
        "overview = services.first_overview()\n"
        "assert [c.name for c in overview.clients] == ['Bloom Florists'], overview\n"
        "ClientIndex(overview.clients).search('')\n"
        "make_app(services, Settings(database_url=url), clock)\n"
        f"print(sorted(name for name in {LOADED_WHEN_FIRST_USED!r} if name in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
