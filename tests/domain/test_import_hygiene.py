"""console_tui.domain is pure: no SQLAlchemy, Textual or other layers, no clock (DESIGN)."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import console_tui.domain

DOMAIN_DIR = Path(console_tui.domain.__file__).parent
REPO_ROOT = DOMAIN_DIR.parents[1]
MODULES = sorted(m.name for m in pkgutil.iter_modules(console_tui.domain.__path__))
FORBIDDEN = (
    "textual",
    "sqlalchemy",
    "console_tui.data",
    "console_tui.screens",
    "console_tui.widgets",
    "console_tui.jobs",
)


def test_domain_imports_nothing_from_other_layers() -> None:
    assert {"permissions", "limits", "billing", "capacity", "text"} <= set(MODULES)
    imports = "; ".join(f"import console_tui.domain.{name}" for name in MODULES)
    check = (
        f"import sys; {imports}; "
        f"bad = sorted(m for m in sys.modules if m.startswith({FORBIDDEN!r})); print(bad)"
    )
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, check=True, cwd=REPO_ROOT
    )
    assert result.stdout.strip() == "[]"


def test_domain_never_reads_the_clock_and_stays_small() -> None:
    clock = re.compile(
        r"\b(date\.today|datetime\.now|datetime\.utcnow|datetime\.today|time\.time)\("
    )
    for path in sorted(DOMAIN_DIR.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert not clock.search(source), f"{path.name} reads the clock; take today/now as input"
        assert len(source.splitlines()) < 300, f"{path.name} is over 300 lines"
