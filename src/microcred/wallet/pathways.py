"""The passport and pathways: what the learner holds, handed to the pathways app.

Pathways sit below the wallet (``pyproject.toml`` layers): they cannot read the passport,
so the passport gives them its credentials (each item's id and the exact text kept) and
puts the stacked credential they issue into the passport like a claimed award.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from microcred.accounts import emails
from microcred.accounts.models import User
from microcred.pathways import services as pathways
from microcred.pathways.holdings import Held
from microcred.pathways.models import Pathway
from microcred.pathways.wording import describe_rule, not_counted_reason, outcome_detail
from microcred.wallet.errors import WalletError
from microcred.wallet.models import WalletItem

__all__ = ["Card", "cards", "held_by", "issue_address", "queue_auto_issue", "receive_stack"]


def held_by(user: User) -> list[Held]:
    """Every credential in the passport (the pathways verify each one again, now)."""
    items = WalletItem.objects.filter(owner=user).order_by("added", "pk")
    return [Held(item.public_id, item.raw) for item in items.only("public_id", "raw")]


def issue_address(user: User) -> str:
    """The confirmed address the stacked credential is issued to (the sign-in one first)."""
    verified = emails.verified_emails(user)
    if not verified:
        raise WalletError(
            _("Confirm your e-mail address first: the stacked credential is issued to it."),
            code="wallet.email_not_verified",
        )
    return user.email if user.email in verified else verified[0]


def receive_stack(user: User, pathway: Pathway, *, automatic: bool = False) -> WalletItem:
    """Ask for the stacked credential of ``pathway`` and keep it in the passport."""
    from microcred.wallet.claims import claim  # claims queues this module's task

    _stack, award = pathways.request_stack(
        user, pathway, held_by(user), email=issue_address(user), automatic=automatic
    )
    return claim(user, award)


def queue_auto_issue(user: User) -> None:
    """A credential arrived in the passport: if the learner follows a pathway that issues
    automatically, check it on the task queue (after the commit: the task reads it)."""
    if pathways.auto_issue_candidates(user):
        from microcred.wallet.pathway_tasks import issue_completed_stacks

        user_id = user.pk
        transaction.on_commit(lambda: issue_completed_stacks.enqueue(user_id))


@dataclass(frozen=True, slots=True)
class RuleLine:
    text: str
    met: bool
    detail: str


@dataclass(frozen=True, slots=True)
class Card:
    """One pathway on the passport, in words (the learner's language)."""

    pathway_id: str
    name: str
    organization: str
    following: bool
    complete: bool
    ects: Decimal
    rules: list[RuleLine]
    counted: list[str]
    not_counted: list[tuple[str, str]]
    #: The passport item holding the stacked credential, once issued.
    stack_item: str | None


def _card(user: User, tracked: pathways.Tracked, lang: str) -> Card:
    progress = tracked.progress
    lines = [
        RuleLine(describe_rule(r), o.met, outcome_detail(o))
        for r, o in zip(tracked.rules, progress.outcomes, strict=True)
    ]
    stack_item = None
    if tracked.stack is not None:
        found = WalletItem.objects.filter(owner=user, award_public_id=tracked.stack.award_public_id)
        stack_item = found.values_list("public_id", flat=True).first()
    return Card(
        pathway_id=tracked.pathway.public_id,
        name=tracked.pathway.name(lang),
        organization=tracked.pathway.organization.name,
        following=tracked.following,
        complete=progress.complete,
        ects=progress.ects,
        rules=lines,
        counted=[e.title for e in progress.counted],
        not_counted=[(e.title, not_counted_reason(r)) for e, r in progress.not_counted],
        stack_item=stack_item,
    )


def cards(user: User, lang: str) -> tuple[list[Card], list[Card]]:
    """(followed pathways, suggested ones: not followed, but the learner's credentials
    already count towards them), each with the learner's progress."""
    found = [_card(user, t, lang) for t in pathways.track(user, held_by(user))]
    return [c for c in found if c.following], [c for c in found if not c.following]
