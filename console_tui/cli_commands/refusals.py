"""How the scripting commands turn a refused action into one line and an exit code.

0 done; 1 refused by a rule, a permission or a conflict; 2 usage error (bad input, unknown user,
no such record); 3 the database is unavailable. The message is ``str(error)``: one line that says
what was refused, why, and what to do — never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from console_tui.cli_context import fail

REFUSED, USAGE, UNAVAILABLE = 1, 2, 3


@contextmanager
def refusals() -> Iterator[None]:
    """Run a command; map the errors a person can act on to :func:`fail` with its exit code."""
    from sqlalchemy.exc import OperationalError

    from console_tui.data.queries import UnknownUser
    from console_tui.domain.errors import DomainError, NotFound, ValidationError

    try:
        yield
    except UnknownUser as error:
        fail(str(error), USAGE)
    except (ValidationError, NotFound) as error:
        fail(str(error), USAGE)
    except DomainError as error:
        fail(str(error), REFUSED)
    except OperationalError as error:
        fail(f"the database is unavailable: {str(error.orig).splitlines()[0]}", UNAVAILABLE)
