"""The Information section's actions: Team Call, Company Avatar, and Recent Places (R-CMC-3).

Decisions:

* **Team Call** — participants are chosen among the client's own users, none blocked, at least one.
  The room name is ``call-`` plus 16 random hex digits from :mod:`secrets`: unguessable, and safe
  in any URL without escaping. It replaces ``{room}`` in the URL template (a setting).
* **Company Avatar** — a local PNG or JPEG file of at most 2 MB (and at most 4,096 pixels a side),
  checked by Pillow (``Image.open`` + ``verify``) from the bytes read once, so what is stored is what
  was checked. **[decision]** While Client Rebrand is locked (R-OPT-8) the agency's logo is used
  and the client's logo cannot be changed — by anyone: an Administrator unlocks Client Rebrand
  first. That keeps one meaning for the lock and never stores a logo nobody would see.
* **Recent Places** — "Your Recent Places" are what an agency user added or edited inside a client:
  every command that adds or edits client info or users notes it with :func:`note_place`, in its
  own transaction, so a place is never recorded for a change that did not happen.
"""

from __future__ import annotations

import io
import secrets
import warnings
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select

from console_tui.clock import Clock
from console_tui.data.commands.base import Work, unit_of_work
from console_tui.data.engine import Database
from console_tui.data.schema import Avatar, ClientUser, RecentPlace, TeamCall
from console_tui.data.views.results import AvatarSet, TeamCallStarted
from console_tui.domain import lengths
from console_tui.domain.errors import RuleRefused, ValidationError
from console_tui.domain.permissions import Action
from console_tui.domain.support import client_may_upload_logo
from console_tui.domain.text import clean_text
from console_tui.domain.wording import AVATAR_PLACE, TEAM_CALL_PLACE, article

MAX_AVATAR_BYTES = 2 * 1024 * 1024
MAX_AVATAR_SIDE = 4096
AVATAR_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
MAX_TITLE = lengths.TITLE


def note_place(work: Work, kind: str, title: str, action: str, content_item_id: int | None = None) -> RecentPlace:
    """Add a "Your Recent Places" entry for the acting user inside the current command's client."""
    assert work.client is not None
    place = RecentPlace(client_id=work.client.id, agency_user_id=work.user.id, content_item_id=content_item_id,
                        kind=kind, title=clean_text(title).strip()[:MAX_TITLE] or "(untitled)", action=action,
                        occurred_at=work.now)
    work.session.add(place)
    return place


def start_team_call(db: Database, clock: Clock, login: str, client_id: int, participant_ids: Sequence[int], *,
                    url_template: str) -> TeamCallStarted:
    """Start a call with some of the client's users; records it and returns the joinable link."""
    if "{room}" not in url_template:
        raise ValueError("the team call URL template must contain {room}")
    wanted = tuple(dict.fromkeys(int(i) for i in participant_ids))
    with unit_of_work(db, clock, login, Action.TEAM_CALL, client_id=client_id) as work:
        if not wanted:
            raise ValidationError({"participants": "choose at least one of the client's users"},
                                  what="Starting the team call")
        found = {
            user.id: user for user in work.session.scalars(
                select(ClientUser).where(ClientUser.client_id == client_id, ClientUser.id.in_(wanted)))
        }
        strangers = [str(i) for i in wanted if i not in found]
        if strangers:
            which = f"user {strangers[0]} is" if len(strangers) == 1 else f"users {', '.join(strangers)} are"
            raise ValidationError({"participants": f"include {which} not of this client"},
                                  what="Starting the team call", todo="Choose among the client's users")
        blocked = [found[i].full_name for i in wanted if found[i].blocked]
        if blocked:
            raise RuleRefused("Starting the team call",
                              f"{', '.join(blocked)} {'is' if len(blocked) == 1 else 'are'} blocked",
                              "Unblock them in User Accounts or leave them out")
        room = f"call-{secrets.token_hex(8)}"
        call = TeamCall(client_id=client_id, started_by_id=work.user.id, started_at=work.now,
                        url=url_template.replace("{room}", room), participant_ids={"ids": list(wanted)})
        work.session.add(call)
        work.session.flush()
        names = ", ".join(found[i].full_name for i in wanted)
        note_place(work, "info", f"{TEAM_CALL_PLACE} with {names}"[:MAX_TITLE], "created")
        work.audit(before=None, after={"team_call": call.id, "url": call.url, "participants": list(wanted)},
                   action="start_team_call")
        return TeamCallStarted(call.id, call.url, room, wanted)


def _read_image(path: Path) -> tuple[bytes, str, int, int]:
    """The file's bytes, MIME type and size, or :class:`ValidationError` saying what is wrong."""
    from PIL import Image, UnidentifiedImageError

    def bad(problem: str) -> ValidationError:
        return ValidationError({"image": problem}, what="Setting the company avatar",
                               todo="Choose a PNG or JPEG file of at most 2 MB", labels={"image": "The file"})

    if not path.is_file():
        raise bad(f"{path} {'is not a file' if path.exists() else 'does not exist'}")
    if path.stat().st_size > MAX_AVATAR_BYTES:
        raise bad(f"is {path.stat().st_size:,} bytes, more than {MAX_AVATAR_BYTES:,} (2 MB)")
    data = path.read_bytes()
    if len(data) > MAX_AVATAR_BYTES:
        raise bad(f"is more than {MAX_AVATAR_BYTES:,} bytes (2 MB)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                fmt, (width, height) = image.format, image.size
                image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise bad("is not a picture file (PNG or JPEG) that can be read") from None
    except Exception:  # truncated or corrupt data: Pillow raises many kinds
        raise bad("is a damaged or incomplete picture file") from None
    if fmt not in AVATAR_FORMATS:
        raise bad(f"is {article(str(fmt))} image; only PNG and JPEG are accepted")
    if not (0 < width <= MAX_AVATAR_SIDE and 0 < height <= MAX_AVATAR_SIDE):
        raise bad(f"is {width}x{height} pixels; at most {MAX_AVATAR_SIDE} a side")
    return data, AVATAR_FORMATS[fmt], width, height


def set_avatar(db: Database, clock: Clock, login: str, client_id: int, path: str | Path) -> AvatarSet:
    """Add or change the client's company logo from a local PNG/JPEG file (R-CMC-3, R-OPT-8)."""
    with unit_of_work(db, clock, login, Action.SET_AVATAR, client_id=client_id) as work:
        client = work.client
        assert client is not None
        if not client_may_upload_logo(client.rebrand_locked):
            raise RuleRefused("Changing the company avatar",
                              "Client Rebrand is locked, so the agency's logo is used and the client's logo "
                              "cannot be changed", "Ask an Administrator to unlock Client Rebrand first")
        data, mime, width, height = _read_image(Path(path))
        avatar = work.session.get(Avatar, client_id)
        before = None if avatar is None else {"mime_type": avatar.mime_type, "width": avatar.width,
                                              "height": avatar.height, "bytes": len(avatar.image)}
        if avatar is None:
            avatar = Avatar(client_id=client_id)
            work.session.add(avatar)
        avatar.mime_type, avatar.width, avatar.height = mime, width, height
        avatar.image, avatar.updated_at = data, work.now
        note_place(work, "info", AVATAR_PLACE, "edited" if before else "created")
        work.audit(before=before, after={"mime_type": mime, "width": width, "height": height, "bytes": len(data),
                                         "file": Path(path).name}, action="set_avatar")
        return AvatarSet(mime, width, height, len(data))
