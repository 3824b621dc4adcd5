"""The UI fixtures the reliability tests drive the console with: the seeded agencies (built once
per session) and the app factories of tests/ui."""

from tests.ui.admin.conftest import admin_db_url, admin_ids, admin_template, make_admin_app  # noqa: F401
from tests.ui.conftest import hostile_template, hostile_url, make_ui_app, ui_db_url, ui_template  # noqa: F401
