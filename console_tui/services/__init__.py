"""The facades the screens call: built once in ``make_app`` and injected; no Textual here."""
