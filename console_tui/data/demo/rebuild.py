"""Rebuilding a database that holds an agency: built aside, swapped in only when complete.

An interrupted rebuild (Ctrl+C, SIGTERM, a crash, a full disk) must leave the old agency exactly
as it was, so nothing of it is touched until the new one is whole:

* **SQLite**: the demo is built into a new file next to the old one (same directory, so the
  rename stays on one file system), rolled up and checkpointed; then ``os.replace`` puts it in
  the old file's place in one atomic step. The old file's ``-wal``/``-shm`` must not outlive it
  (SQLite would replay an old write-ahead log onto the new file), so the old database is
  checkpointed and closed first, and the rebuild is refused while another program holds it open.
* **PostgreSQL**: one transaction empties every table (``TRUNCATE``, transactional there) and
  writes the new agency; a rollback brings every old row back.

The new database's audit log starts with one ``rebuild_database`` row: who rebuilt it, and the
agency it replaced (the old audit log goes with the old data).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

from console_tui.clock import Clock
from console_tui.data.demo.build import DemoRefused, DemoSummary, Progress, agency_name, build_demo
from console_tui.data.engine import Database

SIDECARS = ("-wal", "-shm", "-journal")


def rebuild_demo(db: Database, clock: Clock, *, clients: int, days: int, seed: int, admin_login: str,
                 progress: Progress | None = None) -> DemoSummary:
    """Replace everything in ``db`` with a new demo agency; the caller has checked the permission."""
    before = {"agency": agency_name(db)}
    if not db.is_sqlite:
        return build_demo(db, clock, clients=clients, days=days, seed=seed, admin_login=admin_login,
                          progress=progress, replace=True, audit=before)
    path = _sqlite_path(db)
    _release(db, path)  # refuse before a long build, not only after it
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".rebuild", dir=path.parent)
    os.close(fd)
    aside = Path(name)
    new = Database(f"sqlite:///{aside}")
    try:
        summary = build_demo(new, clock, clients=clients, days=days, seed=seed, admin_login=admin_login,
                             progress=progress, audit=before)
        new.dispose()
        _release(db, path)
        os.replace(aside, path)
    except BaseException:  # Ctrl+C and SIGTERM too: the old file was never touched
        new.dispose()
        _remove(aside)
        raise
    return summary


def _sqlite_path(db: Database) -> Path:
    database = make_url(db.url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise DemoRefused("only a database in a file can be rebuilt")
    return Path(database).resolve()


def _release(db: Database, path: Path) -> None:
    """Close our connections and fold the write-ahead log into the file; refuse if others have it open."""
    db.dispose()
    connection = sqlite3.connect(path, timeout=5)
    try:
        busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    finally:
        connection.close()  # the last connection to close removes -wal and -shm
    held = [suffix for suffix in ("-wal", "-shm") if Path(f"{path}{suffix}").exists()]
    if busy or held:
        raise DemoRefused(f"another program (a console or a worker?) has {path.name} open; "
                          "close it and run the command again. Nothing was changed")


def _remove(path: Path) -> None:
    for suffix in ("", *SIDECARS):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
