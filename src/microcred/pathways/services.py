"""The pathways app's door: other apps (the passport) and its views call these.

Defining (designers and admins of the organisation): create, edit, add and remove rules,
publish. Following (any signed-in learner, published pathways only). Progress and the
stacked credential: the caller hands over what the learner holds (``holdings.Held``);
everything is verified here, now.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.catalog import services as catalog
from microcred.catalog.models import Specification
from microcred.issuing.models import Award
from microcred.organizations.models import Organization
from microcred.pathways import stacking
from microcred.pathways.errors import PathwayError
from microcred.pathways.evidence import Evidence
from microcred.pathways.holdings import Held, verified_evidence
from microcred.pathways.models import Follow, Pathway, StackedCredential
from microcred.pathways.progress import Progress, Resolved, evaluate
from microcred.pathways.resolve import recognitions, resolve
from microcred.pathways.rules import RuleError, parse_rule, parse_rules, rules_json
from microcred.pathways.wording import rule_error_message

__all__ = [
    "Basics",
    "Tracked",
    "add_rule",
    "create_pathway",
    "follow",
    "followed",
    "get_pathway",
    "pathways_of",
    "personal_data",
    "progress_of",
    "public_pathway",
    "publish",
    "remove_rule",
    "request_stack",
    "stack_of",
    "target_choices",
    "track",
    "unfollow",
    "update_pathway",
]


@dataclass(frozen=True, slots=True)
class Basics:
    """What the pathway form edits (the rules have their own form)."""

    name_en: str
    name_tr: str
    description_en: str
    description_tr: str
    target: str  # the public id of a specification of the organisation
    auto_issue: bool = False


@dataclass(frozen=True, slots=True)
class Tracked:
    """A pathway with the learner's progress towards it, and their stack if issued."""

    pathway: Pathway
    rules: list[Resolved]
    progress: Progress
    following: bool
    stack: StackedCredential | None = None


def target_choices(org: Organization) -> list[tuple[str, str]]:
    """(public id, title) of the organisation's specifications with a published version."""
    return [
        (spec.public_id, version.title) for spec, version in catalog.published_specifications(org)
    ]


def _target(org: Organization, public_id: str) -> Specification:
    found = Specification.objects.filter(organization=org, public_id=public_id).first()
    if found is None:
        raise PathwayError(
            _("Choose a micro-credential of your organisation as the qualification."),
            code="pathways.target_invalid",
        )
    return found


def _apply(pathway: Pathway, basics: Basics) -> None:
    if not basics.name_en.strip() or not basics.name_tr.strip():
        raise PathwayError(
            _("Give the pathway a name in Turkish and in English."), code="pathways.name_missing"
        )
    pathway.name_en, pathway.name_tr = basics.name_en.strip(), basics.name_tr.strip()
    pathway.description_en = basics.description_en.strip()
    pathway.description_tr = basics.description_tr.strip()
    pathway.target = _target(pathway.organization, basics.target)
    pathway.auto_issue = basics.auto_issue


def create_pathway(org: Organization, by: User | None, basics: Basics) -> Pathway:
    pathway = Pathway(organization=org, created_by=by)
    _apply(pathway, basics)
    pathway.save()
    return pathway


def update_pathway(pathway: Pathway, basics: Basics) -> Pathway:
    _apply(pathway, basics)
    pathway.save()
    return pathway


def _check_spec_components(pathway: Pathway, rule_json: dict[str, Any]) -> None:
    for component in rule_json.get("components", []):
        if component.get("kind") == "spec":
            spec = Specification.objects.filter(
                organization=pathway.organization, public_id=component.get("ref")
            ).first()
            if spec is None:
                raise PathwayError(
                    rule_error_message("component_invalid"), code="pathways.component_invalid"
                )


def add_rule(pathway: Pathway, rule_json: dict[str, Any]) -> Pathway:
    """Append a rule (refused with a precise message when it cannot be read)."""
    try:
        rule = parse_rule(rule_json)
    except RuleError as error:
        raise PathwayError(rule_error_message(error.reason), code=error.code) from error
    _check_spec_components(pathway, rule.to_json())
    pathway.rules = [*rules_json(parse_rules(pathway.rules)), rule.to_json()]
    pathway.save(update_fields=["rules"])
    return pathway


def remove_rule(pathway: Pathway, index: int) -> Pathway:
    rules = list(pathway.rules)
    if not 0 <= index < len(rules):
        raise PathwayError(_("That rule does not exist (any more)."), code="pathways.rule_missing")
    if pathway.status == Pathway.Status.PUBLISHED and len(rules) == 1:
        raise PathwayError(
            _("A published pathway keeps at least one rule."), code="pathways.last_rule"
        )
    del rules[index]
    pathway.rules = rules
    pathway.save(update_fields=["rules"])
    return pathway


def publish(pathway: Pathway) -> Pathway:
    """Make it public: followable, shown in passports. Needs a rule and a published target."""
    if not pathway.rules:
        raise PathwayError(_("Add at least one rule before publishing."), code="pathways.no_rules")
    if not catalog.published_versions(pathway.target):
        raise PathwayError(
            _("Publish the qualification's micro-credential first: the stacked credential is "
              "issued from it."),
            code="pathways.target_not_published",
        )  # fmt: skip
    pathway.status = Pathway.Status.PUBLISHED
    pathway.published_at = timezone.now()
    pathway.save(update_fields=["status", "published_at"])
    return pathway


def pathways_of(org: Organization) -> list[Pathway]:
    return list(Pathway.objects.filter(organization=org).order_by("-created"))


def get_pathway(org: Organization, public_id: str) -> Pathway | None:
    return Pathway.objects.filter(organization=org, public_id=public_id).first()


def public_pathway(public_id: str) -> Pathway | None:
    return (
        Pathway.objects.filter(public_id=public_id, status=Pathway.Status.PUBLISHED)
        .select_related("organization", "target")
        .first()
    )


def follow(user: User, pathway: Pathway) -> None:
    if pathway.status != Pathway.Status.PUBLISHED:
        raise PathwayError(_("This pathway is not published."), code="pathways.not_published")
    # get_or_create settles a double click itself (it re-reads after losing the race)
    Follow.objects.get_or_create(user=user, pathway=pathway)


def unfollow(user: User, pathway: Pathway) -> None:
    Follow.objects.filter(user=user, pathway=pathway).delete()


def followed(user: User) -> set[int]:
    return set(Follow.objects.filter(user=user).values_list("pathway_id", flat=True))


def stack_of(user: User, pathway: Pathway) -> StackedCredential | None:
    return StackedCredential.objects.filter(learner=user, pathway=pathway).first()


def progress_of(pathway: Pathway, evidence: Sequence[Evidence], recognised: Any = None) -> Progress:
    return evaluate(
        resolve(pathway), evidence, recognitions() if recognised is None else recognised
    )


def track(user: User, held: Iterable[Held], *, now: datetime | None = None) -> list[Tracked]:
    """Progress towards every published pathway the learner follows, and towards those
    their credentials already advance (suggestions: ``following`` is False)."""
    published = list(
        Pathway.objects.filter(status=Pathway.Status.PUBLISHED).select_related("organization")
    )
    if not published:
        return []
    evidence = verified_evidence(held, now=now)
    recognised = recognitions()
    mine = followed(user)
    stacks = {s.pathway_id: s for s in StackedCredential.objects.filter(learner=user)}
    tracked = []
    for pathway in published:
        rules = resolve(pathway)
        progress = evaluate(rules, evidence, recognised)
        if pathway.pk in mine or progress.advances:
            tracked.append(
                Tracked(pathway, rules, progress, pathway.pk in mine, stacks.get(pathway.pk))
            )
    return tracked


def request_stack(
    user: User, pathway: Pathway, held: Iterable[Held], *, email: str, automatic: bool = False
) -> tuple[StackedCredential, Award]:
    """Verify what the learner holds now and, if the pathway is complete, issue the stack."""
    existing = stack_of(user, pathway)
    if existing is not None:
        return existing, Award.objects.get(public_id=existing.award_public_id)
    progress = progress_of(pathway, verified_evidence(held))
    return stacking.issue_stack(pathway, user, progress, email=email, automatic=automatic)


def personal_data(user: User) -> dict[str, Any]:
    """What this app keeps about ``user``: the pathways they follow, the stacks they hold."""
    follows = Follow.objects.filter(user=user).select_related("pathway").order_by("pk")
    stacks = StackedCredential.objects.filter(learner=user).select_related("pathway")
    return {
        "following": [
            {
                "pathway": f.pathway.public_id,
                "name": f.pathway.name_en,
                "since": f.created.isoformat(),
            }
            for f in follows
        ],
        "stackedCredentials": [
            {
                "pathway": s.pathway.public_id,
                "award": s.award_public_id,
                "issued": s.created.isoformat(),
            }
            for s in stacks.order_by("pk")
        ],
    }


def auto_issue_candidates(user: User) -> list[Pathway]:
    """Followed, published pathways that issue automatically and have not issued yet."""
    issued = StackedCredential.objects.filter(learner=user).values_list("pathway_id", flat=True)
    return list(
        Pathway.objects.filter(
            follows__user=user, status=Pathway.Status.PUBLISHED, auto_issue=True
        ).exclude(pk__in=list(issued))
    )
