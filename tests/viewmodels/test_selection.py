"""The one selection model behind the console, Manage Clients and the attention queue: client ids."""

from __future__ import annotations

from console_tui.viewmodels.selection import Selection


def test_toggle_extend_add_all_and_clear_keep_ids_in_the_order_picked() -> None:
    selection = Selection()
    assert selection.toggle(7) and 7 in selection
    selection.extend(7, 3)  # shift+down from 7 to 3
    selection.extend(3, None)  # at the end of the list: nothing more
    assert selection.ids == (7, 3)
    assert not selection.toggle(7) and selection.ids == (3,)
    assert selection.add_all([1, 3, 5]) == 2 and selection.ids == (3, 1, 5)
    assert selection.clear() and not selection and not selection.clear()


def test_what_a_bulk_change_acts_on_and_how_it_is_described() -> None:
    selection = Selection()
    assert selection.targets(4) == (4,) and selection.targets(None) == ()
    assert selection.describe([1, 2]) == ""
    selection.add_all([1, 2, 9])
    assert selection.targets(4) == (1, 2, 9)
    assert selection.describe([1, 2, 3]) == "3 selected (1 not shown)"
    assert selection.describe() == "3 selected"
    selection.keep({2, 9, 10})
    assert selection.ids == (2, 9)
