"""Every pure rule of DOMAIN.md sections B–I has a test naming it in tests/domain."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

HERE = Path(__file__).parent

#: Rules with nothing pure left to test here; their tests belong to the data or UI suites.
ELSEWHERE = {
    "R-ACC-5": "audit rows are written by the data-layer commands",
    "R-NM-1": "nightly job (data/jobs)",
    "R-NM-2": "nightly job (data/jobs)",
    "R-NM-3": "nightly job (data/jobs)",
    "R-NM-4": "nightly job (data/jobs)",
}


def _domain_md() -> Path | None:
    for parent in HERE.parents:
        candidate = parent / "shared" / "DOMAIN.md"
        if candidate.is_file():
            return candidate
    return None


def _rule_ids(text: str) -> list[str]:
    body = text[text.index("\n## B.") :]
    return list(dict.fromkeys(re.findall(r"\*\*\[?(R-[A-Z]+-\d+)\]?\*\*", body)))


def _test_names() -> set[str]:
    names: set[str] = set()
    for path in HERE.glob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names |= {
            node.name
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
        }
    return names


def test_every_pure_rule_in_sections_b_to_i_has_a_named_test() -> None:
    path = _domain_md()
    if path is None:
        pytest.skip("shared/DOMAIN.md is not beside the repository")
    ids = _rule_ids(path.read_text(encoding="utf-8"))
    assert "R-MC-1" in ids and "R-CAP-3" in ids and "R-DS-1" in ids
    names = _test_names()
    missing = [
        rule
        for rule in ids
        if rule not in ELSEWHERE
        and not any(f"{rule.lower().replace('-', '_')}_" in name for name in names)
    ]
    assert missing == []
