"""The Information screens edit (R-CMC-3 section 1): User Accounts, Settings, Team Call,
Company Avatar. Each change goes through its command; a bad field is named beside itself and
nothing is saved; the console's card follows; "Your Recent Places" records the change."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from PIL import Image
from sqlalchemy import func, select, update

from console_tui.data.engine import Database
from console_tui.data.schema import AuditEntry, Avatar, Client, ClientUser, RecentPlace, TeamCall
from console_tui.screens.client.account_settings import AccountSettingsScreen
from console_tui.screens.client.company_avatar import CompanyAvatarScreen
from console_tui.screens.client.edit_forms import ProfileEditForm, UserForm
from console_tui.screens.client.team_call import TeamCallScreen
from console_tui.screens.client.user_accounts import UserAccountsScreen
from tests.ui.conftest import count, notes, press, settle

ACME = 1  # the seed's first client: 4 users (one blocked), an avatar



def text_of(widget) -> str:  # noqa: ANN001
    return str(widget.render())


def fill(form, **values: str) -> None:  # noqa: ANN001
    for name, value in values.items():
        form.fields[name].value = value


def audits(url: str) -> int:
    return count(url, select(func.count()).select_from(AuditEntry))


def your_places(app, client_id: int = ACME) -> list[str]:  # noqa: ANN001
    client = next(c for c in app.console_screen.clients.clients if c.id == client_id)
    return [p.title for p in client.your_places]


async def ask(pilot, key: str) -> None:  # noqa: ANN001
    """Press a key that opens a question (its worker waits for the answer, so settle() would not)."""
    await pilot.press(key)
    for _ in range(3):
        await pilot.pause()


def card(app, client_id: int = ACME):  # noqa: ANN001, ANN201
    return next(c for c in app.console_screen.clients.clients if c.id == client_id)


# --- User Accounts -------------------------------------------------------------------------------


async def test_add_user_with_a_bad_email_names_the_field_and_saves_nothing(make_ui_app, ui_db_url):
    app = make_ui_app()
    before = audits(ui_db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "u", "n")
        form = app.screen
        assert isinstance(form, UserForm)
        await pilot.press(*"Zoe")  # typed, like a person
        await press(pilot, "tab", *"zoe-at-example")
        await press(pilot, "ctrl+s")
        assert app.screen is form  # still open, with what was typed
        email = form.fields["email"]
        assert email.has_class("-invalid")
        assert "Email is not a valid email address" in text_of(email.query_one(".field-error"))
        assert not form.fields["full_name"].has_class("-invalid")
        assert "Nothing was saved: correct the field marked ✗" in text_of(form.query_one("#form-status"))
        assert form.fields["full_name"].value == "Zoe" and email.value == "zoe-at-example"
        assert app.focused is email.input
    assert count(ui_db_url, select(func.count()).select_from(ClientUser).where(ClientUser.full_name == "Zoe")) == 0
    assert audits(ui_db_url) == before


async def test_add_user_saves_refreshes_the_card_and_records_your_recent_place(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert card(app).user_count == 3  # 4 users, one blocked
        await press(pilot, "u", "n")
        fill(app.screen, full_name="Zoe Quinn", email="Zoe@Client0.example", role="Editor")
        await press(pilot, "ctrl+s")
        screen = app.screen
        assert isinstance(screen, UserAccountsScreen)
        assert "Added Zoe Quinn." in notes(app)
        assert screen.table.row_count == 5
        assert screen.users[screen.table.cursor].full_name == "Zoe Quinn"  # the cursor is on the new user
        assert card(app).user_count == 4
        assert your_places(app)[0] == "Zoe Quinn"
    assert count(ui_db_url, select(func.count()).select_from(ClientUser)
                 .where(ClientUser.email == "Zoe@client0.example", ClientUser.role == "Editor")) == 1


async def test_edit_user_saves_the_change(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "u", "j", "enter")  # enter edits too
        form = app.screen
        assert isinstance(form, UserForm) and form.user is not None
        name = form.user.full_name
        assert form.fields["full_name"].value == name
        fill(form, email="new.address@client0.example")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, UserAccountsScreen)
        assert f"Saved {name}." in notes(app)
        assert your_places(app)[0] == name
    assert count(ui_db_url, select(func.count()).select_from(ClientUser)
                 .where(ClientUser.email == "new.address@client0.example", ClientUser.full_name == name)) == 1


async def test_edit_user_saved_meanwhile_by_someone_else_says_reload(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "u", "e")
        form = app.screen
        database = Database(ui_db_url)
        with database.write() as session:  # another console saves the same user first
            other = session.get(ClientUser, form.user.id)
            other.role = "Owner"
        database.dispose()
        fill(form, full_name="Mine Now")
        await press(pilot, "ctrl+s")
        assert app.screen is form
        status = text_of(form.query_one("#form-status"))
        assert "someone else changed it after you opened it" in status and "Reload" in status
    assert count(ui_db_url, select(func.count()).select_from(ClientUser).where(ClientUser.full_name == "Mine Now")) == 0


async def test_delete_user_asks_first_and_no_keeps_the_user(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "u")
        victim = app.screen.users[0]
        await ask(pilot, "x")  # the question waits for an answer: do not wait for workers here
        assert type(app.screen).__name__ == "Confirm"
        assert victim.full_name in str(app.screen.title_content)
        await press(pilot, "n")
        assert isinstance(app.screen, UserAccountsScreen) and app.screen.table.row_count == 4
        await ask(pilot, "delete")
        await press(pilot, "y")
        assert isinstance(app.screen, UserAccountsScreen)
        assert f"Deleted {victim.full_name}." in notes(app)
        assert app.screen.table.row_count == 3
        assert your_places(app)[0] == f"Removed {victim.full_name}"
    assert count(ui_db_url, select(func.count()).select_from(ClientUser).where(ClientUser.id == victim.id)) == 0
    assert count(ui_db_url, select(func.count()).select_from(AuditEntry)
                 .where(AuditEntry.action == "delete_client_user")) == 1


# --- Settings: the company profile ----------------------------------------------------------------


async def test_profile_edit_names_bad_fields_then_saves_and_renames_the_card(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "s", "e")
        form = app.screen
        assert isinstance(form, ProfileEditForm)
        assert form.fields["company_name"].value == "Acme Widgets"
        fill(form, company_name="Zenith Widgets", country="Narnia", city="")
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert "Country is not a country we know" in text_of(form.fields["country"].query_one(".field-error"))
        assert "City is required" in text_of(form.fields["city"].query_one(".field-error"))
        assert not form.fields["company_name"].has_class("-invalid")
        assert count(ui_db_url, select(Client.name).where(Client.id == ACME)) == "Acme Widgets"
        fill(form, country="Canada", city="Toronto", state="ON", postal_code="M5V 3L9", phone="+1 416 555 0100")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, AccountSettingsScreen)
        assert "Saved the company profile (region AU/CA/NZ)." in notes(app)
        rows = dict(app.screen.query_one("#profile")._rows)
        assert rows["Company name"] == "Zenith Widgets" and rows["Country"] == "CA" and rows["Region"] == "AU/CA/NZ"
        assert card(app).name == "Zenith Widgets"
        assert [c.name for c in app.console_screen.clients.clients][-1] == "Zenith Widgets"  # re-sorted
        assert your_places(app)[0] == "Company profile"


async def test_profile_saved_meanwhile_by_someone_else_says_reload(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "s", "e")
        form = app.screen
        database = Database(ui_db_url)
        with database.write() as session:
            session.execute(update(Client).where(Client.id == ACME).values(phone="+1 217 555 0199",
                                                                            version=Client.version + 1))
        database.dispose()
        fill(form, street="2 Other Street")
        await press(pilot, "ctrl+s")
        assert app.screen is form
        status = text_of(form.query_one("#form-status"))
        assert "Saving the company profile was refused: someone else changed it" in status and "Reload" in status
    assert count(ui_db_url, select(Client.street).where(Client.id == ACME)) == "1 Main Street"


async def test_an_unchanged_profile_saved_by_a_salesperson_writes_nothing(make_ui_app, ui_db_url):
    database = Database(ui_db_url)
    with database.write() as session:  # a phone as people type it, not as the form stores it
        session.execute(update(Client).where(Client.id == ACME).values(phone="(217) 555-0199"))
    database.dispose()
    before = audits(ui_db_url)
    app = make_ui_app(login="sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "s", "e")
        assert isinstance(app.screen, ProfileEditForm)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, AccountSettingsScreen)
        assert "Nothing changed: the values are the ones already saved." in notes(app)
    assert count(ui_db_url, select(Client.phone).where(Client.id == ACME)) == "(217) 555-0199"
    assert audits(ui_db_url) == before


# --- Team Call -------------------------------------------------------------------------------------


async def test_team_call_records_the_call_and_shows_a_joinable_link(make_ui_app, ui_db_url, monkeypatch):
    monkeypatch.setattr("secrets.token_hex", lambda n: "0123456789abcdef")
    app = make_ui_app()
    app.settings = replace(app.settings, team_call_url_template="https://calls.example.org/r/{room}?via=console")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "t")
        screen = app.screen
        assert isinstance(screen, TeamCallScreen)
        people = screen.people
        assert people.option_count == 4 and people.get_option_at_index(3).disabled  # the blocked user
        await press(pilot, "space", "down", "space", "ctrl+s")
        url = "https://calls.example.org/r/call-0123456789abcdef?via=console"
        link = screen.query_one("#link")
        assert url in text_of(link)
        assert any(span.style.link == url for span in link.render().spans if hasattr(span.style, "link"))
        assert screen.query_one("#calls").row_count == 2
        await press(pilot, "y")
        assert app.clipboard == url
        assert f"Copied {url}" in notes(app)
        first_two = [u.full_name for u in screen.page.users[:2]]
        assert your_places(app)[0] == f"Team call with {', '.join(first_two)}"
    assert count(ui_db_url, select(func.count()).select_from(TeamCall).where(TeamCall.url == url)) == 1


async def test_team_call_with_nobody_chosen_says_so(make_ui_app, ui_db_url):
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "t", "ctrl+s")
        screen = app.screen
        assert "Participants: choose at least one of the client's users" in text_of(screen.query_one("#pick-error"))
        assert screen.status.has_class("-error")
        assert "No call was started: tick who joins first" in text_of(screen.status)
    assert count(ui_db_url, select(func.count()).select_from(TeamCall)) == 7  # the seed's calls only


async def test_a_salesperson_may_start_a_team_call(make_ui_app):
    app = make_ui_app(login="sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "t")
        assert isinstance(app.screen, TeamCallScreen) and app.screen.people.option_count == 4
        await press(pilot, "space", "ctrl+s")
        assert "Join the call" in text_of(app.screen.query_one("#link"))


# --- Company Avatar ---------------------------------------------------------------------------------


def image_file(path, fmt: str = "PNG", size: tuple[int, int] = (40, 20)):  # noqa: ANN001, ANN201
    picture = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    picture.save(out, format=fmt)
    path.write_bytes(out.getvalue())
    return path


async def test_avatar_from_a_good_png_is_stored_and_shown(make_ui_app, ui_db_url, tmp_path):
    logo = image_file(tmp_path / "logo.png")
    app = make_ui_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "j")  # Blue Harbor Dental: no avatar yet
        assert not card(app, 2).has_avatar
        await press(pilot, "a")
        screen = app.screen
        assert isinstance(screen, CompanyAvatarScreen) and app.focused is screen.field.input
        assert screen.query_one("AvatarPicture")._note == "(no picture)"
        screen.field.value = f"  '{logo}'  "  # pasted with quotes, as a file manager drops it
        await press(pilot, "enter")
        assert "Stored the new logo (PNG, 40 × 20 pixels" in notes(app)[-1]
        assert screen.query_one("AvatarPicture")._rows
        assert "image/png, 40 × 20 pixels" in text_of(screen.query_one("#avatar-facts"))
        assert card(app, 2).has_avatar
        assert your_places(app, 2)[0] == "Company avatar"
    assert count(ui_db_url, select(Avatar.width).where(Avatar.client_id == 2)) == 40


@pytest.mark.parametrize(
    ("name", "fmt", "message"),
    [("missing.png", None, "does not exist"),
     ("logo.gif", "GIF", "is a GIF image; only PNG and JPEG are accepted"),
     ("notes.png", "text", "is not a picture file (PNG or JPEG) that can be read")],
)
async def test_avatar_from_a_bad_path_names_the_problem_and_stores_nothing(make_ui_app, ui_db_url, tmp_path,
                                                                          name, fmt, message):
    path = tmp_path / name
    if fmt == "text":
        path.write_text("not a picture")
    elif fmt:
        image_file(path, fmt)
    app = make_ui_app()
    before = audits(ui_db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "j", "a")
        screen = app.screen
        screen.field.value = str(path)
        await press(pilot, "enter")
        error = text_of(screen.field.query_one(".field-error"))
        assert error.startswith("✗ Image file") and message in error
        assert screen.status.has_class("-error") and "Nothing was stored" in text_of(screen.status)
        assert not card(app, 2).has_avatar
    assert count(ui_db_url, select(func.count()).select_from(Avatar).where(Avatar.client_id == 2)) == 0
    assert audits(ui_db_url) == before


async def test_recent_places_of_a_team_call_and_an_avatar_open_their_screens(make_ui_app, tmp_path):
    app = make_ui_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "t", "space", "ctrl+s", "escape")
        await press(pilot, "p")
        assert type(app.screen).__name__ == "PlacePicker"
        await press(pilot, "enter")  # your latest place: the call
        assert isinstance(app.screen, TeamCallScreen)


async def test_recent_place_count_grows_with_each_change(make_ui_app, ui_db_url):
    app = make_ui_app()
    before = count(ui_db_url, select(func.count()).select_from(RecentPlace).where(RecentPlace.agency_user_id == 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "u", "n")
        fill(app.screen, full_name="Yan Li", email="yan@client0.example")
        await press(pilot, "ctrl+s", "escape", "t", "space", "ctrl+s")
    after = count(ui_db_url, select(func.count()).select_from(RecentPlace).where(RecentPlace.agency_user_id == 1))
    assert after == before + 2
