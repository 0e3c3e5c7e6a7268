"""The registry's refusals, under the platform's root (``infra/errors.py``)::

    RegistryError                 registry.<reason>: a translated message a person can act on
    ├── QaBodyError               the operator's command refused a QA body (slug taken)
    └── HistoryIsAppendOnlyError  a decision or event row was about to be changed or deleted

Views show the message of a ``RegistryError``; nothing was written.
"""

from __future__ import annotations

from microcred.infra.errors import MicrocredError


class RegistryError(MicrocredError):
    code = "registry.error"


class QaBodyError(RegistryError):
    """The operator's ``create_qa_body`` cannot register this body (the slug is taken)."""

    code = "registry.qa_body_slug_taken"


class HistoryIsAppendOnlyError(RegistryError):
    """A recognition decision or review event is never edited nor deleted: the public
    history must read the same tomorrow. A programming error, never shown to a person."""

    code = "registry.history_append_only"
