"""Mixed into a screen whose client search line speaks the filter language (the console, Manage Clients).

What a line means is decided in one place (``viewmodels/search_filter.py``: plain words, a filter, a
mistake); this mixin does the screen's part of it, the same way on both screens:

* the facts a filter reads are loaded in a thread the first time a filter is typed (again after a
  reload, once loaded), and held by client id; while they load the status line says so and the list
  keeps its last result; when they arrive the line now in the search line is applied;
* while the line cannot be read, the list keeps its last result, the status line says so, and the
  text, carets under the mistake and what was expected are laid over the top of the list (the list's
  own :class:`CoverLines`, fitted to its width; plain text, never markup);
* ``?`` typed in the line as a word of its own opens the fields' help.

The screen gives ``search`` (its :class:`SearchLine`), ``status`` (its :class:`StatusLine`) and
``search_results`` (the list the search fills), and calls :meth:`read_search` from its filter and
:meth:`show_search_trouble` before writing its status.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import getters
from textual.screen import Screen

from console_tui.screens.base import failure_text
from console_tui.services.console import Services
from console_tui.ui.host import ConsoleHost
from console_tui.ui.messages import FactsLoaded
from console_tui.ui.workers import work
from console_tui.viewmodels.search_filter import FactsTable, LineQuery, read_line

if TYPE_CHECKING:
    from console_tui.widgets.cover_lines import CoverLines
    from console_tui.widgets.search_line import SearchLine
    from console_tui.widgets.status_line import StatusLine

LOADING_FACTS = "Loading what the filter reads about each client…"
CANNOT_READ = "The search cannot be read: the list shows the last one that could."


class SearchFiltering(Screen[Any]):
    """The filter-language half of a client search line (see the module's description)."""

    app = getters.app(ConsoleHost)

    if TYPE_CHECKING:
        @property
        def search(self) -> SearchLine: ...

        @property
        def status(self) -> StatusLine: ...

        @property
        def search_results(self) -> CoverLines: ...

    facts: FactsTable | None = None
    _facts_loading = False
    _facts_failure = ""

    def start_search_filtering(self) -> None:
        """From ``on_mount``: ``?`` in the search line opens the fields' help."""
        self.search.on_help(self.show_filter_help)

    def read_search(self, value: str) -> LineQuery | None:
        """``value`` read, or None while the list keeps its last result: the line cannot be read, a
        field's name is being typed at its end, or it is a filter and the facts are not loaded yet
        (their load is started here)."""
        line = read_line(value, self.app.services.login)
        if line.error is not None:
            return None
        if (line.is_filter or line.pending) and self.facts is None:
            self._want_facts()
            return None
        return None if line.pending else line

    def show_search_trouble(self) -> bool:
        """Show on the status line why the list keeps its last result, if it does; True if shown."""
        line = read_line(self.search.value, self.app.services.login)
        status, results = self.status, self.search_results
        results.cover("" if line.error is None else line.error_lines(max(20, results.cover_width)))
        if line.error is not None:
            status.warn(CANNOT_READ)
        elif (line.is_filter or line.pending) and self.facts is None:
            if self._facts_failure and not self._facts_loading:
                status.failed(self._facts_failure)
            else:
                status.show_loading(LOADING_FACTS)
        else:
            return False
        return True

    def kept_positions(self, line: LineQuery, ids: list[int] | tuple[int, ...]) -> list[int]:
        """Positions in ``ids`` (the list's client ids, in its order) that the filter ``line`` keeps."""
        assert self.facts is not None
        return self.facts.kept(line, ids)

    # --- the facts ----------------------------------------------------------------------------------

    def _want_facts(self) -> None:
        if not self._facts_loading:
            self._facts_loading = True
            self._load_facts(self.app.services, self.app.settings.pre_renewal_days)

    def reload_facts(self) -> None:
        """After a reload or a change: the facts again, if a filter has needed them (kept until then)."""
        if self.facts is not None or self._facts_loading:
            self._facts_loading = True
            self._load_facts(self.app.services, self.app.settings.pre_renewal_days)

    @work(thread=True, exclusive=True, group="search-facts")
    def _load_facts(self, services: Services, pre_renewal_days: int) -> None:
        try:
            self.post_message(FactsLoaded(services.client_facts(pre_renewal_days)))
        except Exception as error:  # said on the status line while a filter waits for them
            self.post_message(FactsLoaded(None, failure_text(error, loading=True)))

    def on_facts_loaded(self, message: FactsLoaded) -> None:
        message.stop()
        self._facts_loading = False
        if message.facts is None:
            self._facts_failure = message.failure
        else:
            self.app.database_answered()
            self.facts, self._facts_failure = FactsTable(message.facts), ""
        self.search.apply_query()  # the line as it is now

    def show_filter_help(self) -> None:
        from console_tui.screens.dialogs.filter_help import FilterHelp

        self.app.push_screen(FilterHelp())
