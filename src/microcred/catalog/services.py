"""What the catalogue does: create, edit, publish and lock specification versions.

The issuing app uses three functions only: :func:`get_issuable_version`,
:func:`achievement_for` and :func:`mark_issued`. A locked version (a credential points at
it) is never changed in place: :func:`save_draft` writes version n+1 instead.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.catalog.approvals import approval_of, approval_required
from microcred.catalog.checks import CheckReport, elements_report, stored_report
from microcred.catalog.elements_form import as_form_data, initial_from
from microcred.catalog.errors import (
    ApprovalRequired,
    Incomplete,
    InvalidElements,
    NotDeletable,
    NotIssuable,
    UnderReview,
)
from microcred.catalog.models import Specification, SpecificationVersion

__all__ = ["Incomplete", "InvalidElements", "MicroCredentialElements", "NotIssuable"]
from microcred.organizations.models import Organization
from microcred.vc.elements import (
    MicroCredentialElements,
    elements_to_achievement,
    missing_mandatory,
)

Status = SpecificationVersion.Status


def elements_of(version: SpecificationVersion) -> MicroCredentialElements:
    return MicroCredentialElements.model_validate(version.elements)


def _fields(
    elements: MicroCredentialElements,
    *,
    hours_per_ects: int,
    description: str,
    draft_input: dict[str, Any] | None,
    acknowledged: list[str] | None,
) -> dict[str, Any]:
    if not 25 <= hours_per_ects <= 30:
        raise InvalidElements(f"hours per ECTS credit must be 25-30, not {hours_per_ects}")
    checked = MicroCredentialElements.model_validate(elements.model_dump())  # re-validate
    return {
        "elements": checked.model_dump(mode="json", exclude_defaults=True),
        "title": checked.title.strip(),
        "hours_per_ects": hours_per_ects,
        "description": description,
        "draft_input": draft_input or {},
        "acknowledged": sorted(set(acknowledged or ())),
    }


@transaction.atomic
def create_specification(
    org: Organization,
    user: User | None,
    elements: MicroCredentialElements,
    *,
    hours_per_ects: int = 25,
    description: str = "",
    draft_input: dict[str, Any] | None = None,
    acknowledged: list[str] | None = None,
    internal: bool = False,
) -> SpecificationVersion:
    """A new specification with its first version, a draft (``draft_input``: the editor's
    inputs as typed, kept so that an unfinished draft comes back exactly; ``internal``: the
    platform's own record, listed nowhere)."""
    fields = _fields(
        elements,
        hours_per_ects=hours_per_ects,
        description=description,
        draft_input=draft_input,
        acknowledged=acknowledged,
    )
    spec = Specification.objects.create(organization=org, created_by=user, internal=internal)
    return SpecificationVersion.objects.create(specification=spec, number=1, **fields)


@transaction.atomic
def save_draft(
    version: SpecificationVersion,
    elements: MicroCredentialElements,
    *,
    hours_per_ects: int,
    description: str = "",
    draft_input: dict[str, Any] | None = None,
    acknowledged: list[str] | None = None,
) -> SpecificationVersion:
    """Save edits: in place for an unlocked draft, else as a new draft version n+1.

    Published and approved versions are also copied: what was published stays as it was
    announced, what was approved as it was approved (the copy needs its own approval). A
    version under review is refused (``UnderReview``): the reviewers must see what they
    approve.
    """
    fields = _fields(
        elements,
        hours_per_ects=hours_per_ects,
        description=description,
        draft_input=draft_input,
        acknowledged=acknowledged,
    )
    current = SpecificationVersion.objects.select_for_update().get(pk=version.pk)
    if current.status == Status.SUBMITTED:
        raise UnderReview(under_review_message())
    if current.status == Status.DRAFT and not current.locked:
        for name, value in fields.items():
            setattr(current, name, value)
        current.save(update_fields=[*fields])
        return current
    spec = current.specification
    last = spec.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return SpecificationVersion.objects.create(specification=spec, number=last + 1, **fields)


def open_issues(version: SpecificationVersion) -> list[str]:
    """Codes of mandatory elements the version still lacks (empty when publishable)."""
    return missing_mandatory(elements_of(version), for_specification=True)


def readiness(version: SpecificationVersion) -> CheckReport:
    """Every check of the stored version, as the editor showed them when it was saved.

    From the inputs as typed when the editor saved it; from its elements otherwise (a
    version made through the API or the demo), so both are held to the same rules.
    """
    el = elements_of(version)
    acknowledged = frozenset(version.acknowledged or ())
    if not version.draft_input:
        initial = initial_from(el, version.hours_per_ects, version.description)
        return elements_report(
            el,
            as_form_data(initial),
            hours_per_ects=version.hours_per_ects,
            description=version.description,
            acknowledged=acknowledged,
        )
    body_id = el.awarding_body.id if el.awarding_body else "urn:microcred:awarding-body"
    return stored_report(version.draft_input, awarding_body_id=body_id, acknowledged=acknowledged)


def open_lines(report: CheckReport) -> list[str]:
    """What stands between a version and publishing, one precise line each."""
    return [
        *(_("Missing: %(element)s") % {"element": item} for item in report.missing),
        *(f.message for f in report.errors),
        *(
            _("Not acknowledged: %(warning)s") % {"warning": f.message}
            for f in report.open_warnings
        ),
    ]


@transaction.atomic
def acknowledge(version: SpecificationVersion, keys: list[str]) -> SpecificationVersion:
    """Record that the designers accept these warnings for this version (draft only)."""
    current = SpecificationVersion.objects.select_for_update().get(pk=version.pk)
    if current.status != Status.DRAFT or current.locked:
        return current
    known = {w.key for w in readiness(current).warnings}
    current.acknowledged = sorted(set(current.acknowledged or ()) | (set(keys) & known))
    current.save(update_fields=["acknowledged"])
    return current


@transaction.atomic
def delete_draft(version: SpecificationVersion) -> None:
    """Delete a version that was never published nor issued from (and its specification
    when nothing else is left of it)."""
    current = SpecificationVersion.objects.select_for_update().get(pk=version.pk)
    if not current.deletable:
        raise NotDeletable(
            _("Only a draft that was never published or issued from can be deleted.")
        )
    spec = current.specification
    current.delete()
    if not spec.versions.exists():
        spec.delete()


def under_review_message() -> str:
    return _(
        "This version is under review by a quality-assurance body: it cannot be changed or "
        "published until the reviewers return or approve it."
    )


@transaction.atomic
def publish(version: SpecificationVersion) -> SpecificationVersion:
    """Draft or approved → published.

    Refused while a mandatory element is missing, an input is wrong or a warning is not
    acknowledged (``Incomplete``, with the precise list), while the version is under
    review (``UnderReview``), and, when the provider requires it, until a QA body approved
    it (``ApprovalRequired``).
    """
    current = SpecificationVersion.objects.select_for_update().get(pk=version.pk)
    if current.status == Status.PUBLISHED:
        return current
    if current.status == Status.SUBMITTED:
        raise UnderReview(under_review_message())
    organization = current.specification.organization
    if current.status != Status.APPROVED and approval_required(organization):
        raise ApprovalRequired(
            _(
                "%(org)s publishes only specifications a quality-assurance body approved: "
                "submit this version for review first."
            )
            % {"org": organization.name}
        )
    report = readiness(current)
    if not report.complete:
        raise Incomplete(open_lines(report))
    current.status = Status.PUBLISHED
    current.published_at = timezone.now()
    current.save(update_fields=["status", "published_at"])
    return current


def versions_of(org: Organization) -> list[Specification]:
    return list(
        Specification.objects.filter(organization=org, internal=False)
        .prefetch_related("versions")
        .order_by("-created")
    )


def get_version(org: Organization, public_id: str) -> SpecificationVersion | None:
    return (
        SpecificationVersion.objects.select_related("specification")
        .filter(public_id=public_id, specification__organization=org)
        .first()
    )


def get_issuable_version(org: Organization, public_id: str) -> SpecificationVersion:
    """The published version ``public_id`` of ``org``; ``NotIssuable`` otherwise."""
    version = get_version(org, public_id)
    if version is None or version.status != Status.PUBLISHED:
        message = _("No published micro-credential version “%(id)s” in this organisation.")
        raise NotIssuable(message % {"id": public_id})
    return version


def published_versions(specification: Specification) -> list[SpecificationVersion]:
    """The specification's published versions, newest first (what a pathway counts)."""
    return list(
        SpecificationVersion.objects.filter(
            specification=specification, status=Status.PUBLISHED
        ).order_by("-number")
    )


def published_specifications(org: Organization) -> list[tuple[Specification, SpecificationVersion]]:
    """Each specification of ``org`` with a published version, with its newest one."""
    latest: dict[int, SpecificationVersion] = {}
    versions = SpecificationVersion.objects.filter(
        specification__organization=org, status=Status.PUBLISHED
    ).select_related("specification")
    for version in versions.order_by("number"):
        latest[version.specification_id] = version
    pairs = [(v.specification, v) for v in latest.values()]
    return sorted(pairs, key=lambda pair: pair[1].title.casefold())


def achievement_id(version: SpecificationVersion, *, base_url: str) -> str:
    return f"{base_url.rstrip('/')}/catalog/achievements/{version.public_id}"


def achievement_for(version: SpecificationVersion, *, base_url: str) -> dict[str, Any]:
    """The OB 3.0 Achievement JSON of a version (what every credential from it carries).

    An approved version's Achievement embeds the QA body's signed endorsement, when that
    endorsement is about this very ``id`` (it names the deployment's public URL).
    """
    achievement = elements_to_achievement(
        elements_of(version),
        achievement_id=achievement_id(version, base_url=base_url),
        description=version.description or version.title,
    ).to_jsonld()
    approval = approval_of(version)
    if approval is not None:
        subject = approval.endorsement.get("credentialSubject", {})
        if subject.get("id") == achievement["id"]:
            achievement["endorsement"] = [approval.endorsement]
    return achievement


@transaction.atomic
def mark_issued(version: SpecificationVersion) -> None:
    """Lock the version: a credential now points at it, so it may never change again."""
    SpecificationVersion.objects.filter(pk=version.pk).update(locked=True)
    version.locked = True
