"""``python -m console_tui`` is ``console-tui``."""

from console_tui.cli.main import main

if __name__ == "__main__":
    main(prog_name="console-tui")
