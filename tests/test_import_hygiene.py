"""The layers below the UI load without Textual (DESIGN.md: arrows point one way)."""

import subprocess
import sys

import pytest

LAYERS = [
    "console_tui.data.engine",
    "console_tui.data.schema",
    "console_tui.data.queries",
    "console_tui.data.migrate",
    "console_tui.domain",
    "console_tui.config",
    "console_tui.clock",
]


@pytest.mark.parametrize("module", LAYERS)
def test_layer_imports_without_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False", f"{module} pulled in Textual"
