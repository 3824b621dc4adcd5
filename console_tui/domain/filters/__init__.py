"""The filter language: one small language for every list of clients (search lines, the attention
queue, saved views, ``console-tui clients list --where``, bulk changes).

    parsed = parse_filter('sender>=at-risk -tag:"EBS Active" login>30d')  # FilterError if wrong
    keep = compile_filter(parsed, me=login)                                 # once per text
    rows = [facts for facts in all_facts if keep(facts)]                    # per row: closures only
    str(parsed)                                                             # canonical text

``format_error(text, error)`` shows a mistake (the text, carets, the message); ``field_help()``
lists the fields with an example each. The full description is ``docs/filters.md``.
"""

from console_tui.domain.filters.errors import FilterError, format_error
from console_tui.domain.filters.evaluate import Predicate, compile_filter, compile_terms, select
from console_tui.domain.filters.facts import ClientFacts, fold
from console_tui.domain.filters.fields import FIELDS, SYNTAX, Field, FieldHelp, Kind, field_help
from console_tui.domain.filters.parser import choice_key, parse_filter
from console_tui.domain.filters.syntax import Alt, Filter, Op, Term

__all__ = [
    "FIELDS", "SYNTAX", "Alt", "ClientFacts", "Field", "FieldHelp", "Filter", "FilterError", "Kind", "Op",
    "Predicate", "Term", "choice_key", "compile_filter", "compile_terms", "field_help", "fold", "format_error",
    "parse_filter", "select",
]
