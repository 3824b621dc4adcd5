"""Team Call, Company Avatar and Recent Places (R-CMC-3 Information and Recent Places)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from console_tui.data.commands.activity import set_avatar, start_team_call
from console_tui.data.engine import Database
from console_tui.data.schema import Avatar, RecentPlace, TeamCall
from console_tui.domain.errors import RuleRefused, ValidationError
from console_tui.domain.wording import TEAM_CALL_PLACE
from tests.conftest import FIXED_NOW
from tests.data.command_helpers import (
    audit_count,
    one_audit,
    seed,
)
from tests.factories import make_client

TEMPLATE = "https://meet.example.com/{room}?from=console"


def image_file(tmp_path: Path, fmt: str = "PNG", size: tuple[int, int] = (24, 16), name: str = "logo") -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 90)).save(buffer, format=fmt)
    path = tmp_path / f"{name}.{fmt.lower()}"
    path.write_bytes(buffer.getvalue())
    return path


# --- Team Call ---------------------------------------------------------------------------------


def test_r_cmc_3_team_call_records_the_call_and_builds_a_safe_link(db: Database, clock) -> None:
    ids = seed(db)
    call = start_team_call(db, clock, "jr", ids.client_id, [ids.client_user_id, ids.other_user_id, ids.client_user_id],
                           url_template=TEMPLATE)
    assert re.fullmatch(r"call-[0-9a-f]{16}", call.room)
    assert call.url == f"https://meet.example.com/{call.room}?from=console"
    assert call.participant_ids == (ids.client_user_id, ids.other_user_id)
    one_audit(db, clock, actor="jr", action="start_team_call", client_id=ids.client_id)
    with db.read() as session:
        row = session.get(TeamCall, call.call_id)
        assert (row.url, row.participant_ids, row.started_at) == (
            call.url, {"ids": list(call.participant_ids)}, FIXED_NOW)
        places = session.scalars(select(RecentPlace).where(RecentPlace.client_id == ids.client_id)).all()
    # Your Recent Places notes the call in the command's own transaction (no second audit row above)
    assert [(p.kind, p.action, p.title.startswith(f"{TEAM_CALL_PLACE} with ")) for p in places] == [
        ("info", "created", True)]


def test_r_cmc_3_team_call_participants_must_be_the_clients_users(db: Database, clock) -> None:
    ids = seed(db)
    with db.write() as session:
        stranger = make_client(session, "Other Co").id
    with pytest.raises(ValidationError, match="choose at least one"):
        start_team_call(db, clock, "admin", ids.client_id, [], url_template=TEMPLATE)
    with pytest.raises(ValidationError, match="not of this client"):
        start_team_call(db, clock, "admin", stranger, [ids.client_user_id], url_template=TEMPLATE)
    assert audit_count(db) == 0


# --- Company Avatar ----------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "mime"), [("PNG", "image/png"), ("JPEG", "image/jpeg")])
def test_r_cmc_3_avatar_from_a_png_or_jpeg_file(db: Database, clock, tmp_path: Path, fmt: str, mime: str) -> None:
    ids = seed(db)
    path = image_file(tmp_path, fmt)
    result = set_avatar(db, clock, "sm", ids.client_id, path)
    assert (result.mime_type, result.width, result.height) == (mime, 24, 16)
    entry = one_audit(db, clock, actor="sm", action="set_avatar", client_id=ids.client_id)
    assert entry.before is None and entry.after["file"] == path.name
    with db.read() as session:
        stored = session.get(Avatar, ids.client_id)
        assert stored.image == path.read_bytes() and stored.mime_type == mime


def test_r_cmc_3_avatar_refuses_bad_files(db: Database, clock, tmp_path: Path) -> None:
    ids = seed(db)
    fake = tmp_path / "fake.png"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really" * 10)
    big = tmp_path / "big.png"
    big.write_bytes(b"\0" * (2 * 1024 * 1024 + 1))
    truncated = tmp_path / "cut.png"
    truncated.write_bytes(image_file(tmp_path, "PNG", (64, 64)).read_bytes()[:60])
    cases = {
        tmp_path / "missing.png": "does not exist",
        fake: "is (not a|a damaged or incomplete) picture file",
        big: "more than 2,097,152",
        image_file(tmp_path, "GIF"): "only PNG and JPEG",
        image_file(tmp_path, "PNG", (5000, 2), "wide"): "at most 4096",
        truncated: "is (not a|a damaged or incomplete) picture file",
    }
    for path, message in cases.items():
        with pytest.raises(ValidationError, match=message):
            set_avatar(db, clock, "admin", ids.client_id, path)
    assert audit_count(db) == 0


def test_r_opt_8_a_locked_rebrand_keeps_the_logo(db: Database, clock, tmp_path: Path) -> None:
    ids = seed(db, rebrand_locked=True)
    with pytest.raises(RuleRefused, match="Client Rebrand is locked"):
        set_avatar(db, clock, "admin", ids.client_id, image_file(tmp_path))
    assert audit_count(db) == 0


# --- Recent Places -----------------------------------------------------------------------------
