"""One error for every refused recognition action: a stable ``code`` and a translated
``message`` a person can act on (views show it; nothing was written)."""

from __future__ import annotations


class RecognitionError(Exception):
    code = "recognition_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
