"""How long each stored text may be: the one table both the validators and the schema's columns use.

``console_tui.data.schema`` declares every user-written column as ``String(<constant here>)`` and
the validators refuse longer values with these same constants, so a value the console accepts
always fits its column on PostgreSQL (which refuses an overlong ``VARCHAR``) and SQLite (which
would store it silently). A test walks the schema and compares every string column with this
table (:data:`COLUMNS`).

**[decision]** The limits, in characters (after cleaning and trimming):

* names of people and companies, street, billing contact, email job name: 200 — longer than any
  real name, short enough for a list row;
* city and state/province: 100 — the longest official city names run to about 85 characters in
  everyday form; postal code: 20 — the longest postal codes in use are 10 characters with a
  space or dash, 20 leaves room for a country prefix;
* email addresses: 254 — the most an SMTP path carries (RFC 5321), which ``email_validator``
  also enforces;
* website: 300; phone: 40 as typed (stored as E.164, at most 16); country: 2 (stored as the
  ISO alpha-2 code; typed as a name of at most :data:`COUNTRY_TYPED` characters);
* login: 64 (an OS login name; ``useradd`` allows 32); roles: 40; a client status: 60;
* titles of content and recent places: 300; content types: 40; event ids: 100;
* a saved view's name: 60 (it titles a bar); its filter text: 1000 (a long filter is still a few
  dozen terms);
* a team call's URL: 500, so a settings URL is at most :data:`SETTING_URL` (400) characters:
  the team call template with its room name (``call-`` and 16 hex digits) always fits;
* an attention snooze's note: 300, as a title (a line or two, not a document);
* a client template's name: 60, as a saved view's.
"""

from __future__ import annotations

PERSON_NAME = 200
COMPANY_NAME = 200
EMAIL = 254
STREET = 200
CITY = 100
STATE = 100
POSTAL_CODE = 20
COUNTRY_CODE = 2
COUNTRY_TYPED = 100
WEBSITE = 300
PHONE = 40
LOGIN = 64
ROLE = 40
STATUS = 60
TITLE = 300
CONTENT_TYPE = 40
EVENT_ID = 100
ACTOR = 200
JOB_NAME = 200
TEAM_CALL_URL = 500
SETTING_URL = 400
SNOOZE_NOTE = 300
VIEW_NAME = 60
VIEW_FILTER = 1000
TEMPLATE_NAME = 60

#: Every string column a person (a form, a command, a setting or an ingested file) writes to,
#: ``table.column`` -> its length; the schema declares these columns with these constants.
COLUMNS: dict[str, int] = {
    "agency_user.login": LOGIN,
    "agency_user.full_name": PERSON_NAME,
    "agency_user.email": EMAIL,
    "agency_user.role": ROLE,
    "audit_log.actor": LOGIN,
    "bulk_batch.actor": LOGIN,
    "client_status.name": STATUS,
    "client.name": COMPANY_NAME,
    "client.street": STREET,
    "client.city": CITY,
    "client.state": STATE,
    "client.postal_code": POSTAL_CODE,
    "client.country": COUNTRY_CODE,
    "client.website": WEBSITE,
    "client.phone": PHONE,
    "client.billing_contact": PERSON_NAME,
    "client.billing_email": EMAIL,
    "client_user.full_name": PERSON_NAME,
    "client_user.email": EMAIL,
    "client_user.role": ROLE,
    "event.external_id": EVENT_ID,
    "event.actor": ACTOR,
    "event.title": TITLE,
    "event.content_type": CONTENT_TYPE,
    "content_item.title": TITLE,
    "content_item.content_type": CONTENT_TYPE,
    "recent_place.title": TITLE,
    "email_job.name": JOB_NAME,
    "team_call.url": TEAM_CALL_URL,
    "attention_snooze.note": SNOOZE_NOTE,
    "saved_view.name": VIEW_NAME,
    "saved_view.filter": VIEW_FILTER,
    "client_template.name": TEMPLATE_NAME,
}
