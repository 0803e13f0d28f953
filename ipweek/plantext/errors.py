"""The one error the plan reader raises: a file it cannot read, with a message for people."""

from __future__ import annotations


class PlanReadError(Exception):
    """A file that cannot be read as a plan; ``message`` says why, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
