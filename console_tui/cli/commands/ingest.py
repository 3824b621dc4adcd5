"""``console-tui ingest FILE``: load events from the CRM platform."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from console_tui.cli.context import Context, fail, pass_context
from console_tui.cli.progress import Progress
from console_tui.cli.refusals import refusals
from console_tui.domain.text import clean_text

if TYPE_CHECKING:  # ingest code is imported when the command runs
    from console_tui.data.ingest.load import IngestSummary

PROGRESS_MIN_BYTES = 4 * 1024 * 1024  # smaller files finish before a bar is worth drawing


def summary_lines(name: str, summary: IngestSummary) -> list[str]:
    lines = [
        f"ingested {name}: read {summary.read:,}, inserted {summary.inserted:,}, "
        f"duplicates {summary.duplicates:,}, rejected {summary.rejected:,} "
        f"in {summary.elapsed_s:.2f} s ({summary.events_per_s:,.0f} events/s)"
    ]
    if summary.blank:
        lines.append(f"skipped {summary.blank:,} blank line{'' if summary.blank == 1 else 's'}")
    if summary.reasons:
        lines.append("rejected by reason:")
        width = len(f"{summary.reasons[0][1]:,}")
        lines += [f"  {count:>{width},}  {kind}" for kind, count in summary.reasons]
    if summary.rejects_path is not None:
        lines.append(f"rejected lines written to {clean_text(str(summary.rejects_path))} ({summary.rejected:,})")
    return lines


@click.command()
@click.argument("file", metavar="FILE", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]),
              help="jsonl or csv; default: from FILE's extension (.jsonl .ndjson .json / .csv), jsonl for -.")
@click.option("--rejects", metavar="FILE", type=click.Path(dir_okay=False, allow_dash=False, path_type=Path),
              help="Write every rejected line here with its line number and reason, ready to fix and load again.")
@pass_context
def ingest(context: Context, file: Path, fmt: str | None, rejects: Path | None) -> None:
    """Load events from FILE (JSON Lines or CSV with a header; - reads standard input). Administrators only.

    Every line is checked; a bad line is reported as FILE:LINE: reason (on stderr, or in the
    --rejects file) and the good lines still load. Loading the same file again adds nothing:
    events whose id is already stored count as duplicates. Blank lines are skipped; an event
    dated later than now plus the future_tolerance_minutes setting (60) is rejected.

    \b
    Exit status:
      0  every line loaded (or was a duplicate)
      1  some lines rejected; all the good ones loaded
      2  nothing done: no such file, unknown format, bad CSV header
      3  database failure: committed chunks stay; running again is safe
    """
    from sqlalchemy.exc import SQLAlchemyError

    from console_tui.data import migrate
    from console_tui.data.commands.system import authorize, record
    from console_tui.data.ingest.load import BadLine, IngestAborted, IngestError, guess_format, ingest_file
    from console_tui.domain.permissions import Action

    name = "<stdin>" if str(file) == "-" else clean_text(str(file))  # a file name is printed: cleaned
    try:
        fmt = fmt or guess_format(file)
    except IngestError as error:
        fail(str(error))
    if str(file) != "-" and not file.is_file():
        fail(f"no such file: {name}" if not file.exists() else f"not a file: {name}")

    size = file.stat().st_size if str(file) != "-" else 0
    bars = Progress()

    def print_reject(bad: BadLine) -> None:
        bars.echo(f"{name}:{bad.line}: {bad.reason}")  # above the bar, never on its line

    def run(progress: Callable[[int], None] | None) -> IngestSummary:
        return ingest_file(context.db, file, fmt=fmt, rejects=rejects, progress=progress,
                           on_reject=None if rejects is not None else print_reject, clock=context.clock,
                           future_tolerance=timedelta(minutes=context.settings.future_tolerance_minutes))

    with refusals():
        migrate.ensure_schema(context.db)
        authorize(context.db, context.login, Action.INGEST_EVENTS)
    try:
        if size >= PROGRESS_MIN_BYTES:
            with bars:
                summary = run(lambda done: bars("Ingesting (bytes)", done, size))
        else:
            summary = run(None)
    except IngestError as error:
        fail(str(error))
    except IngestAborted as error:
        click.echo("\n".join(summary_lines(name, error.summary)))
        fail(clean_text(str(error)), code=3)  # a driver message may quote the data
    except SQLAlchemyError as error:
        cause = str(getattr(error, "orig", None) or error).splitlines()[0]
        fail(f"the database is unavailable: {clean_text(cause)}", code=3)
    except KeyboardInterrupt as error:  # IngestInterrupted says how many events were stored
        fail(str(error) or "interrupted: the chunks already committed stay; running the same file again is safe",
             code=130)

    with refusals():
        record(context.db, context.clock, context.login, Action.INGEST_EVENTS, after={
            "file": name, "format": fmt, "read": summary.read, "inserted": summary.inserted,
            "duplicates": summary.duplicates, "rejected": summary.rejected})
    if rejects is not None:
        for bad in summary.first_rejects:
            click.echo(f"{name}:{bad.line}: {bad.reason}", err=True)
        if summary.rejected > len(summary.first_rejects):
            more = summary.rejected - len(summary.first_rejects)
            click.echo(f"… and {more:,} more in {clean_text(str(rejects))}", err=True)
    click.echo("\n".join(summary_lines(name, summary)))
    sys.exit(1 if summary.rejected else 0)
