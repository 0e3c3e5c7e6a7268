"""The trust core's one error hierarchy.

Exceptions here mean *this input cannot be processed* (a malformed key, an unknown
context, a document that cannot be canonicalised). The verification pipeline catches
every :class:`VcError` and turns it into a failing check with the error's ``code``; it
never lets one escape for a forged or broken credential. Programming mistakes (wrong
argument types) are ordinary ``TypeError``/``ValueError`` and are not caught.

    VcError
    ├── JsonInputError           JSON text refused: too large, too deep, malformed, duplicate keys…
    ├── BudgetError              a verification used up one of its budgets (fetches, time, entries)
    ├── DocumentLoadError        a URL that is not pinned, or a document that cannot be had
    ├── JsonLdError              JSON-LD processing failed (undefined term, bad @context, …)
    ├── CanonicalizationError    RDFC-1.0 refused the dataset (e.g. the work limit was hit)
    ├── KeyFormatError           malformed multibase / multicodec / JWK, wrong key type
    ├── DidError                 a DID that cannot be parsed or resolved
    ├── ProofError               a proof that is malformed (not one that fails to verify)
    ├── StatusListError          a malformed status list or entry
    └── SchemaError              a document that does not match its JSON Schema
"""

from __future__ import annotations


class VcError(Exception):
    """Base class: ``code`` is a stable machine-readable reason (snake_case)."""

    code: str = "vc_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class DocumentLoadError(VcError):
    """A URL that is not pinned, or a document that cannot be had."""

    code = "document_not_available"


class JsonLdError(VcError):
    """JSON-LD processing failed (undefined term, bad @context, …)."""

    code = "jsonld_invalid"


class CanonicalizationError(VcError):
    """RDFC-1.0 or JCS refused the input (e.g. the work limit was hit)."""

    code = "canonicalization_failed"


class KeyFormatError(VcError):
    """A malformed multibase, multicodec or JWK, or a key of the wrong type."""

    code = "key_format_invalid"


class DidError(VcError):
    """A DID that cannot be parsed or resolved."""

    code = "did_invalid"


class ProofError(VcError):
    """A proof that is malformed (not one that merely fails to verify)."""

    code = "proof_malformed"


class StatusListError(VcError):
    """A malformed status list or status entry."""

    code = "status_list_invalid"


class SchemaError(VcError):
    """A document that does not match its JSON Schema."""

    code = "schema_invalid"


class JsonInputError(VcError):
    """JSON text refused by the strict reader; ``params`` fill the report's message."""

    code = "json_malformed"

    def __init__(self, message: str, *, code: str | None = None, **params: str) -> None:
        super().__init__(message, code=code)
        self.params: dict[str, str] = params


class BudgetError(VcError):
    """One verification used up a budget (fetches, wall-clock time, entries, proofs)."""

    code = "budget_exceeded"

    def __init__(self, message: str, *, code: str | None = None, **params: str) -> None:
        super().__init__(message, code=code)
        self.params: dict[str, str] = params
