"""A client template as a TOML file (R-TPL-1): what ``templates show`` prints and ``templates add --file``
reads, so a template can be edited in a text editor and kept in a repository::

    email_limit = 10000          # or "none": unlimited
    managers = ["sam", "alex"]   # agency users' logins
    direct_support = true
    ebs = true
    license_term = "annual"      # or "monthly"
    rebrand_lock = false

    [services]                   # monthly allowance per add-on service
    sms_credits = 500

Every key is optional (a template sets at least one). Written by a few lines of our own for this one
fixed shape; read with the standard library's ``tomllib`` and checked by ``read_setup``.
"""

from __future__ import annotations

import tomllib

from console_tui.domain.errors import ValidationError
from console_tui.domain.templates import Setup, read_setup, setup_document
from console_tui.domain.views_file import toml_string


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_string(str(item)) for item in value) + "]"
    return toml_string(str(value))


def _key(key: str) -> str:
    """A TOML key: bare when it may be (letters, digits, _ and -), else a quoted string."""
    return key if key and key.isascii() and key.replace("_", "").replace("-", "").isalnum() else toml_string(key)


def dump_setup(setup: Setup, name: str = "") -> str:
    """The setup as the TOML file :func:`read_setup_file` reads (``name`` in a comment at the top)."""
    head = f"# console-tui client template {toml_string(name)}\n" if name else "# console-tui client template\n"
    document = setup_document(setup)
    services = document.pop("services", None)
    lines = [f"{key} = {_value(value)}" for key, value in document.items()]
    if services:
        lines += ["", "[services]", *(f"{_key(key)} = {allowance}" for key, allowance in services.items())]
    return head + "\n".join(lines) + "\n"


def read_setup_file(text: str) -> Setup:
    """The setup of a template file, checked; a file that is not TOML is a :class:`ValidationError`."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValidationError({"file": f"is not TOML: {error}"}, what="Reading the template file",
                              labels={"file": "The file"}, todo="Correct the file and try again") from None
    return read_setup(document, "Reading the template file")
