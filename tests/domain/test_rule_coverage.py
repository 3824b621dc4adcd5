"""Every rule in docs/rules.md has a test named after it, and no other rule ID is used anywhere.

A rule's test is a function named ``test_r_<area>_<n>_…`` (``R-SUP-2`` → ``test_r_sup_2_…``) in
any suite under tests/ — domain, data, jobs, CLI or UI — so a rule may be proved where the app or
the CLI really runs it.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).parents[2]
RULES = ROOT / "docs" / "rules.md"
TESTS = ROOT / "tests"
PACKAGE = ROOT / "console_tui"

#: A rule is listed in rules.md as its bold ID: ``- **R-SUP-2** …``.
LISTED = re.compile(r"\*\*(R-[A-Z]+-\d+)\*\*")
#: A rule ID anywhere in code or prose.
MENTIONED = re.compile(r"\bR-[A-Z]+-\d+\b")
#: A test function that claims to prove a rule.
RULE_TEST = re.compile(r"^test_(r_[a-z]+_\d+)_")


def rule_ids(text: str) -> list[str]:
    """The rules listed in ``text``, in order, each once."""
    return list(dict.fromkeys(LISTED.findall(text)))


@cache
def all_test_names() -> frozenset[str]:
    """Every test function under tests/, sync or async."""
    names: set[str] = set()
    for path in TESTS.rglob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names |= {
            node.name
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test_")
        }
    return frozenset(names)


def untested(ids: list[str], names: frozenset[str]) -> list[str]:
    """The rules in ``ids`` that no test in ``names`` is named after."""
    proved = {match.group(1) for name in names if (match := RULE_TEST.match(name))}
    return [rule for rule in ids if rule.lower().replace("-", "_") not in proved]


def listed_rules() -> list[str]:
    return rule_ids(RULES.read_text(encoding="utf-8"))


def test_rules_md_lists_the_rules_of_every_section() -> None:
    ids = listed_rules()
    for anchor in ("R-CMC-1", "R-MC-1", "R-DS-1", "R-SS-1", "R-EL-4", "R-BL-1", "R-UT-3", "R-NM-4",
                   "R-ACC-5", "R-CAP-3"):
        assert anchor in ids
    assert len(ids) >= 49


def test_every_rule_in_docs_rules_md_has_a_named_test() -> None:
    assert untested(listed_rules(), all_test_names()) == []


def test_a_rule_without_a_test_is_reported() -> None:
    assert untested(["R-SUP-2", "R-NOPE-1"], all_test_names()) == ["R-NOPE-1"]
    assert untested(["R-ACC-1"], frozenset({"test_r_acc_10_roles"})) == ["R-ACC-1"]


def test_no_code_or_test_names_a_rule_that_docs_rules_md_lacks() -> None:
    listed = set(listed_rules())
    in_code = {
        f"{path.relative_to(ROOT)}: {rule}"
        for path in PACKAGE.rglob("*.py")
        for rule in MENTIONED.findall(path.read_text(encoding="utf-8"))
        if rule not in listed
    }
    in_tests = {
        f"{name}: {match.group(1)}"
        for name in all_test_names()
        if (match := RULE_TEST.match(name)) and match.group(1).upper().replace("_", "-") not in listed
    }
    assert sorted(in_code | in_tests) == []
