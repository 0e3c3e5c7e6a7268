"""A granted recognition, issued to the learner as an Open Badges 3.0 credential.

It goes through ``issuing.awards.issue_awards`` like every credential the institution
signs (status entries, self-verification, the audit log, revocation), with an achievement
of its own that describes the recognition: the target, the ECTS granted and the decision.
The ECTS granted are the subject's ``creditsEarned`` (OB 3.0), not the achievement's
``creditsAvailable``, so the passport's ECTS total does not count the same learning twice.
The recognised credentials are named by ``relatedResource`` (VC 2.0 §5.3): their ``id``
and the SHA-384 of their JCS form, so whoever holds both can check which were recognised.

A refusal is not issued (there is nothing to show elsewhere; the learner keeps the
written decision). The award is recorded against the desk's "recognition decisions"
specification (``Desk``), made on first use and never published.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.issuing.models import Award
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.recognition.models import Desk, Outcome, Request, StandingRule
from microcred.vc import Learner, binding_for, credential_id
from microcred.vc.elements import MicroCredentialElements
from microcred.vc.verify import Parsed, parse_input

__all__ = ["decision_version", "issue_decision", "related_link"]


@transaction.atomic
def decision_version(organization: Organization) -> SpecificationVersion:
    """The desk's specification version that recognition awards are recorded under."""
    desk = Desk.objects.select_for_update().filter(organization=organization).first()
    if desk is not None:
        return desk.decision_version
    version = catalog.create_specification(
        organization,
        None,
        MicroCredentialElements(title="Tanınma kararları / Recognition decisions"),
        description="Recognition of prior learning and credit transfer: the desk's decisions.",
        internal=True,
    )
    Desk.objects.create(organization=organization, decision_version=version)
    return version


def related_link(credential: Mapping[str, Any]) -> dict[str, str] | None:
    """The ``relatedResource`` entry naming a recognised credential (None without an id)."""
    parsed = parse_input(credential)
    if not isinstance(parsed, Parsed) or credential_id(parsed) is None:
        return None
    return binding_for(parsed)  # the same binding a stacked credential makes (decision 0010)


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _achievement(
    request: Request, outcome: str, ects: Decimal, reason: str, rule: StandingRule | None
) -> dict[str, Any]:
    target = request.target
    with translation.override(request.language):
        lang = "tr" if request.language == "tr" else "en"
        values = {
            "target": target.label(lang),
            "granted": _number(ects),
            "total": _number(target.ects),
            "org": target.organization.name,
        }
        if outcome == Outcome.FULL:
            decision = _("Full recognition: %(granted)s of %(total)s ECTS") % values
        else:
            decision = _("Partial recognition: %(granted)s of %(total)s ECTS") % values
        name = _("Recognition of prior learning: %(target)s") % values
        description = _(
            "%(org)s recognised the learner's prior learning for %(target)s. %(decision)s."
        ) % {**values, "decision": decision}
        if rule is not None:
            narrative = _("Decided by a standing rule of %(org)s: %(reason)s") % {
                **values,
                "reason": rule.reason,
            }
        else:
            narrative = _("Decided by a reviewer of %(org)s: %(reason)s") % {
                **values,
                "reason": reason,
            }
    achievement: dict[str, Any] = {
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": ["Achievement"],
        "achievementType": "ext:RecognitionOfPriorLearning",
        "name": name,
        "description": description,
        "criteria": {"narrative": narrative},
        "inLanguage": lang,
    }
    if target.code:
        achievement["humanCode"] = target.code
    return achievement


def issue_decision(
    request: Request,
    *,
    decision_id: str,
    outcome: str,
    ects: Decimal,
    reason: str,
    rule: StandingRule | None,
    by: Any,
    renews: Award | None = None,
) -> Award | None:
    """Sign and store the recognition credential of a decision; None for a refusal."""
    if outcome == Outcome.REFUSED:
        return None
    organization = request.target.organization
    version = decision_version(organization)
    links = [related_link(c.credential) for c in request.credentials.all()]
    related = tuple({link["id"]: link for link in links if link is not None}.values())
    award_request = AwardRequest(
        Learner(request.learner_email, request.learner_name, language=request.language),
        idempotency_key("recognition", decision_id),
        renews=renews,
        achievement=_achievement(request, outcome, ects, reason, rule),
        related=related,
        credits_earned=ects,
    )
    with signer_for(organization) as signer:
        (issued,) = issue_awards(
            version,
            [award_request],
            signer=signer,
            issued_by=by,
            include_name=bool(request.learner_name),
        )
    return issued.award
