"""Manage Clients: the list, its status picker, the add-client wizard and the page menu."""
