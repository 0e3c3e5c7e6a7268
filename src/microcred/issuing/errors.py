"""The issuing app's errors: each carries a stable code and a message fit for the officer."""

from __future__ import annotations


class IssuingError(Exception):
    code = "issuing_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
