"""The morning briefing as words and as plain values (R-HIST-4): what ``console-tui briefing`` prints
(table or JSON) and what the console's briefing panel can show, from one :class:`Briefing`.

Each change is said with an arrow and words (▲ rose, ▼ fell / worse), never by colour alone; stored
names are cleaned as the screens show them (:func:`console_tui.display.safe`).
"""

from __future__ import annotations

from typing import Any

from console_tui.data.views.history import Briefing, MoveLine
from console_tui.display import safe


def _moves(lines: tuple[MoveLine, ...]) -> list[dict[str, Any]]:
    return [{"id": m.client_id, "name": safe(m.name), "change": m.change, "now": m.now} for m in lines]


def briefing_json(b: Briefing) -> dict[str, Any]:
    """The briefing as plain values (dates ISO 8601): what ``--format json`` writes."""
    return {
        "day": b.day.isoformat() if b.day else None,
        "since": b.since.isoformat() if b.since else None,
        "clients": b.clients,
        "status_changes": [{"id": s.client_id, "name": safe(s.name), "old": s.old, "new": s.new, "change": s.word}
                           for s in b.status_changes],
        "opens": {"drops": _moves(b.opens_drops), "rises": _moves(b.opens_rises)},
        "sends": {"drops": _moves(b.sends_drops), "rises": _moves(b.sends_rises)},
        "level_changes": [{"id": x.client_id, "name": safe(x.name), "old": x.old, "new": x.new,
                           "old_score": x.old_score, "new_score": x.new_score, "change": "up" if x.up else "down"}
                          for x in b.level_changes],
        "added": [{"id": c.client_id, "name": safe(c.name)} for c in b.added],
        "removed": [{"id": c.client_id, "name": safe(c.name)} for c in b.removed],
        "limits_reached": [{"id": x.client_id, "name": safe(x.name), "limit": x.limit, "sent": x.sent}
                           for x in b.limits_reached],
        "renewal_windows": [{"id": x.client_id, "name": safe(x.name), "opened": x.opened.isoformat(),
                             "renews": x.renews.isoformat()} for x in b.renewal_windows],
    }


def _move_lines(title: str, lines: tuple[MoveLine, ...]) -> list[str]:
    if not lines:
        return []
    return [title] + [f"  {'▲ rose' if m.change > 0 else '▼ fell'} {abs(m.change):,}  {safe(m.name)} (now {m.now:,})"
                      for m in lines]


def briefing_lines(b: Briefing) -> list[str]:
    """The briefing as lines of text, one section after another; only the sections with something in them."""
    if b.day is None:
        return ["No history yet: the briefing starts once the nightly job has closed a day."]
    if b.since is None:
        return [f"History starts on {b.day.isoformat()}: nothing earlier to compare with yet ({b.clients:,} clients)."]
    lines = [f"What changed from {b.since.isoformat()} to {b.day.isoformat()} ({b.clients:,} clients)"]
    if b.status_changes:
        lines.append(f"Sender status changed ({len(b.status_changes)})")
        lines += [f"  {'▼ worse' if s.word == 'worse' else '▲ better' if s.word == 'better' else '• first status'}"
                  f"  {safe(s.name)}: {s.old} → {s.new}" for s in b.status_changes]
    lines += _move_lines("Opens (30 days): biggest drops", b.opens_drops)
    lines += _move_lines("Opens (30 days): biggest rises", b.opens_rises)
    lines += _move_lines("Sends (30 days): biggest drops", b.sends_drops)
    lines += _move_lines("Sends (30 days): biggest rises", b.sends_rises)
    if b.level_changes:
        lines.append(f"Utilization level changed ({len(b.level_changes)})")
        lines += [f"  {'▲ up' if x.up else '▼ down'}  {safe(x.name)}: {x.old} {x.old_score}% → {x.new} {x.new_score}%"
                  for x in b.level_changes]
    if b.added:
        lines.append(f"Clients added ({len(b.added)})")
        lines += [f"  + {safe(c.name)}" for c in b.added]
    if b.removed:
        lines.append(f"Clients removed ({len(b.removed)})")
        lines += [f"  - {safe(c.name)}" for c in b.removed]
    if b.limits_reached:
        lines.append(f"Email limit reached ({len(b.limits_reached)})")
        lines += [f"  ! {safe(x.name)}: {x.sent:,} sent this cycle, limit {x.limit:,}" for x in b.limits_reached]
    if b.renewal_windows:
        lines.append(f"Pre-renewal window opened ({len(b.renewal_windows)})")
        lines += [f"  • {safe(x.name)}: opened {x.opened.isoformat()}, renews {x.renews.isoformat()}"
                  for x in b.renewal_windows]
    if b.empty:
        lines.append("Nothing changed.")
    return lines
