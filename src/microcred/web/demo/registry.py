"""The demo's quality assurance: "Demo Kalite Kurulu" recognises "Demo Üniversitesi".

A body registered as the operator would (``create_qa_body``), a QA reviewer account for
it, and a recognition decided through the real service after a submitted application,
so the registry, the signed trust list and every verification show the standing.
"""

from __future__ import annotations

from datetime import UTC, datetime

from microcred.accounts.models import User
from microcred.organizations.models import Membership, Organization
from microcred.organizations.roles import Role
from microcred.registry import applications, decisions
from microcred.registry.criteria import criteria
from microcred.registry.qa_bodies import create_qa_body

BODY_SLUG = "demo-kalite-kurulu"
REVIEWER = "reviewer@kalite.demo.microcred.localhost"
SINCE = datetime(2025, 9, 1, tzinfo=UTC)
UNTIL = datetime(2030, 9, 1, tzinfo=UTC)


def seed_registry(university: Organization, admin: User, password: str) -> tuple[str, ...]:
    """Create the body, its reviewer and the recognition; return the new accounts."""
    body = create_qa_body(slug=BODY_SLUG, name="Demo Kalite Kurulu", country="TR")
    reviewer = User.objects.create_user(REVIEWER, password)
    Membership.objects.create(organization=body, user=reviewer, role=Role.QA_REVIEWER)
    Membership.objects.create(organization=body, user=reviewer, role=Role.ADMIN)
    application = applications.open_application(university, body, by=admin)
    applications.save_draft(
        application,
        {
            "answers": {c.code: f"Demo: {c.title_en}." for c in criteria()},
            "contact_name": "Demo Kalite Ofisi",
            "contact_email": admin.email,
            "fields_of_study": ["Education", "Data literacy"],
            "eqf_levels": [5, 6],
            "tqf_levels": [5, 6],
        },
    )
    applications.submit(application, by=admin)
    decisions.decide_application(
        application,
        outcome="recognised",
        reason="The internal quality assurance covers every micro-credential (demo).",
        by=reviewer,
        valid_from=SINCE,
        valid_until=UNTIL,
        fields_of_study=["Education", "Data literacy"],
        eqf_levels=[5, 6],
        tqf_levels=[5, 6],
    )
    return (reviewer.email,)
