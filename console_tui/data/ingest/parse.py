"""Parsing and validating event lines for :mod:`console_tui.data.ingest.load`.

A reader turns a binary stream into, per line, either a row tuple ready for the ``event`` table
(in :data:`COLUMNS` order) or a :class:`BadLine` saying which line and why. Both formats stream:
one line (one CSV record) at a time, never the whole file.

The checks are cheap on purpose (this is the hot path of a million-line ingest): exact type
tests, a frozenset of types, a set of client ids loaded once, ``datetime.fromisoformat``, and
:func:`clean_text` only for text that ``str.isprintable`` says holds something to remove.

Rules **[decision]**:

* ``id``, ``client_id``, ``type``, ``occurred_at`` are required; a missing, ``null`` or empty
  value is "missing field". ``id`` is text or a whole number, at most 100 characters, with no
  control or invisible characters (an id is never silently changed).
* ``client_id`` and ``quantity`` are JSON whole numbers or digit strings (CSV has only strings);
  floats (even ``1.0``), NaN, infinities, booleans, negatives and zero are refused;
  ``quantity`` defaults to 1 and may not exceed :data:`MAX_QUANTITY`.
* ``occurred_at`` is ISO 8601 with a UTC offset (``Z`` or ``±hh:mm``); a naive time is refused,
  so is an impossible date (2026-02-30), and so is a time later than ``not_after`` (now plus the
  ``future_tolerance_minutes`` setting): an event cannot have happened yet, and one dated weeks
  ahead would count as sent in the current cycle. It is stored in UTC.
* A blank or whitespace-only line is no record: it is skipped (counted apart), never a reject.
* ``actor``, ``title``, ``content_type`` are optional text: cleaned of control and escape
  characters (:func:`clean_text`), otherwise kept as written (markup-looking text included);
  empty becomes NULL; longer than its column is refused (PostgreSQL would refuse the chunk).
* Other fields are ignored, so ``_line``/``_reject_reason`` of a fixed rejects file do no harm.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, BinaryIO, TextIO

from console_tui.domain import lengths
from console_tui.domain.text import clean_text

COLUMNS = ("external_id", "client_id", "type", "occurred_at", "quantity", "actor", "title", "content_type")
REQUIRED = ("id", "client_id", "type", "occurred_at")
EVENT_TYPES = frozenset({
    "contact_added", "email_sent", "email_opened", "email_bounced", "spam_complaint", "unsubscribed",
    "page_impression", "client_login", "content_created", "content_edited", "email_job_scheduled",
})
MAX_ID = lengths.EVENT_ID  # event.external_id
TEXT_LIMITS = {"actor": lengths.ACTOR, "title": lengths.TITLE, "content_type": lengths.CONTENT_TYPE}  # event columns
MAX_QUANTITY = 10**9
REJECT_COLUMNS = ("_line", "_reject_reason")

Row = tuple[Any, ...]
Validate = Callable[[Mapping[str, Any]], Row]


class Rejected(Exception):
    """Raised by the validator: ``kind`` groups the summary, ``detail`` names the value."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(kind, detail)
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True, slots=True)
class BadLine:
    line: int  # 1-based physical line where the record starts
    kind: str
    detail: str
    original: Any  # jsonl: the line's text; csv: the record's fields

    @property
    def reason(self) -> str:
        return f"{self.kind}: {self.detail}" if self.detail else self.kind


def _shown(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind_of(value: Any) -> str:
    return {bool: "a boolean", float: "a decimal number", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__)


def _whole(value: Any, field: str) -> int:
    """A whole number from JSON (int, not bool) or a digit string (CSV); anything else refused."""
    if type(value) is int:
        return value
    if value is None or value == "":
        raise Rejected("missing field", field)
    if type(value) is str:
        digits = value.strip()
        if digits.isascii() and digits.isdigit():
            if len(digits) > 18:  # int() refuses over 4,300 digits; nothing valid is this long
                raise Rejected(f"bad {field}", f"{_shown(value, 30)} is too large")
            return int(digits)
        raise Rejected(f"bad {field}", f"{_shown(value)} is not a whole number")
    if type(value) is float:
        raise Rejected(f"bad {field}", f"{value!r} is not a whole number")
    raise Rejected(f"bad {field}", f"must be a whole number, not {_kind_of(value)}")


def _text(value: Any, field: str) -> str | None:
    if type(value) is not str:
        if value is None:
            return None
        raise Rejected(f"bad {field}", f"must be text, not {_kind_of(value)}")
    text: str = value  # exactly a str, checked above
    if not text.isprintable():
        text = clean_text(text)
    if not text:
        return None
    if len(text) > TEXT_LIMITS[field]:
        raise Rejected(f"bad {field}", f"too long ({len(text)} > {TEXT_LIMITS[field]} characters)")
    return text


def sqlite_time(moment: datetime) -> str:
    """UTC text as SQLAlchemy's SQLite DATETIME stores it, ``YYYY-MM-DD HH:MM:SS.ffffff``
    (a test pins the equivalence); the slice drops the ``+00:00`` of the aware value."""
    offset = moment.utcoffset()
    if offset:
        moment = moment - offset
    return moment.isoformat(" ", "microseconds")[:26]


def postgres_time(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def make_validator(client_ids: set[int] | frozenset[int], db_time: Callable[[datetime], Any],
                   not_after: datetime | None = None) -> Validate:
    """The per-record check: a mapping in, a row tuple out (or :class:`Rejected`).

    ``not_after`` (aware): an ``occurred_at`` later than this is refused as "in the future".
    """
    if not_after is not None and not_after.tzinfo is None:
        raise ValueError("not_after must be an aware datetime")
    latest = f"{not_after.astimezone(UTC):%Y-%m-%d %H:%M} UTC" if not_after is not None else ""
    types = EVENT_TYPES
    from_iso = datetime.fromisoformat

    def validate(record: Mapping[str, Any]) -> Row:
        get = record.get
        ext = get("id")
        if type(ext) is not str:
            if type(ext) is int:
                ext = str(ext)
            elif ext is None:
                raise Rejected("missing field", "id")
            else:
                raise Rejected("bad id", f"must be text, not {_kind_of(ext)}")
        if not ext:
            raise Rejected("missing field", "id")
        if len(ext) > MAX_ID:
            raise Rejected("bad id", f"too long ({len(ext)} > {MAX_ID} characters)")
        if not ext.isprintable() or ext.isspace():
            raise Rejected("bad id", f"{_shown(ext)} holds control, invisible or only blank characters")

        client = get("client_id")
        if type(client) is not int:
            client = _whole(client, "client_id")
        if client not in client_ids:
            raise Rejected("unknown client", str(client))

        kind = get("type")
        if type(kind) is not str or kind not in types:
            if kind is None or kind == "":
                raise Rejected("missing field", "type")
            raise Rejected("unknown type", _shown(kind))

        stamp = get("occurred_at")
        if type(stamp) is not str or not stamp:
            if stamp is None or stamp == "":
                raise Rejected("missing field", "occurred_at")
            raise Rejected("bad occurred_at", f"must be ISO 8601 text, not {_kind_of(stamp)}")
        try:
            moment = from_iso(stamp)
        except ValueError as error:
            raise Rejected("bad occurred_at", f"{_shown(stamp)} ({error})") from None
        if moment.tzinfo is None:
            raise Rejected("occurred_at without UTC offset", _shown(stamp))
        try:
            when = db_time(moment)
            future = not_after is not None and moment > not_after
        except OverflowError:
            raise Rejected("bad occurred_at", f"{_shown(stamp)} is out of range") from None
        if future:
            raise Rejected("in the future", f"{_shown(stamp)} is later than {latest} (now plus the tolerance)")

        quantity = get("quantity")
        if type(quantity) is not int:
            quantity = 1 if quantity is None or quantity == "" else _whole(quantity, "quantity")
        if quantity < 1 or quantity > MAX_QUANTITY:
            raise Rejected("bad quantity", f"{quantity} is not between 1 and {MAX_QUANTITY:,}")

        actor = get("actor")
        title = get("title")
        content_type = get("content_type")
        return (
            ext, client, kind, when, quantity,
            None if actor is None else _text(actor, "actor"),
            None if title is None else _text(title, "title"),
            None if content_type is None else _text(content_type, "content_type"),
        )

    return validate


class FormatError(Exception):
    """The file as a whole cannot be read in this format (e.g. a CSV header without ``type``)."""


class JsonlReader:
    """One JSON object per line. Rejects file: the original line with ``_line`` and
    ``_reject_reason`` added, or ``{"_line", "_reject_reason", "_raw"}`` when it was no object."""

    def __init__(self, stream: BinaryIO, validate: Validate) -> None:
        self.stream = stream
        self.validate = validate
        self.blank = 0  # blank or whitespace-only lines skipped

    def __iter__(self) -> Iterator[Row | BadLine]:
        loads = json.loads
        # what loads() ends in, without its three wrappers; typeshed does not declare it
        scan = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
        validate = self.validate
        for number, raw in enumerate(self.stream, 1):
            try:
                text = raw.decode()
                if text[:1] == "{":  # the usual line: an object, then the newline
                    try:
                        record, end = scan(text, 0)
                    except StopIteration:
                        record = loads(text)  # raises the proper JSONDecodeError
                    else:
                        if end != len(text) and not text[end:].isspace():
                            record = loads(text)  # extra data after the object: raises
                else:
                    if number == 1:
                        text = text.lstrip("\ufeff")
                    if not text.strip():  # off the hot path: only lines that are no object get here
                        self.blank += 1
                        continue
                    record = loads(text)
            except (ValueError, RecursionError) as error:  # RecursionError: absurdly deep nesting
                yield self._unparsable(number, raw, error)
                continue
            if type(record) is not dict:
                yield BadLine(number, "not a JSON object", _kind_of(record), raw)
                continue
            try:
                yield validate(record)
            except Rejected as rejected:
                yield BadLine(number, rejected.kind, rejected.detail, raw)

    @staticmethod
    def _unparsable(number: int, raw: bytes, error: ValueError | RecursionError) -> BadLine:
        if isinstance(error, UnicodeDecodeError):
            return BadLine(number, "not valid UTF-8", f"byte {error.start + 1}", raw)
        try:  # again without the newline, for a message about this line only
            json.loads(raw.decode().rstrip("\r\n"))
        except json.JSONDecodeError as again:
            return BadLine(number, "bad JSON", f"{again.msg} at column {again.colno}", raw)
        except (ValueError, RecursionError) as again:
            return BadLine(number, "bad JSON", str(again), raw)
        return BadLine(number, "bad JSON", str(error), raw)

    def rejects_writer(self, out: TextIO) -> Callable[[BadLine], None]:
        def write(bad: BadLine) -> None:
            text = bad.original.decode("utf-8", "backslashreplace").lstrip("\ufeff").strip()
            extra = json.dumps({"_line": bad.line, "_reject_reason": bad.reason}, ensure_ascii=False)
            try:
                record = json.loads(text) if bad.kind not in ("bad JSON", "not valid UTF-8") else None
            except ValueError:
                record = None
            if type(record) is dict and record and not set(REJECT_COLUMNS) & record.keys():
                out.write(f"{text[:-1].rstrip()}, {extra[1:]}\n")  # the line as written, plus two keys
            elif type(record) is dict:
                kept = {**record, "_line": bad.line, "_reject_reason": bad.reason}
                out.write(json.dumps(kept, ensure_ascii=False) + "\n")
            else:
                out.write(f'{extra[:-1]}, "_raw": {json.dumps(text, ensure_ascii=False)}}}\n')

        return write


def _blank(fields: list[str]) -> bool:
    """A CSV record read from a blank or whitespace-only line."""
    return not fields or (len(fields) == 1 and not fields[0].strip())


class CsvReader:
    """Comma-separated with a header row naming the fields (any order, any case). Rejects file:
    the same header plus ``_line`` and ``_reject_reason`` columns, the record's fields as read
    (a record the CSV parser itself refused comes whole, as text, in the first column)."""

    def __init__(self, stream: BinaryIO, validate: Validate) -> None:
        self.stream = stream
        self.validate = validate
        self.bad_utf8: set[int] = set()
        self.blank = 0  # blank or whitespace-only lines skipped
        self.header: list[str] = []
        self.record_text: list[str] = []  # the lines of the record being read (for "bad CSV")

    def _lines(self) -> Iterator[str]:
        keep = self.record_text.append
        for number, raw in enumerate(self.stream, 1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                self.bad_utf8.add(number)
                text = raw.decode("utf-8", "backslashreplace")
            if number == 1:
                text = text.lstrip("\ufeff")
            keep(text)
            yield text

    def __iter__(self) -> Iterator[Row | BadLine]:
        reader = csv.reader(self._lines())
        try:
            self.header = next(reader)
            while _blank(self.header):
                self.blank += 1
                self.header = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FormatError(f"unreadable CSV header: {error}") from None
        names = [name.strip().lower() for name in self.header]
        missing = [name for name in REQUIRED if name not in names]
        if missing:
            raise FormatError(f"the CSV header lacks {', '.join(missing)} (it has: {', '.join(self.header)})")
        width = len(names)
        validate = self.validate
        bad_utf8 = self.bad_utf8
        end = reader.line_num
        record_text = self.record_text
        while True:
            start = end + 1
            record_text.clear()
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as error:  # e.g. a field over csv.field_size_limit(); the reader goes on
                end = reader.line_num
                yield BadLine(start, "bad CSV", str(error), ["".join(record_text).rstrip("\r\n")])
                continue
            end = reader.line_num
            if bad_utf8 and any(n in bad_utf8 for n in range(start, end + 1)):
                yield BadLine(start, "not valid UTF-8", "bytes shown as \\xNN", fields)
            elif len(fields) != width:
                if _blank(fields):
                    self.blank += 1
                else:
                    yield BadLine(start, "wrong number of fields", f"{len(fields)}, the header has {width}", fields)
            else:
                try:
                    yield validate(dict(zip(names, fields, strict=True)))
                except Rejected as rejected:
                    yield BadLine(start, rejected.kind, rejected.detail, fields)

    def rejects_writer(self, out: TextIO) -> Callable[[BadLine], None]:
        writer = csv.writer(out, lineterminator="\n")
        keep = [i for i, name in enumerate(self.header) if name.strip().lower() not in REJECT_COLUMNS]
        width = len(self.header)
        started = False

        def write(bad: BadLine) -> None:
            nonlocal started
            if not started:
                writer.writerow([self.header[i] for i in keep] + list(REJECT_COLUMNS))
                started = True
            fields = bad.original
            kept = [fields[i] if i < len(fields) else "" for i in keep]
            writer.writerow(kept + [bad.line, bad.reason] + fields[width:])

        return write


READERS: dict[str, type[JsonlReader] | type[CsvReader]] = {"jsonl": JsonlReader, "csv": CsvReader}
