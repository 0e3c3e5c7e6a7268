"""Issuing the stacked credential of a completed pathway (decision 0010).

The stacked credential is an ordinary award of the pathway's target specification, issued
through ``issuing.awards.issue_awards`` like any other, with two additions:

- its Achievement names the component achievements it was earned with, as OB 3.0
  ``alignment`` entries of ``targetType`` ``ext:hasPart`` (OB 3.0 has no components field;
  ``related`` means "the same achievement in another language or version");
- it binds the learner's component credentials by id and digest in VC 2.0
  ``relatedResource`` (:mod:`microcred.vc.bindings`), so a verifier holding them can check
  that these very credentials were counted (``microcred verify --component``).

One per learner and pathway: asking again returns the credential already issued.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.catalog import services as catalog
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.issuing.models import Award
from microcred.organizations.keys import signer_for
from microcred.pathways.errors import PathwayError
from microcred.pathways.evidence import Evidence
from microcred.pathways.models import Pathway, StackedCredential
from microcred.pathways.progress import Progress
from microcred.vc import HAS_PART, Learner

__all__ = ["HAS_PART", "issue_stack", "part_alignment"]

log = logging.getLogger(__name__)


def part_alignment(evidence: Evidence) -> dict[str, Any]:
    """The Alignment naming one component achievement (its issuer in the description)."""
    return {
        "type": ["Alignment"],
        "targetType": HAS_PART,
        "targetName": evidence.title,
        "targetUrl": evidence.achievement_id or evidence.credential_id or "",
        "targetDescription": evidence.issuer_name,
    }


def _bindings(progress: Progress) -> tuple[Mapping[str, str], ...]:
    bindings = (e.binding() for e in progress.counted)
    return tuple(binding for binding in bindings if binding is not None)


def _target_version(pathway: Pathway) -> Any:
    versions = catalog.published_versions(pathway.target)
    if not versions:
        raise PathwayError(
            _("The pathway's qualification has no published version: it cannot be issued yet."),
            code="pathways.target_not_published",
        )
    return versions[0]


@transaction.atomic
def issue_stack(
    pathway: Pathway,
    learner: User,
    progress: Progress,
    *,
    email: str,
    automatic: bool = False,
    now: datetime | None = None,
) -> tuple[StackedCredential, Award]:
    """The learner's stacked credential (issued now, or the one issued before)."""
    existing = StackedCredential.objects.filter(pathway=pathway, learner=learner).first()
    if existing is not None:
        return existing, Award.objects.get(public_id=existing.award_public_id)
    if pathway.status != Pathway.Status.PUBLISHED:
        raise PathwayError(_("This pathway is not published."), code="pathways.not_published")
    if not progress.complete:
        raise PathwayError(_("The pathway is not complete yet."), code="pathways.not_complete")
    version = _target_version(pathway)
    moment = now or timezone.now()
    name = learner.display_name
    request = AwardRequest(
        Learner(email=email, name=name, awarded_on=timezone.localdate(moment)),
        idempotency_key("stack", pathway.public_id, str(learner.pk)),
        related=_bindings(progress),
        alignments=tuple(part_alignment(e) for e in progress.counted),
    )
    with signer_for(pathway.organization) as signer:
        (issued,) = issue_awards(
            version, [request], signer=signer, include_name=bool(name), now=moment
        )
    stack = StackedCredential.objects.create(
        pathway=pathway,
        learner=learner,
        award_public_id=issued.award.public_id,
        components=list(map(dict, _bindings(progress))),
        automatic=automatic,
    )
    log.info(
        "stacked credential issued",
        extra={
            "pathway": pathway.public_id,
            "award": issued.award.public_id,
            "automatic": automatic,
        },
    )
    return stack, issued.award
