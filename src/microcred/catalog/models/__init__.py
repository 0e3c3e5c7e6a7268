"""The catalogue's models, one concept per module; import them from here.

``specification`` (specifications and their numbered versions), ``review`` (approval
policies, reviews by quality-assurance bodies, approvals, the review history).
"""

from microcred.catalog.models.review import Approval, ApprovalPolicy, Review, ReviewEvent
from microcred.catalog.models.specification import Specification, SpecificationVersion

__all__ = [
    "Approval",
    "ApprovalPolicy",
    "Review",
    "ReviewEvent",
    "Specification",
    "SpecificationVersion",
]
