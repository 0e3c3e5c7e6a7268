"""The pathways app's refusals: a stable ``code`` and a message fit for the person."""

from __future__ import annotations

from microcred.infra.errors import MicrocredError


class PathwayError(MicrocredError):
    code = "pathways.error"
