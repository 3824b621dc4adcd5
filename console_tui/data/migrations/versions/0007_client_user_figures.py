"""clients carry their user figures: how many users are not blocked, and the latest login among them

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 06:40:00

The console's summary read them with a GROUP BY over every client user on each load; now
``client.user_count`` and ``client.last_user_login`` hold them, and triggers on ``client_user``
recompute the client's two figures after every insert, delete, and change of ``client_id``,
``blocked`` or ``last_login_at``, whatever writes it (a command, the demo, a cascade, plain SQL).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# Both figures of the clients ``which`` (SQL naming the client ids) from their users, in one UPDATE.
_RECOUNT = """
UPDATE client SET
  user_count = (SELECT count(*) FROM client_user u WHERE u.client_id = client.id AND NOT u.blocked),
  last_user_login = (SELECT max(u.last_login_at) FROM client_user u WHERE u.client_id = client.id AND NOT u.blocked)
WHERE {which}"""

_SQLITE_TRIGGERS = {
    "client_user_figures_insert": ("AFTER INSERT ON client_user", "id = NEW.client_id"),
    "client_user_figures_delete": ("AFTER DELETE ON client_user", "id = OLD.client_id"),
    "client_user_figures_update": ("AFTER UPDATE OF client_id, blocked, last_login_at ON client_user",
                                   "id IN (OLD.client_id, NEW.client_id)"),
}

# PostgreSQL: one trigger per statement, over the clients its rows touched (a demo's COPY of 50,000
# users updates each client once, not once per user, which would leave a dead row version per user).
# It locks those clients' rows before counting: under READ COMMITTED, two transactions adding a user
# to one client would otherwise each count without the other's user, and the later UPDATE would keep
# a count one short; waiting on the lock first lets the UPDATE (a new statement, a new snapshot) see
# what the other one committed. A trigger with transition tables serves one event, hence three.
_POSTGRESQL_EVENTS = {
    "insert": ("INSERT", "NEW TABLE AS changed_new", "SELECT client_id FROM changed_new"),
    "delete": ("DELETE", "OLD TABLE AS changed_old", "SELECT client_id FROM changed_old"),
    "update": ("UPDATE", "OLD TABLE AS changed_old NEW TABLE AS changed_new",
               "SELECT client_id FROM changed_old UNION SELECT client_id FROM changed_new"),
}


def _postgresql_function(event: str, ids: str) -> str:
    return f"""
CREATE FUNCTION client_user_figures_{event}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM client WHERE id IN ({ids}) ORDER BY id FOR UPDATE;
  {_RECOUNT.format(which=f"id IN ({ids})")};
  RETURN NULL;
END
$$"""


def upgrade() -> None:
    op.add_column('client', sa.Column('user_count', sa.Integer(), server_default=sa.text('0'), nullable=False))
    op.add_column('client', sa.Column('last_user_login', sa.DateTime(timezone=True), nullable=True))
    op.execute(sa.text(_RECOUNT.format(which="true")))
    if op.get_context().dialect.name == "postgresql":
        for event, (when, tables, ids) in _POSTGRESQL_EVENTS.items():
            op.execute(sa.text(_postgresql_function(event, ids)))
            op.execute(sa.text(f"CREATE TRIGGER client_user_figures_{event} AFTER {when} ON client_user "
                               f"REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION client_user_figures_{event}()"))
    else:
        for name, (when, which) in _SQLITE_TRIGGERS.items():
            op.execute(sa.text(f"CREATE TRIGGER {name} {when} BEGIN {_RECOUNT.format(which=which)}; END"))


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for event in _POSTGRESQL_EVENTS:
            op.execute(sa.text(f"DROP TRIGGER client_user_figures_{event} ON client_user"))
            op.execute(sa.text(f"DROP FUNCTION client_user_figures_{event}()"))
    else:
        for name in _SQLITE_TRIGGERS:
            op.execute(sa.text(f"DROP TRIGGER {name}"))
    op.execute(sa.text("ALTER TABLE client DROP COLUMN last_user_login"))
    op.execute(sa.text("ALTER TABLE client DROP COLUMN user_count"))
