"""Modal dialogs: confirmations, choices, pickers and the help screen."""
