"""Saved views on both backends (R-VIEW-1, R-VIEW-2): who sees which, who may add and remove shared
ones, one audit row each in words, imports all or nothing."""

from __future__ import annotations

import pytest

from console_tui.data.commands.saved_views import add_view, import_views, remove_view
from console_tui.data.engine import Database
from console_tui.data.queries.audit_text import action_text
from console_tui.data.queries.saved_views import saved_views
from console_tui.domain.errors import NotFound, PermissionDenied, RuleRefused
from console_tui.domain.saved_views import BadView, ViewSpec
from tests.data.command_helpers import audit_count, one_audit, seed


def names(db: Database, login: str) -> list[str]:
    return [view.name for view in saved_views(db, login)]


def test_r_view_2_a_user_sees_their_own_views_and_the_shared_ones(db: Database, clock) -> None:
    seed(db)
    added = add_view(db, clock, "jr", "  My   risky ones ", "sender>=at-risk", "sent:desc")
    assert added.added == ("My risky ones",)
    entry = one_audit(db, clock, actor="jr", action="add_view", client_id=None)
    assert entry.after == {"name": "My risky ones", "filter": "sender>=at-risk", "sort": "sent:desc", "shared": False}
    assert action_text("add_view") == "Saved view added"
    add_view(db, clock, "admin", "Never logged in", "login:none", shared=True)
    add_view(db, clock, "cm", "cm's own", "util<25")
    assert names(db, "jr") == ["My risky ones", "Never logged in"]
    assert names(db, "cm") == ["cm's own", "Never logged in"]
    mine = saved_views(db, "jr")[0]
    assert (mine.filter, mine.sort, mine.descending, mine.shared, mine.owner, mine.mine) == (
        "sender>=at-risk", "sent", True, False, "jr", True)
    assert not saved_views(db, "jr")[1].mine and saved_views(db, "jr")[1].owner == "admin"


@pytest.mark.parametrize("login", ["cm", "mm", "sm", "sp", "jr"])
def test_r_view_2_only_administrators_add_shared_views(db: Database, clock, login: str) -> None:
    seed(db)
    with pytest.raises(PermissionDenied, match="Sharing views with the agency was refused: it needs the Administrator"):
        add_view(db, clock, login, "Team", "x", shared=True)
    assert audit_count(db) == 0 and names(db, login) == []


def test_r_view_2_a_view_is_removed_by_its_owner_or_an_administrator(db: Database, clock) -> None:
    seed(db)
    add_view(db, clock, "admin", "Team", "x", shared=True)
    add_view(db, clock, "jr", "Mine", "y")
    before = audit_count(db)
    with pytest.raises(PermissionDenied, match="Administrator"):
        remove_view(db, clock, "cm", "team")
    with pytest.raises(NotFound, match="no view 'Mine'"):
        remove_view(db, clock, "cm", "Mine")  # another user's private view is not even seen
    assert audit_count(db) == before
    assert remove_view(db, clock, "jr", " MINE ") == "Mine"
    assert remove_view(db, clock, "admin", "TEAM") == "Team"
    assert names(db, "jr") == [] and audit_count(db) == before + 2
    assert action_text("remove_view") == "Saved view removed"


def test_r_view_1_names_are_unique_case_insensitively_and_bad_filters_are_refused(db: Database, clock) -> None:
    seed(db)
    add_view(db, clock, "admin", "Risk", "sender>=at-risk", shared=True)
    with pytest.raises(RuleRefused, match="a view called RISK already exists"):
        add_view(db, clock, "jr", "RISK", "x")
    with pytest.raises(BadView, match="filter cannot be read"):
        add_view(db, clock, "jr", "Other", "sendr:new")
    assert audit_count(db) == 1


def test_r_view_1_markup_in_a_name_is_kept_as_typed_and_escapes_are_cleaned(db: Database, clock) -> None:
    seed(db)
    add_view(db, clock, "jr", "[b]VIP[/b] \x1b[31mred", "x")
    assert names(db, "jr") == ["[b]VIP[/b] red"]


def test_r_view_2_an_import_adds_and_replaces_all_or_nothing(db: Database, clock) -> None:
    seed(db)
    add_view(db, clock, "jr", "Mine", "old")
    add_view(db, clock, "admin", "Team", "x", shared=True)
    before = audit_count(db)
    good = ViewSpec("Mine", "new", "sent", True)
    with pytest.raises(RuleRefused, match="Team already exists and is not yours to replace"):
        import_views(db, clock, "jr", [good, ViewSpec("Team", "y")])
    with pytest.raises(PermissionDenied, match="Administrator"):
        import_views(db, clock, "jr", [good, ViewSpec("Shared one", "y", shared=True)])
    with pytest.raises(RuleRefused, match="names the view mine twice"):
        import_views(db, clock, "jr", [good, ViewSpec("mine", "y")])
    assert audit_count(db) == before and saved_views(db, "jr")[0].filter == "old"  # nothing half-applied
    done = import_views(db, clock, "jr", [good, ViewSpec("Fresh", "z")])
    assert (done.added, done.replaced) == (("Fresh",), ("Mine",))
    assert [(v.name, v.filter, v.sort_text) for v in saved_views(db, "jr")] == [
        ("Fresh", "z", "name"), ("Mine", "new", "sent:desc"), ("Team", "x", "name")]
    assert audit_count(db) == before + 1
    again = import_views(db, clock, "admin", [ViewSpec("Team", "y", shared=True)])  # an admin replaces a shared one
    assert again.replaced == ("Team",)


def test_the_saved_views_migration_comes_up_and_goes_down(tmp_path) -> None:  # noqa: ANN001
    from sqlalchemy import inspect

    from console_tui.data import migrate

    database = Database(f"sqlite:///{tmp_path / 'old.db'}")
    migrate.upgrade(database, "0003")
    assert "saved_view" not in inspect(database.engine).get_table_names()
    migrate.upgrade(database)
    assert "saved_view" in inspect(database.engine).get_table_names()
    migrate.downgrade(database, "0003")
    assert "saved_view" not in inspect(database.engine).get_table_names()
    database.dispose()
