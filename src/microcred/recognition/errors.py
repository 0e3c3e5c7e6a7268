"""One error for every refused recognition action: a stable ``code`` and a translated
``message`` a person can act on (views show it; nothing was written)."""

from __future__ import annotations

from microcred.infra.errors import MicrocredError


class RecognitionError(MicrocredError):
    code = "recognition.error"
