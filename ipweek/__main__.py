"""The ``ipweek`` console command: the project's manage.py."""

import os
import sys


def command_argv(argv: list[str]) -> list[str]:
    """Let commands be typed with hyphens (``ipweek export-plan``): Django names them after modules."""
    argv = list(argv)
    # The command name, and the one after ``help``.
    positions = [1, 2] if argv[1:2] == ["help"] else [1]
    for position in positions:
        if len(argv) > position and not argv[position].startswith("-"):
            argv[position] = argv[position].replace("-", "_")
    return argv


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipweek.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(command_argv(sys.argv))


if __name__ == "__main__":
    main()
