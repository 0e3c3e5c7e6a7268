"""The catalogue's errors (views map them to HTTP in one place: ``views._refuse``).

CatalogError
├── NotIssuable   (code "catalog.not_issuable": unknown, unpublished or other organisation)
├── Incomplete    (code "catalog.incomplete": publishing a version with open checks)
├── NotDeletable  (code "catalog.not_deletable": deleting a published or issued version)
├── InvalidElements (code "catalog.invalid_elements": the EU elements do not validate)
└── ReviewRefused (code "catalog.review_refused": a review step that may not happen now)
    ├── UnderReview      (code "catalog.under_review": the version is with a QA body)
    └── ApprovalRequired (code "catalog.approval_required": the provider requires approval)

A ``ReviewRefused`` carries its message already translated into the active language, for
the person who asked.
"""

from __future__ import annotations


class CatalogError(Exception):
    code = "catalog.error"


class NotIssuable(CatalogError):  # noqa: N818
    code = "catalog.not_issuable"


class Incomplete(CatalogError):  # noqa: N818
    """``lines``: what is open, each already in the active language."""

    code = "catalog.incomplete"

    def __init__(self, lines: list[str]) -> None:
        super().__init__("; ".join(lines))
        self.lines = lines


class NotDeletable(CatalogError):  # noqa: N818
    code = "catalog.not_deletable"


class InvalidElements(CatalogError):  # noqa: N818
    code = "catalog.invalid_elements"


class ReviewRefused(CatalogError):  # noqa: N818
    code = "catalog.review_refused"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnderReview(ReviewRefused):
    code = "catalog.under_review"


class ApprovalRequired(ReviewRefused):
    code = "catalog.approval_required"
