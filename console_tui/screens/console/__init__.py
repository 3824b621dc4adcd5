"""The Client Management Console and what it opens for one client."""
