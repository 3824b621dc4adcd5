"""Choose one of a client's Recent Places (yours and the company's) to open it."""

from __future__ import annotations

from datetime import date, tzinfo

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from console_tui.data.views.console import ClientSummary, PlaceRef
from console_tui.display import clip, relative_day, safe
from console_tui.screens.dialogs.base import Dialog
from console_tui.ui import keys


class PlacePicker(Dialog[PlaceRef | None]):
    """A small list: ``enter`` opens the place, ``esc`` closes."""

    BINDINGS = keys.bindings("dialog", only=("dialog.close",))
    WIDE = True

    def __init__(self, client: ClientSummary, today: date, tz: tzinfo) -> None:
        super().__init__()
        self.client, self.today, self.tz = client, today, tz
        self.places = [*client.your_places, *client.company_places]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content("Recent places · " + clip(safe(self.client.name), 40)), classes="dialog-title")
            yield OptionList(*self._options())
            yield Static("enter opens · esc closes", classes="dialog-hint")

    def _options(self) -> list[Option]:
        mine = len(self.client.your_places)
        options = []
        for i, place in enumerate(self.places):
            who = "You" if i < mine else "Company"
            when = relative_day(place.at, self.today, self.tz)
            kind = " (user)" if place.kind == "user" else ""
            line = f"{who:<8}{clip(safe(place.title), 36)}{kind} · {safe(place.action)} {when}"
            options.append(Option(Content(line), id=str(i)))
        return options

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.places[int(event.option.id or 0)])

    def action_close(self) -> None:
        self.dismiss(None)
