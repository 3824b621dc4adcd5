"""The layers below the UI load without Textual (docs/architecture.md: arrows point one way)."""

import pkgutil
import subprocess
import sys

import console_tui.data
import console_tui.domain
import console_tui.jobs

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
