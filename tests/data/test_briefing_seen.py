"""The morning briefing is claimed once a day per agency user (``claim_briefing_day``), on both backends."""

from __future__ import annotations

from datetime import date

from console_tui.data.commands.briefing import claim_briefing_day
from console_tui.data.engine import Database
from tests.factories import make_agency, make_user


def test_the_first_claim_of_a_day_wins_once_per_user_and_a_new_day_claims_again(db: Database) -> None:
    with db.write() as session:
        make_agency(session)
        make_user(session, "ann")
        make_user(session, "bob")
    monday, tuesday = date(2026, 11, 23), date(2026, 11, 24)
    assert claim_briefing_day(db, "ann", monday) is True
    assert claim_briefing_day(db, "ann", monday) is False
    assert claim_briefing_day(db, "bob", monday) is True  # each person their own
    assert claim_briefing_day(db, "ann", tuesday) is True
    assert claim_briefing_day(db, "ann", monday) is False  # an earlier day (a clock set back) is not a new one
    assert claim_briefing_day(db, "nobody", tuesday) is False
