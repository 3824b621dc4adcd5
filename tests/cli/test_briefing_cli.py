"""`console-tui briefing` and the changes in `clients list --format json` (R-HIST-2, R-HIST-4), on the demo."""

from __future__ import annotations

import json

from click.testing import CliRunner

from console_tui.cli.main import main
from console_tui.domain.history import FIGURES


def invoke(demo, *args: str):  # noqa: ANN001, ANN201
    return CliRunner().invoke(main, ["--db", demo.url, "--user", demo.login, *args], catch_exceptions=False)


def test_r_hist_4_briefing_json_and_table_on_the_demo(demo_db) -> None:  # noqa: ANN001
    result = invoke(demo_db, "briefing", "--format", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert set(found) == {"day", "since", "clients", "status_changes", "opens", "sends", "level_changes", "added",
                          "removed", "limits_reached", "renewal_windows"}
    assert found["clients"] > 0 and found["since"] < found["day"]
    assert found["sends"]["drops"] or found["sends"]["rises"]
    table = invoke(demo_db, "briefing")
    assert table.exit_code == 0 and table.output.startswith(f"What changed from {found['since']} to {found['day']}")
    assert "Sends (30 days): biggest" in table.output


def test_r_hist_4_briefing_since_must_be_a_past_day(demo_db) -> None:  # noqa: ANN001
    result = CliRunner().invoke(main, ["--db", demo_db.url, "--user", demo_db.login, "briefing",
                                       "--since", "2999-01-01"])
    assert result.exit_code == 2 and "is not in the past" in result.output


def test_r_hist_2_clients_list_json_carries_changes_and_sections(demo_db) -> None:  # noqa: ANN001
    result = invoke(demo_db, "clients", "list", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert all(set(row["changes_1d"]) == set(FIGURES) == set(row["changes_7d"]) for row in rows)
    assert any(row["changes_7d"]["emails_sent_30d"] for row in rows)
    assert all(len(row["utilization_sections"]) == 11 for row in rows if row["changes_1d"]["users"] is not None)
