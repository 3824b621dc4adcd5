"""``refusals()``: the CLI error boundary (cli/boundary.py) for a block inside a command.

Every command already runs inside the boundary of the ``console-tui`` group; a command uses this
block when it must print something after the failing part, or to be explicit. Exit codes:
0 done; 1 refused by a rule, a permission or a conflict; 2 usage error (bad input, unknown user,
no such record); 3 the database is unavailable; 130 interrupted.
"""

from __future__ import annotations

from console_tui.cli.boundary import INTERRUPTED, REFUSED, UNAVAILABLE, USAGE
from console_tui.cli.boundary import boundary as refusals

__all__ = ["refusals", "REFUSED", "USAGE", "UNAVAILABLE", "INTERRUPTED"]
