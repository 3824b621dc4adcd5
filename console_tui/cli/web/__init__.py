"""What ``console-tui serve`` puts on the web: the gated server and its page template."""
