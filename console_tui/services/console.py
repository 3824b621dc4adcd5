"""The app's one door to the data: a thin facade over the database, the acting login and the clock.

:class:`ConsoleApp` receives a :class:`Services` by constructor, built once in ``make_app``. Every method
is synchronous and may block: call them from thread workers only, never on the event loop.
Methods return frozen dataclasses and raise :class:`~console_tui.domain.errors.DomainError`
(refusals with a readable message) or :class:`~console_tui.data.queries.console.UnknownUser`.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from console_tui.clock import Clock, local_today
from console_tui.data.engine import Database
from console_tui.data.queries.console import acting_user, console_overview
from console_tui.data.schema import RollupState
from console_tui.data.views.console import ClientSummary, ConsoleOverview

if TYPE_CHECKING:  # one client's queries and views, and the form rules, load when first used
    from console_tui.data.views.client import (
        AgencyFacts,
        AvatarInfo,
        ChargeRow,
        ClientDetail,
        ClientUserRow,
        CompanyProfile,
        ContentPage,
        InstanceDashboard,
        TeamCallPage,
        TeamCallRow,
    )
    from console_tui.data.views.compare import ComparePage
    from console_tui.data.views.history import AgencyTrend, Briefing, ChangesPage, Trend
    from console_tui.data.views.kiosk import AgencyPage
    from console_tui.data.views.results import AvatarSet, ProfileSaved, TeamCallStarted
    from console_tui.data.views.saved import SavedView
    from console_tui.data.views.what_if import ScheduledJobsPage
    from console_tui.domain.filters import ClientFacts
    from console_tui.domain.forms import ProfileForm


#: Clients in the console's first frame: more cards than the tallest terminal shows.
FIRST_PAGE = 60


class Services:
    """What the console may ask of the data layer, on behalf of one agency user."""

    def __init__(self, db: Database, login: str, clock: Clock) -> None:
        self.db = db
        self.login = login
        self.clock = clock
        self._first: Future[ConsoleOverview] | None = None

    @property
    def today(self) -> date:
        return local_today(self.clock)

    def prepare(self) -> None:
        """Bring the schema up to date, then check the acting user exists (raises UnknownUser)."""
        from console_tui.data.migrate import ensure_schema

        ensure_schema(self.db)
        with self.db.read() as session:
            acting_user(session, self.login)

    def overview(self, *, with_places: bool = True) -> ConsoleOverview:
        """Everything the console shows; without Recent Places, the clients in one flat query."""
        return console_overview(self.db, self.login, with_places=with_places)

    def prefetch(self) -> None:
        """Start loading :meth:`first_overview` in a thread now, while the UI is still starting."""
        future: Future[ConsoleOverview] = Future()

        def load() -> None:
            try:
                future.set_result(self._first_page())
            except BaseException as error:  # handed to whoever asks for the result
                future.set_exception(error)

        self._first = future
        threading.Thread(target=load, name="console-prefetch", daemon=True).start()

    def first_overview(self) -> ConsoleOverview:
        """The first screenful: the first :data:`FIRST_PAGE` clients by name without Recent Places, and
        how many there are (the prefetched one, the first time)."""
        future, self._first = self._first, None
        if future is not None:
            return future.result()
        return self._first_page()

    def _first_page(self) -> ConsoleOverview:
        return console_overview(self.db, self.login, with_places=False, first=FIRST_PAGE)

    def client_facts(self, pre_renewal_days: int) -> tuple[ClientFacts, ...]:
        """What the filter language reads about every client the user may access (the console's
        clients): for the search lines' field terms (three flat queries, ~1 s at 10,000 clients)."""
        from console_tui.data.queries.client_facts import client_facts

        return client_facts(self.db, self.login, self.today, self.clock.tz, pre_renewal_days=pre_renewal_days)

    def changes(self) -> ChangesPage:
        """Every client's changes against yesterday and 7 days ago (figure → change), whether its sender
        status changed overnight, and its utilization section scores (R-HIST-2, R-HIST-3): the cards'
        marks. Five reads of whole history days (~0.1 s at 10,000 clients)."""
        from console_tui.data.queries.history import client_changes

        return client_changes(self.db, self.login)

    def briefing(self, pre_renewal_days: int, *, since: date | None = None) -> Briefing:
        """What changed for the user's clients since the day before the latest history day, or since
        ``since`` (R-HIST-4): the morning briefing's panel and ``console-tui briefing``."""
        from console_tui.data.queries.history import briefing

        return briefing(self.db, self.login, since=since, window_days=pre_renewal_days)

    def first_briefing_today(self) -> bool:
        """True the first time the acting user asks today (by the clock's day), recorded as it answers:
        the console opens the morning briefing then."""
        from console_tui.data.commands.briefing import claim_briefing_day

        return claim_briefing_day(self.db, self.login, local_today(self.clock))

    def agency_trend(self, days: int) -> AgencyTrend:
        """The last ``days`` history days summed over the user's clients: the agency dashboard's trends."""
        from console_tui.data.queries.agency_trend import agency_trend

        return agency_trend(self.db, self.login, days)

    def trend(self, client_id: int, days: int) -> Trend:
        """One client's last ``days`` days of history, oldest first, with each day's section scores."""
        from console_tui.data.queries.history import client_trend

        return client_trend(self.db, self.login, client_id, days)

    def metrics_as_of(self) -> datetime | None:
        """When the nightly rollup last finished (R-CMC-4): a one-row read for live refresh."""
        with self.db.read() as session:
            return session.scalar(select(RollupState.as_of).where(RollupState.job == "nightly"))

    def agency_facts(self) -> AgencyFacts:
        from console_tui.data.queries import client as cq

        return cq.agency_facts(self.db, self.login)

    def agency_glance(self) -> tuple[ConsoleOverview, AgencyFacts]:
        """The agency dashboard's figures read now: the clients you see (without Recent Places) and the
        agency-wide plan and team."""
        from console_tui.data.queries import client as cq

        return console_overview(self.db, self.login, with_places=False), cq.agency_facts(self.db, self.login)

    def agency_page(self, previous: AgencyPage | None = None) -> AgencyPage:
        """The kiosk's agency page: clients, yesterday's sends, open rate, senders, top movers (those of
        ``previous`` when the nightly run has not run since it was read)."""
        from console_tui.data.queries.kiosk import agency_page

        return agency_page(self.db, self.login, self.today, self.clock.tz, previous=previous)

    def check_switch_into(self, client_id: int) -> str:
        from console_tui.data.queries import client as cq

        return cq.check_switch_into(self.db, self.login, client_id)

    def instance(self, client_id: int) -> InstanceDashboard:
        from console_tui.data.queries import client as cq

        return cq.instance_dashboard(self.db, self.login, client_id)

    def detail(self, client_id: int) -> ClientDetail:
        from console_tui.data.queries import client as cq

        return cq.client_detail(self.db, self.login, client_id, self.today)

    def users(self, client_id: int) -> tuple[str, tuple[ClientUserRow, ...]]:
        from console_tui.data.queries import client as cq

        return cq.client_users(self.db, self.login, client_id)

    def profile(self, client_id: int) -> CompanyProfile:
        from console_tui.data.queries import client as cq

        return cq.company_profile(self.db, self.login, client_id)

    def billing(self, client_id: int) -> tuple[str, tuple[ChargeRow, ...]]:
        """The client's charges in the last 12 closed billing cycles, newest first (R-BL-5)."""
        from console_tui.data.queries.billing_history import client_history

        return client_history(self.db, self.login, client_id)

    def scheduled_jobs(self, client_id: int) -> ScheduledJobsPage:
        """The client's email jobs from the start of this cycle, with its use against the limit."""
        from console_tui.data.queries.what_if import scheduled_jobs

        return scheduled_jobs(self.db, self.login, client_id, self.today, self.clock.tz)

    def team_calls(self, client_id: int) -> tuple[str, tuple[TeamCallRow, ...]]:
        from console_tui.data.queries import client as cq

        return cq.team_calls(self.db, self.login, client_id)

    def team_call_page(self, client_id: int) -> TeamCallPage:
        from console_tui.data.queries import client as cq

        return cq.team_call_page(self.db, self.login, client_id)

    def avatar(self, client_id: int) -> tuple[str, AvatarInfo]:
        from console_tui.data.queries import client as cq

        return cq.avatar_info(self.db, self.login, client_id)

    def content(self, client_id: int, content_item_id: int) -> ContentPage:
        from console_tui.data.queries import client as cq

        return cq.content_page(self.db, self.login, client_id, content_item_id)

    def client_summary(self, client_id: int) -> ClientSummary | None:
        """One client's card again, after a change."""
        from console_tui.data.queries import client as cq

        return cq.client_summary(self.db, self.login, client_id)

    def compare(self, client_ids: tuple[int, ...]) -> ComparePage:
        """Two to four clients side by side, in that order (R-CMP-1); each checked (R-CMP-3)."""
        from console_tui.data.queries.compare import compare_clients

        return compare_clients(self.db, self.login, client_ids, self.today, self.clock.tz)

    def saved_views(self) -> tuple[SavedView, ...]:
        """The views the acting user sees: their own and the shared ones (R-VIEW-2)."""
        from console_tui.data.queries.saved_views import saved_views

        return saved_views(self.db, self.login)

    def ping(self) -> None:
        """The health check: one ``SELECT 1`` (raises when the database is away)."""
        self.db.ping()

    # --- changes: each one command, one transaction, one audit row ---------------------

    def add_user(self, client_id: int, *, full_name: str, email: str, role: str) -> int:
        from console_tui.data.commands.users import create_client_user

        return create_client_user(self.db, self.clock, self.login, client_id, full_name=full_name, email=email,
                                  role=role)

    def edit_user(self, client_id: int, user_id: int, *, full_name: str, email: str, role: str, blocked: bool,
                  version: int) -> int:
        from console_tui.data.commands.users import update_client_user

        return update_client_user(self.db, self.clock, self.login, client_id, user_id, full_name=full_name,
                                  email=email, role=role, blocked=blocked, seen_version=version)

    def delete_user(self, client_id: int, user: ClientUserRow) -> None:
        """Delete the user; the command notes "Removed …" in Your Recent Places in its transaction."""
        from console_tui.data.commands.users import delete_client_user

        delete_client_user(self.db, self.clock, self.login, client_id, user.id, seen_version=user.version)

    def save_profile(self, client_id: int, form: ProfileForm, version: int) -> ProfileSaved:
        from console_tui.data.commands.clients import update_company_profile

        return update_company_profile(self.db, self.clock, self.login, client_id, form, seen_version=version)

    def start_call(self, client_id: int, participant_ids: list[int], url_template: str) -> TeamCallStarted:
        """Start and record the call (the command notes it in Your Recent Places, one transaction)."""
        from console_tui.data.commands.activity import start_team_call

        started = start_team_call(self.db, self.clock, self.login, client_id, participant_ids,
                                  url_template=url_template)
        return started

    def set_avatar(self, client_id: int, path: str) -> AvatarSet:
        from console_tui.data.commands.activity import set_avatar

        return set_avatar(self.db, self.clock, self.login, client_id, path)

    def close(self) -> None:
        self.db.dispose()
