"""Client detail's utilization activities (R-UT-1): the whole catalogue in section order, each done
or not yet by this client only — on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import date

from console_tui.data.queries.client import client_detail
from console_tui.data.schema import UtilizationActivity, UtilizationCompletion, UtilizationSection
from tests.factories import T0, make_agency, make_client, make_user

TODAY = date(2026, 1, 20)


def test_r_ut_1_detail_lists_every_activity_done_or_not_yet_by_this_client(db) -> None:  # noqa: ANN001
    with db.write() as session:
        make_agency(session)
        make_user(session, "boss")
        bloom, other = make_client(session, "Bloom Florists"), make_client(session, "Other Co")
        forms, email = UtilizationSection(name="Forms", position=2), UtilizationSection(name="Email", position=1)
        session.add_all([forms, email])
        session.flush()
        made = UtilizationActivity(section_id=forms.id, key="form_created", name="Form created", weight=3)
        embedded = UtilizationActivity(section_id=forms.id, key="form_embedded", name="Form embedded", weight=1)
        sent = UtilizationActivity(section_id=email.id, key="email_sent", name="Email sent", weight=4)
        session.add_all([made, embedded, sent])
        session.flush()
        session.add_all([UtilizationCompletion(client_id=bloom.id, activity_id=made.id, completed_at=T0),
                         UtilizationCompletion(client_id=other.id, activity_id=sent.id, completed_at=T0),
                         UtilizationCompletion(client_id=None, activity_id=embedded.id, completed_at=T0)])
        bloom_id = bloom.id
    detail = client_detail(db, "boss", bloom_id, TODAY)
    # the catalogue's order (Email before Forms), another client's and the agency's own completions not counted
    assert [(a.section, a.name, a.weight, a.done_at is not None) for a in detail.activities] == [
        ("Email", "Email sent", 4, False), ("Forms", "Form created", 3, True), ("Forms", "Form embedded", 1, False)]
    assert [a.name for a in detail.section_activities("Forms")] == ["Form created", "Form embedded"]
    assert detail.section_activities("Sales") == ()
