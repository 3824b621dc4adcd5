"""Choose one of a client's Recent Places (yours and the company's) to open it."""

from __future__ import annotations

from datetime import date, tzinfo

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from console_tui.data.views.console import ClientSummary, PlaceRef
from console_tui.display import clip, relative_day, safe
from console_tui.ui import keys


class PlacePicker(ModalScreen[PlaceRef | None]):
    """A small list: ``enter`` opens the place, ``esc`` closes."""

    BINDINGS = keys.bindings("dialog", only=("dialog.close",))
    DEFAULT_CSS = """
    PlacePicker { align: center middle; }
    PlacePicker > Vertical {
        width: 72; max-width: 95%; height: auto; max-height: 80%;
        border: round $primary; background: $panel; padding: 0 1;
    }
    PlacePicker #picker-title { text-style: bold; margin-bottom: 1; }
    PlacePicker OptionList { height: auto; max-height: 16; border: none; &:focus { border: none; } }
    PlacePicker #picker-hint { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, client: ClientSummary, today: date, tz: tzinfo) -> None:
        super().__init__()
        self.client, self.today, self.tz = client, today, tz
        self.places = [*client.your_places, *client.company_places]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content("Recent places · " + clip(safe(self.client.name), 40)), id="picker-title")
            yield OptionList(*self._options())
            yield Static("enter opens · esc closes", id="picker-hint")

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
