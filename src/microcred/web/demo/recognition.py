"""The recognition desk of the demo: a course, a recognition reviewer, and the learner's
request waiting for a decision (her micro-credential verified on submission)."""

from __future__ import annotations

from decimal import Decimal

from microcred.accounts.models import User
from microcred.organizations.models import Membership, Organization
from microcred.organizations.roles import Role
from microcred.recognition import submission
from microcred.recognition.models import Target
from microcred.wallet.models import WalletItem

RPL_REVIEWER = "recognition@demo.microcred.localhost"


def seed_recognition(organization: Organization, learner: User, password: str) -> str:
    """Returns the reviewer's address (a demo account)."""
    reviewer = User.objects.create_user(RPL_REVIEWER, password)
    Membership.objects.create(organization=organization, user=reviewer, role=Role.RPL_REVIEWER)
    course = Target.objects.create(
        organization=organization,
        kind=Target.Kind.COURSE,
        code="BIL205",
        title_en="Introduction to Data Analysis",
        title_tr="Veri Analizine Giriş",
        ects=Decimal(6),
        eqf_level=6,
        tqf_level=6,
        outcomes=[
            "Cleans and explores a small data set.",
            "Reads statistical charts critically.",
            "Fits and evaluates a linear regression model.",
        ],
    )
    held = WalletItem.objects.filter(owner=learner).values_list("public_id", flat=True)
    submission.submit(
        learner,
        target=course,
        item_ids=list(held[:1]),
        statement="Veri okuryazarlığı mikro-yeterliliğimi bu ders için tanıtmak istiyorum.",
        language="tr",
    )
    return RPL_REVIEWER
