"""The learner's and the strategy team's side of the demo, through their apps' services."""

from __future__ import annotations

from django.utils import timezone

from microcred.accounts import emails
from microcred.accounts.models import User
from microcred.issuing.models import Award
from microcred.organizations.models import Organization
from microcred.strategy import services
from microcred.strategy.canvas import editing
from microcred.strategy.steep import work as steep_work
from microcred.wallet import claims


def fill_passport(learner: User, organization: Organization) -> int:
    """Verify the learner's address and claim every award made to it; returns how many."""
    address = emails.add_address(learner, learner.email)
    address.verified_at = timezone.now()
    address.save(update_fields=["verified_at"])
    awards = Award.objects.filter(organization=organization, learner_email=learner.email)
    return len([claims.claim(learner, award) for award in awards])


def start_strategy(organization: Organization, lead: User) -> None:
    """A strategy under way: some blocks filled, two checks still open, two STEEP factors."""
    strategy = services.create_strategy(
        organization, lead, "Dijital beceriler / Digital skills for working adults", "2027–2029"
    )
    group = editing.add_item(
        strategy,
        lead,
        "target_groups",
        {"name": "Working adults in the region", "needs": "Evening and online study"},
    )
    editing.add_item(
        strategy,
        lead,
        "value_propositions",
        {
            "audience": "learners",
            "statement": "Short, stackable proof of job-ready data skills",
            "target_group": group,
        },
    )
    editing.add_item(strategy, lead, "cost_centres", {"name": "Online course production"})
    editing.add_item(
        strategy,
        lead,
        "indicators",
        {
            "description": "Micro-credentials issued",
            "baseline": "0",
            "target": "500",
            "data_source": "Microcred",
            "metric": "credentials_issued",
        },
    )
    for lens, orientation, title, impact, likelihood in (
        ("economic", "opportunity", "Employers ask for proof of data skills", 5, 4),
        ("political", "threat", "Recognition rules for micro-credentials still changing", 4, 3),
    ):
        steep_work.add_factor(
            strategy,
            lead,
            {
                "lens": lens,
                "orientation": orientation,
                "title": title,
                "impact": impact,
                "likelihood": likelihood,
            },
        )
