"""AdminServices: the screens' door to the data, and the management bar's capacity banner (R-CAP-2)."""

from __future__ import annotations

from sqlalchemy import select

from console_tui.data.schema import Client, ClientStatus
from console_tui.services.admin import capacity_banner
from tests.ui.seed import NOW


def test_r_cap_2_capacity_banner_while_the_warning_applies(make_admin_app, admin_db):
    services = make_admin_app(login="sam").services  # every role sees the plan's warning
    assert capacity_banner(services) is None  # 4 of 10
    assert capacity_banner(services, warn_pct=40) == (
        "40 % of the plan's clients are used (4 of 10); 6 more can be added before the plan is full")
    with admin_db.write() as session:
        active = session.scalar(select(ClientStatus.id).where(ClientStatus.name == "Active"))
        session.add_all(Client(name=f"New Client {n}", status_id=active, created_at=NOW) for n in range(6))
    assert capacity_banner(services) == ("All 10 clients of the plan are used: upgrade the plan, or suspend or "
                                         "remove clients, before adding another")


def test_admin_services_use_the_apps_clock_and_login(make_admin_app):
    app = make_admin_app(warn_pct=40)
    admin = app.admin
    assert (admin.login, admin.today.isoformat()) == ("admin", "2026-11-20")
    assert admin.account().usage.warning is not None and admin.email_limits().cycle.label == "2026-11"
