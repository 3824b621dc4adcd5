"""Bulk changes on screen: selecting clients (console, Manage Clients, attention queue), the action
dialog's checks as one types, the dry run, the run with its batch number, and an undo from the
batches screen; snapshots at 80x24 and 120x40 (each looked at as PNG before it was accepted)."""

from __future__ import annotations

from sqlalchemy import select

from console_tui.data.schema import BulkBatch, Client
from console_tui.domain.bulk import BulkKind
from console_tui.domain.roles import Role
from console_tui.screens.bulk.action_dialog import BulkDialog
from console_tui.screens.bulk.batches import BatchesScreen
from console_tui.screens.bulk.dry_run import DryRunScreen
from console_tui.screens.console.attention import AttentionScreen
from console_tui.screens.console.console import ConsoleScreen
from console_tui.screens.manage.manage_clients import ManageClientsScreen
from console_tui.viewmodels.bulk_kinds import kinds_for
from console_tui.widgets.table_view import TableView
from tests.test_bulk_apart import children  # noqa: F401 - a fixture: the child processes started
from tests.ui.conftest import count, notes, press, settle

WIDE, NARROW = (120, 40), (80, 24)


def console(app) -> ConsoleScreen:  # noqa: ANN001
    screen = app.screen
    assert isinstance(screen, ConsoleScreen)
    return screen


def names(screen: ConsoleScreen) -> list[str]:
    by_id = {client.id: client.name for client in screen.overview.clients}
    return sorted(by_id[i] for i in screen.selection.ids)


async def type_text(pilot, text: str) -> None:  # noqa: ANN001
    """A key at a time, as a person types."""
    for char in text:
        await pilot.press("space" if char == " " else char)
    await settle(pilot)


async def test_space_shift_down_star_and_escape_select_in_the_console(make_ui_app) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = console(app)
        await press(pilot, "space")
        assert names(screen) == ["Acme Widgets"]
        await press(pilot, "shift+down", "shift+down")
        assert names(screen) == ["Acme Widgets", "Blue Harbor Dental", "Cedar & Pine Realty"]
        assert screen.status.content.plain.startswith("3 selected · M changes them · esc clears")
        await press(pilot, "space")  # the cursor is on Cedar: unselected again
        assert len(screen.selection) == 2
        await press(pilot, "escape")
        assert not screen.selection and not screen.status.content.plain.startswith("0 selected")
        await press(pilot, "asterisk")
        assert len(screen.selection) == len(screen.overview.clients)


async def test_a_selection_survives_a_search_and_star_adds_what_the_search_shows(make_ui_app) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = console(app)
        await press(pilot, "space")  # Acme
        await press(pilot, "slash")
        await type_text(pilot, "harbor")
        assert [c.name for c in screen.clients.shown] == ["Blue Harbor Dental", "Harbor Lights Bakery"]
        assert "1 selected (1 not shown)" in screen.status.content.plain
        await press(pilot, "down", "asterisk")
        assert names(screen) == ["Acme Widgets", "Blue Harbor Dental", "Harbor Lights Bakery"]
        await press(pilot, "escape")  # the selection first…
        assert not screen.selection and screen.search.value == "harbor"
        await press(pilot, "escape")  # …then the search
        assert screen.search.value == ""


async def test_manage_clients_and_the_attention_queue_select_by_id(make_ui_app) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "m")
        manage = app.screen
        assert isinstance(manage, ManageClientsScreen)
        await press(pilot, "space", "shift+down")
        assert manage.selection.ids == (manage.shown[0].id, manage.shown[1].id)
        assert manage.status.content.plain.startswith("2 selected")
        selected = manage.selection.ids
        await press(pilot, "S")  # reversed: the same clients stay selected, now at the end
        assert manage.selection.ids == selected and {manage.shown[-1].id, manage.shown[-2].id} == set(selected)
        assert manage.table.marked is not None and manage.table.marked(len(manage.shown) - 1)
        await press(pilot, "M")
        await type_text(pilot, "3000")
        await press(pilot, "enter")
        dry = app.screen
        assert isinstance(dry, DryRunScreen) and dry.targets == manage.selection.ids and dry.plan is not None
        await press(pilot, "escape", "escape")  # the dry run, then the dialog: nothing changed, still selected
        assert app.screen is manage and len(manage.selection) == 2
        await press(pilot, "escape")
        assert not manage.selection and app.screen is manage
        await press(pilot, "escape", "exclamation_mark")
        queue = app.screen
        assert isinstance(queue, AttentionScreen)
        await press(pilot, "asterisk")
        assert set(queue.selection.ids) == {row.id for row in queue.rows if row.id is not None}
        await press(pilot, "escape")
        assert not queue.selection and app.screen is queue


async def test_the_dialog_checks_the_value_as_it_is_typed(make_ui_app) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "space", "M")
        dialog = app.screen
        assert isinstance(dialog, BulkDialog) and dialog.kind == "set-limit"
        await type_text(pilot, "12x")
        reads = dialog.query_one("#bulk-reads").content.plain
        assert reads.startswith("email limit must be a whole number") and dialog.words is None
        await press(pilot, "enter")
        assert app.screen is dialog  # a value that does not read is not taken
        await press(pilot, "backspace")
        await pilot.press(*"000")  # a burst
        await settle(pilot)
        assert dialog.query_one("#bulk-reads").content.plain == "Reads: set-limit 12000"
        await press(pilot, "down")  # Direct Support: "12000" is no on/off
        assert dialog.kind == "direct-support" and dialog.words is None
        await press(pilot, "escape")
        assert isinstance(app.screen, ConsoleScreen)
        assert "Bulk change: cancelled, nothing was changed." in app.screen.status.content.plain


async def test_dry_run_then_confirm_runs_a_batch_and_reloads(make_ui_app, ui_db_url) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "space", "shift+down", "M")
        await type_text(pilot, "7000")
        await press(pilot, "enter")
        dry = app.screen
        assert isinstance(dry, DryRunScreen) and dry.plan is not None
        table = dry.query_one("#dry-run", TableView)
        assert table.row_count == 2 and "→ 7,000" in table._rows[0][2]
        assert dry.status.content.plain.startswith("2 to change, 0 no change, 0 refused, 0 conflicts")
        await press(pilot, "escape")  # back to edit: the dialog with what was typed
        assert isinstance(app.screen, BulkDialog) and app.screen.query_one("#bulk-value").value == "7000"
        await press(pilot, "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConsoleScreen)
        batch = count(ui_db_url, select(BulkBatch.id).order_by(BulkBatch.id.desc()).limit(1))
        assert any(f"Batch {batch}: 2 changed" in note and f"u on batch {batch}" in note for note in notes(app))
        assert not console(app).selection
        assert count(ui_db_url, select(Client.email_limit).where(Client.name == "Acme Widgets")) == 7000


async def test_the_console_s_dry_run_and_run_happen_in_a_child_process(make_ui_app, ui_db_url, monkeypatch) -> None:
    """The console's process never computes the dry run nor applies the run: its copies of the bulk
    functions refuse, and the batch is made all the same (by the child, with its own copies)."""
    from console_tui.data.commands import bulk as commands

    def not_here(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the console's own process ran the bulk change")

    for name in ("run", "plan_for_words", "undo_plan", "_all_steps"):
        monkeypatch.setattr(commands, name, not_here)
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "space", "M")
        await type_text(pilot, "6100")
        await press(pilot, "enter")
        dry = app.screen
        assert isinstance(dry, DryRunScreen) and dry.plan is not None and dry.plan.totals.changes == 1
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConsoleScreen) and any("Batch 1: 1 changed" in note for note in notes(app))
        assert count(ui_db_url, select(Client.email_limit).where(Client.name == "Acme Widgets")) == 6100


async def test_esc_stops_a_run_in_flight_and_nothing_is_half_applied(make_ui_app, ui_db_url) -> None:
    """The run waits for a write lock held here, so it is surely in flight when esc is pressed: esc
    stops it (its child process ends), nothing was applied, the selection stays, the console stays up."""
    import sqlite3

    from tests.ui.test_error_boundary import assert_up_and_plain

    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "space", "shift+down", "M")
        await type_text(pilot, "6200")
        await press(pilot, "enter")
        assert isinstance(app.screen, DryRunScreen) and app.screen.plan is not None
        lock = sqlite3.connect(ui_db_url.removeprefix("sqlite:///"), isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("enter")
            screen = console(app)
            assert screen.bulk_run is not None and screen.bulk_run.running
            assert "esc stops it" in screen.status.content.plain
            await pilot.press("escape")
            assert screen.bulk_run.stopping.is_set() and len(screen.selection) == 2  # esc stopped, not cleared
            await settle(pilot)
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        assert not screen.bulk_run.running
        assert_up_and_plain(app, "Bulk change set-limit 6200 was stopped: no client had been changed.")
        assert count(ui_db_url, select(BulkBatch.id).limit(1)) is None
        assert count(ui_db_url, select(Client.email_limit).where(Client.name == "Acme Widgets")) != 6200
        await press(pilot, "escape")  # with the run over, esc clears the selection again
        assert not screen.selection


async def test_quitting_the_console_ends_a_run_in_flight(make_ui_app, ui_db_url, children) -> None:  # noqa: F811
    """Quitting with a run in flight (held up by a write lock held here) ends its child process,
    which had committed nothing."""
    import signal
    import sqlite3

    app = make_ui_app()
    lock = sqlite3.connect(ui_db_url.removeprefix("sqlite:///"), isolation_level=None)
    try:
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await press(pilot, "space", "M")
            await type_text(pilot, "6300")
            await press(pilot, "enter")
            assert isinstance(app.screen, DryRunScreen) and app.screen.plan is not None
            lock.execute("BEGIN IMMEDIATE")
            await pilot.press("enter")
            run = console(app).bulk_run
            assert run is not None and run.running
            await pilot.press("q")
        ended = [child.wait(timeout=30) for child in children]  # the dry run's, then the run's child
        assert ended == [0, -signal.SIGTERM]  # the run's was stopped, not left to time out on the lock
    finally:
        lock.execute("ROLLBACK") if lock.in_transaction else None
        lock.close()
    assert count(ui_db_url, select(BulkBatch.id).limit(1)) is None


async def test_a_refused_row_is_shown_and_all_or_nothing_will_not_run_it(make_ui_app) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "asterisk", "M", "down", "down")  # EBS
        await type_text(pilot, "off")
        await press(pilot, "enter")
        dry = app.screen
        assert isinstance(dry, DryRunScreen) and dry.plan is not None
        assert dry.plan.totals.refused
        first = dry.query_one("#dry-run", TableView)._rows[0]
        assert first[1] == "refused" and first[2].startswith("the client has not been a Healthy sender yet")
        assert dry.query_one("#dry-run-row").content.plain.endswith("60 days after it becomes Healthy")
        await press(pilot, "a", "enter")
        assert app.screen is dry and "nothing would be applied" in " ".join(notes(app))
        await press(pilot, "o", "o", "o")  # change, no change, refused alone
        assert {row.outcome.value for row in dry.shown} == {"refused"}


async def test_a_run_that_cannot_write_says_so_in_one_line_and_the_console_stays(make_ui_app) -> None:
    from console_tui.ui.failures import READ_ONLY
    from tests.ui.test_error_boundary import Faults, assert_up_and_plain

    app = make_ui_app()
    faults = Faults(app)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "space", "M")
        await type_text(pilot, "4000")
        await press(pilot, "enter")
        assert isinstance(app.screen, DryRunScreen)
        faults.mode = "writes"
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConsoleScreen)
        assert_up_and_plain(app, READ_ONLY)
        assert console(app).selection  # nothing was applied: the selection stays for another try


async def test_undo_from_the_batches_screen(make_ui_app, ui_db_url) -> None:
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "space", "M")
        await type_text(pilot, "4321")
        await press(pilot, "enter", "enter")
        await settle(pilot)
        await press(pilot, "H")
        batches = app.screen
        assert isinstance(batches, BatchesScreen) and len(batches.batches) == 1
        await press(pilot, "u")
        dry = app.screen
        assert isinstance(dry, DryRunScreen) and dry.plan is not None and dry.plan.undo_of == batches.batches[0].number
        await press(pilot, "enter")
        await settle(pilot)
        assert app.screen is batches and len(batches.batches) == 2
        assert batches.batches[0].undo_of == batches.batches[1].number
        assert count(ui_db_url, select(Client.email_limit).where(Client.name == "Acme Widgets")) != 4321


async def test_a_template_applied_from_the_dialog_shows_each_part_then_runs(make_ui_app, ui_db_url, clock) -> None:
    from console_tui.data.commands.templates import add_template
    from console_tui.data.engine import Database
    from console_tui.domain.templates import EmailLimit, Setup

    database = Database(ui_db_url)
    add_template(database, clock, "admin", "Tidy", Setup(email_limit=EmailLimit(700), rebrand_lock=True))
    database.dispose()
    app = make_ui_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "space", "M", "up")  # the last entry: a client template
        dialog = app.screen
        assert isinstance(dialog, BulkDialog) and dialog.kind == "template"
        await type_text(pilot, "nope")
        await press(pilot, "enter")
        assert isinstance(app.screen, DryRunScreen) and "no template 'nope'" in " ".join(notes(app)).lower()
        await press(pilot, "escape")
        app.screen.query_one("#bulk-value").value = ""
        await type_text(pilot, "tidy")
        await press(pilot, "enter")
        dry = app.screen
        assert isinstance(dry, DryRunScreen) and dry.plan is not None and dry.plan.title == "template Tidy"
        assert [row[2] for row in dry.query_one("#dry-run", TableView)._rows] == [
            "set-limit 700: none → 700", "rebrand lock: unlocked → locked"]
        await press(pilot, "enter")
        await settle(pilot)
        assert any("Batch 1: 2 changed" in note for note in notes(app))
        assert count(ui_db_url, select(Client.email_limit).where(Client.name == "Acme Widgets")) == 700


async def test_a_role_that_may_make_none_of_the_changes_is_not_allowed(make_ui_app) -> None:
    app = make_ui_app(login="sam")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "space", "M")
        assert isinstance(app.screen, ConsoleScreen)
        assert any("may make none of the single changes" in note for note in notes(app))


def test_a_role_is_offered_the_single_changes_it_may_make() -> None:
    assert kinds_for(Role.COMPANY_MANAGER) == kinds_for(Role.MARKETING_MANAGER) == (BulkKind.EBS,)
    assert kinds_for(Role.ADMINISTRATOR) == tuple(BulkKind)
    assert kinds_for(Role.SALESPERSON) == ()


async def test_a_company_manager_may_change_its_own_clients(make_ui_app) -> None:
    app = make_ui_app(login="carla")  # manages no client in the seed: nothing to change, but allowed
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "M")
        assert isinstance(app.screen, ConsoleScreen)
        assert app.screen.status.content.plain == "No client is selected." and not app._notifications


# --- snapshots -----------------------------------------------------------------------------------------

def after(*pressed: str, text: str = ""):  # noqa: ANN201
    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        await press(pilot, *pressed)
        if text:
            await type_text(pilot, text)
            await press(pilot, "enter")
        await settle(pilot)

    return run_before


def test_console_selection_80x24(snap_compare, make_ui_app) -> None:
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=after("space", "shift+down", "shift+down"))


def test_console_selection_120x40(snap_compare, make_ui_app) -> None:
    assert snap_compare(make_ui_app(), terminal_size=WIDE, run_before=after("space", "down", "down", "space"))


def test_dry_run_80x24(snap_compare, make_ui_app) -> None:
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=after("asterisk", "M", "down", "down",
                                                                             text="off"))


def test_dry_run_120x40(snap_compare, make_ui_app) -> None:
    assert snap_compare(make_ui_app(), terminal_size=WIDE, run_before=after("asterisk", "M", text="5000"))


def test_dialog_80x24(snap_compare, make_ui_app) -> None:
    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=after("space", "M", "1", "x"))


def test_batches_120x40(snap_compare, make_ui_app) -> None:
    async def run_before(pilot) -> None:  # noqa: ANN001
        await after("space", "M", text="6000")(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        await press(pilot, "H")

    assert snap_compare(make_ui_app(), terminal_size=WIDE, run_before=run_before)


def test_batches_80x24(snap_compare, make_ui_app) -> None:
    async def run_before(pilot) -> None:  # noqa: ANN001
        await after("space", "shift+down", "M", text="8000")(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        await press(pilot, "H")

    assert snap_compare(make_ui_app(), terminal_size=NARROW, run_before=run_before)
