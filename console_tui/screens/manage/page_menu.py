"""Manage Clients' page menu (R-MC-4): the agency's administration screens.

Email Limits and Client Usage (``PAGE_MENU``), then Billing Overview, My Account, Agency users,
Client templates, Client statuses and the Audit log: the screens of the global keys that open them
from anywhere (``ui/keys.py``). Each item the user may not use is shown disabled with the reason (R-ACC-3).
The screens are imported when chosen; one that is not there yet says so instead of failing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, cast

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from console_tui.display import one_line
from console_tui.domain.permissions import PAGE_MENU, Action, check
from console_tui.domain.roles import Role
from console_tui.screens.dialogs.base import Dialog
from console_tui.screens.lazy import SCREENS, screen_class
from console_tui.ui import keys

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageItem:
    label: str
    action: Action
    path: str  # "module:Class", imported when chosen

    @property
    def screen(self) -> str:
        return self.path.rpartition(":")[2]

    @property
    def module(self) -> str:
        """The screen's module name ("email_limits"): the item's id in the menu."""
        return self.path.partition(":")[0].rpartition(".")[2]


def _item(label: str, key_id: str) -> PageItem:
    """The item for the global key ``key_id``: its screen and permission come from the key table."""
    key = keys.routes("app")[key_id]
    return PageItem(label, cast(Action, key.needs), f"{SCREENS}.{key.screen}")


_KEY_BY_ACTION = {Action.EMAIL_LIMITS: "app.limits", Action.CLIENT_USAGE: "app.usage"}
#: The page menu in order: R-MC-4's two items, then the agency's other administration screens.
PAGE_ITEMS: tuple[PageItem, ...] = (
    *(_item(label, _KEY_BY_ACTION[action]) for label, action in PAGE_MENU),
    _item("Billing Overview", "app.billing"),
    _item("My Account", "app.account"),
    _item("Agency users", "app.users"),
    _item("Client templates", "app.templates"),
    _item("Client statuses", "app.statuses"),
    _item("Audit log", "app.audit"),
)


def open_page(app: App[Any], item: PageItem) -> bool:
    """Push ``item``'s screen; if its module or class is not there yet, say so (False)."""
    module = item.path.partition(":")[0]
    try:
        found = screen_class(item.path)
    except ModuleNotFoundError as error:
        if error.name != module:
            raise
        app.notify(f"{item.label} is not available yet.", title=item.label, severity="warning")
        return False
    except AttributeError:
        app.notify(f"{item.label} is not available yet.", title=item.label, severity="warning")
        return False
    app.push_screen(found())
    return True


def open_page_safely(app: App[Any], item: PageItem) -> bool:
    """:func:`open_page`, with any import failure shown as one line instead of a crash."""
    try:
        return open_page(app, item)
    except Exception as error:  # a broken screen module must not take the console down
        log.warning("opening %s failed", item.label, exc_info=True)
        app.notify(f"{item.label} could not be opened: {one_line(error)}", severity="error")
        return False


def open_my_account(app: App[Any]) -> bool:
    """My Account, where the plan is changed: the first way out of a full plan (R-CAP-3)."""
    return open_page_safely(app, next(item for item in PAGE_ITEMS if item.module == "my_account"))


class PageMenu(Dialog[PageItem | None]):
    """The page-level menu: ``enter`` opens an item, ``esc`` closes."""

    BINDINGS = keys.bindings("dialog", only=("page_menu.close",))
    DEFAULT_CSS = """
    PageMenu { align: right top; }
    PageMenu > Vertical { width: 58; margin: 2 1 0 0; }
    PageMenu OptionList { max-height: 30; }
    """

    def __init__(self, role: str) -> None:
        super().__init__()
        self.role = role

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Agency tools", classes="dialog-title")
            options = []
            for item in PAGE_ITEMS:
                decision = check(Role(self.role), item.action)
                prompt = Content(item.label)
                if not decision.allowed:
                    prompt = Content.assemble(prompt, "\n   ✗ ", decision.reason.removeprefix(item.label).strip())
                options.append(Option(prompt, id=item.module, disabled=not decision.allowed))
            yield OptionList(*options)
            yield Static("enter opens · esc closes", classes="dialog-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(next(item for item in PAGE_ITEMS if item.module == event.option.id))

    def action_close(self) -> None:
        self.dismiss(None)
