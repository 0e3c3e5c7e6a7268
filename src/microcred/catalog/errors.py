"""The catalogue's errors (views map them to HTTP in one place: ``views._refuse``).

CatalogError
├── NotIssuable   (code "catalog.not_issuable": unknown, unpublished or other organisation)
├── Incomplete    (code "catalog.incomplete": publishing a version with open checks)
└── InvalidElements (code "catalog.invalid_elements": the EU elements do not validate)
"""

from __future__ import annotations


class CatalogError(Exception):
    code = "catalog.error"


class NotIssuable(CatalogError):  # noqa: N818
    code = "catalog.not_issuable"


class Incomplete(CatalogError):  # noqa: N818
    code = "catalog.incomplete"


class InvalidElements(CatalogError):  # noqa: N818
    code = "catalog.invalid_elements"
