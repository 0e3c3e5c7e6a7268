"""The pathways app's refusals: a stable ``code`` and a message fit for the person."""

from __future__ import annotations


class PathwayError(Exception):
    code = "pathway_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
