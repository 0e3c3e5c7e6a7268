"""Seed an empty database with a demo organisation, its people, a published micro-credential
approved by a demo quality-assurance body (so its credentials carry the body's endorsement),
a few awards (one revoked with its reason), a learner's passport holding hers, a pathway
she follows half-way ("Veri Bilimi Sertifika Programı"), her request for recognition
waiting at the desk, and a strategy under way, all through the real services.

The demo accounts get a random password, printed once and written to the var directory, so
a demo left running somewhere is not open to anyone who read this source.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from microcred.accounts.models import User
from microcred.catalog import qa_criteria, review
from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.issuing.revocation import StatusAction, change_status
from microcred.organizations.deployment import public_base_url
from microcred.organizations.keys import did_for, signer_for
from microcred.organizations.models import Membership, Organization
from microcred.organizations.roles import Role
from microcred.vc import Learner
from microcred.web.demo.extras import fill_passport, start_strategy
from microcred.web.demo.pathway import seed_pathway
from microcred.web.demo.recognition import seed_recognition
from microcred.web.demo.registry import BODY_SLUG, REVIEWER, seed_registry
from microcred.web.demo.specification import demo_elements

SLUG = "demo-universitesi"
DOMAIN = "demo.microcred.localhost"
PEOPLE = {
    Role.ADMIN: f"admin@{DOMAIN}",
    Role.DESIGNER: f"designer@{DOMAIN}",
    Role.ISSUER: f"officer@{DOMAIN}",
}
LEARNERS = (
    ("Ayşe Yılmaz", f"ayse@{DOMAIN}", "AA"),
    ("Mehmet Öztürk", f"mehmet@{DOMAIN}", "BA"),
    ("Elif Şahin", f"elif@{DOMAIN}", "BB"),
    ("Can Demir", f"can@{DOMAIN}", "CB"),
)


@dataclass(frozen=True, slots=True)
class Seeded:
    organization: Organization
    password: str
    accounts: tuple[str, ...]


def is_empty() -> bool:
    return not Organization.objects.exists()


@transaction.atomic
def seed() -> Seeded:
    """Create the demo; call only on an empty database (``is_empty``)."""
    password = secrets.token_urlsafe(12)
    org = Organization.objects.create(
        slug=SLUG, name="Demo Üniversitesi", country="TR", website="https://example.edu.tr"
    )
    users = {role: User.objects.create_user(email, password) for role, email in PEOPLE.items()}
    for role, user in users.items():
        Membership.objects.create(organization=org, user=user, role=role)
    learner = User.objects.create_user(LEARNERS[0][1], password)
    elements = demo_elements(issuer_did=did_for(org), name=org.name, base_url=public_base_url())
    draft = catalog.create_specification(org, users[Role.DESIGNER], elements, hours_per_ects=28)
    reviewers = seed_registry(org, users[Role.ADMIN], password)
    _approve_by_qa_body(draft, users[Role.DESIGNER])
    version = catalog.publish(draft)
    _issue(org, version, users[Role.ISSUER])
    fill_passport(learner, org)
    seed_pathway(org, users[Role.DESIGNER], version, learner)
    rpl_reviewer = seed_recognition(org, learner, password)
    start_strategy(org, users[Role.ADMIN])
    accounts = (*PEOPLE.values(), learner.email, *reviewers, rpl_reviewer)
    _remember(password, accounts)
    return Seeded(org, password, accounts)


def _approve_by_qa_body(version: SpecificationVersion, designer: User) -> User:
    """The demo QA body (``seed_registry`` made it, with its reviewer) reviews and approves
    the version, so every demo credential carries its signed endorsement."""
    qa_body = Organization.objects.get(slug=BODY_SLUG)
    reviewer = User.objects.get(email=REVIEWER)
    pending = review.submit(version, qa_body, by=designer, note="İlk sürüm incelemeye hazır.")
    answers = {code: review.Answer("met") for code in qa_criteria.codes()}
    comment = "Tüm ölçütler karşılanıyor. / Every criterion is met."
    review.approve(pending, by=reviewer, answers=answers, comment=comment)
    version.refresh_from_db()
    return reviewer


def _issue(org: Organization, version: SpecificationVersion, officer: User) -> None:
    requests = [
        AwardRequest(
            Learner(email=email, name=name, grade=grade, awarded_on=date(2026, 6, 1)),
            idempotency_key(version.public_id, email, "2026-06-01"),
        )
        for name, email, grade in LEARNERS
    ]
    with signer_for(org) as signer:
        issued = issue_awards(
            version, requests, signer=signer, issued_by=officer, include_name=True
        )
        change_status(
            [issued[-1].award],
            StatusAction.REVOKE,
            reason="The final project was found to be plagiarised.",
            by=officer,
            signer=signer,
        )


def _remember(password: str, accounts: tuple[str, ...]) -> Path:
    path = Path(settings.VAR_DIR) / "demo-accounts.txt"
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    lines = [f"{email}  {password}" for email in accounts]
    path.touch(mode=0o600)  # private before the passwords are written into it
    path.write_text("\n".join(["# Microcred demo accounts (e-mail, password)", *lines]) + "\n")
    path.chmod(0o600)
    return path
