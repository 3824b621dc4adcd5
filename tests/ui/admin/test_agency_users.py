"""Agency users and access (R-ACC-1, R-ACC-2): users and roles, the clients each may access, adding
a user (fields named when refused), granting and revoking access — confirm, then act."""

from __future__ import annotations

from sqlalchemy import select
from textual.widgets import OptionList

from console_tui.data.schema import AgencyUser, AuditEntry
from console_tui.screens.admin.agency_users import AgencyUsersScreen
from console_tui.screens.dialogs.add_user_dialog import AddUserDialog
from console_tui.screens.dialogs.admin_dialogs import ClientPicker
from console_tui.screens.dialogs.choose import Choose
from console_tui.screens.dialogs.confirm import Confirm
from tests.ui.admin.conftest import WIDE, notice, open_screen, press, settle, shown_rows, type_text

ADMIN, CARLA, SAM = 0, 1, 2


async def test_r_acc_2_users_roles_and_the_clients_each_may_access(make_admin_app):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_screen(pilot, AgencyUsersScreen())
        assert shown_rows(app, "#users") == [
            ("admin", "Alex Admin", "Administrator", "active", "all clients"),
            ("carla", "Carla Company", "Company Manager", "active", "none"),
            ("sam", "Sam Seller", "Salesperson", "active", "3 clients")]
        assert "sees every client" in str(app.screen.query_one("#access-title").render())
        await press(pilot, "down", "down")
        assert str(app.screen.query_one("#access-title").render()) == (
            "Clients sam may access (3) as a Client Manager")
        assert shown_rows(app, "#access") == [("Acme Widgets", "#1"), ("Blue Harbor Dental", "#2"),
                                              ("Evergreen Accounting", "#5")]


async def test_r_acc_1_add_a_user_through_the_form(make_admin_app, admin_db):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, AgencyUsersScreen())
        await press(pilot, "a")
        dialog = app.screen
        assert isinstance(dialog, AddUserDialog)
        await type_text(pilot, "dana")
        await press(pilot, "tab")
        await type_text(pilot, "Dana Dev")
        await press(pilot, "tab")
        await type_text(pilot, "dana@northwind.example")
        dialog.query_one("#add-role").value = "Marketing Manager"
        await press(pilot, "ctrl+s")
        assert app.screen is screen
        assert notice(app) == "Added dana as Marketing Manager; recorded in the audit log."
        assert ("dana", "Dana Dev", "Marketing Manager", "active", "none") in shown_rows(app, "#users")
        assert screen.selected_login == "dana"


async def test_r_acc_1_a_refused_form_names_each_field_and_creates_nothing(make_admin_app, admin_db):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_screen(pilot, AgencyUsersScreen())
        await press(pilot, "a", "tab")
        await type_text(pilot, "Dana Dev")
        await press(pilot, "tab")
        await type_text(pilot, "not-an-email")
        await press(pilot, "ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, AddUserDialog)
        errors = {name: dialog.query_one(f"#error-{name}").render() for name in ("login", "email", "role")}
        assert str(errors["login"]) == "is required"
        assert "must be one of Administrator" in str(errors["role"]) and str(errors["email"])
        assert str(dialog.query_one("#add-message").render()) == "Nothing was added: correct the fields named above."
        with admin_db.read() as session:
            assert session.scalar(select(AgencyUser).where(AgencyUser.full_name == "Dana Dev")) is None
        await press(pilot, "escape")
        assert notice(app) == "Adding a user: cancelled, nothing was changed."


async def test_r_acc_2_grant_access_find_confirm_act(make_admin_app, admin_db):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, AgencyUsersScreen())
        await press(pilot, "down", "g")
        assert isinstance(app.screen, ClientPicker)
        await type_text(pilot, "fjord")
        await press(pilot, "enter")
        assert isinstance(app.screen, Confirm)
        assert app.screen.title_text == "Give carla access to Fjord Coffee Roasters?"
        await press(pilot, "y")
        await settle(pilot)
        assert app.screen is screen
        assert notice(app) == "Granting carla access to Fjord Coffee Roasters: done; recorded in the audit log."
        assert shown_rows(app, "#access") == [("Fjord Coffee Roasters", "#6")]
        assert shown_rows(app, "#users")[CARLA][4] == "1 client"


async def test_r_acc_2_nothing_to_grant_to_an_administrator(make_admin_app):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, AgencyUsersScreen())
        await press(pilot, "g")
        assert app.screen is screen
        assert notice(app) == ("admin is an Administrator and already sees and manages every client: there is "
                               "nothing to grant.")


async def test_r_acc_2_revoke_access_confirm_act(make_admin_app, admin_db):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, AgencyUsersScreen())
        await press(pilot, "down", "down", "x")
        assert notice(app) == "Choose the client to take from sam in the lower list, then press x."
        await press(pilot, "down", "x")
        assert app.screen.title_text == "Take sam's access to Blue Harbor Dental?"
        await press(pilot, "y")
        assert app.screen is screen
        assert [row[0] for row in shown_rows(app, "#access")] == ["Acme Widgets", "Evergreen Accounting"]
        with admin_db.read() as session:
            entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert (entry.action, entry.after["removed"]) == ("remove_client_manager", "sam")


def last_audit(admin_db) -> AuditEntry:  # noqa: ANN001
    with admin_db.read() as session:
        return session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()


async def test_r_acc_1_change_a_users_role_choose_confirm_act(make_admin_app, admin_db):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, AgencyUsersScreen())
        await press(pilot, "down", "down", "e")
        assert isinstance(app.screen, Choose)
        options = app.screen.query_one(OptionList)
        assert options.get_option("Salesperson").disabled  # the role sam has now
        options.highlighted = options.get_option_index("Sales Manager")
        await press(pilot, "enter")
        assert isinstance(app.screen, Confirm)
        assert app.screen.title_text == "Give sam the role Sales Manager?"
        await press(pilot, "y")
        await settle(pilot)
        assert app.screen is screen
        assert notice(app) == "Changing sam's role: done; recorded in the audit log."
        assert shown_rows(app, "#users")[SAM][2] == "Sales Manager"
        entry = last_audit(admin_db)
        assert (entry.action, entry.before["role"], entry.after["role"]) == ("set_agency_user_role", "Salesperson",
                                                                             "Sales Manager")


async def test_r_acc_1_the_last_active_administrator_keeps_the_role_and_stays_active(make_admin_app, admin_db):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, AgencyUsersScreen())
        await press(pilot, "e")
        options = app.screen.query_one(OptionList)
        options.highlighted = options.get_option_index("Salesperson")
        await press(pilot, "enter", "y")
        await settle(pilot)
        assert app.screen is screen
        assert "admin is the last active Administrator" in notice(app)
        await press(pilot, "d")
        assert app.screen.title_text == "Deactivate admin?"
        await press(pilot, "y")
        await settle(pilot)
        assert "admin is the last active Administrator" in notice(app)
        assert shown_rows(app, "#users")[ADMIN][2:4] == ("Administrator", "active")
        assert last_audit(admin_db) is None or "agency_user" not in last_audit(admin_db).action


async def test_r_acc_1_deactivate_then_reactivate_a_user(make_admin_app, admin_db):
    app = make_admin_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_screen(pilot, AgencyUsersScreen())
        await press(pilot, "down", "down", "d")
        assert app.screen.title_text == "Deactivate sam?"
        await press(pilot, "y")
        await settle(pilot)
        assert app.screen is screen
        assert notice(app) == "Deactivating sam: done; recorded in the audit log."
        assert shown_rows(app, "#users")[SAM][3] == "inactive"
        assert last_audit(admin_db).action == "deactivate_agency_user"
        await press(pilot, "d")
        assert app.screen.title_text == "Reactivate sam?"
        await press(pilot, "n")
        assert shown_rows(app, "#users")[SAM][3] == "inactive"  # declined: nothing changed
        await press(pilot, "d", "y")
        await settle(pilot)
        assert shown_rows(app, "#users")[SAM][3] == "active"
        assert last_audit(admin_db).action == "activate_agency_user"
