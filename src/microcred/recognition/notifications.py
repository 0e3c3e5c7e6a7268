"""E-mails of the desk: the learner hears every decision in their language; the reviewers
hear of every new request and appeal (in the deployment's language, as officers do).

Sent after the transaction commits: a decision rolled back is never announced.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from microcred.issuing.plain_text import single_line
from microcred.organizations.deployment import public_base_url
from microcred.organizations.models import Membership
from microcred.organizations.roles import Role
from microcred.recognition.models import Decision, Request

__all__ = ["tell_learner", "tell_reviewers"]


def _send_after_commit(messages: Sequence[EmailMessage]) -> None:
    if messages:
        transaction.on_commit(lambda: get_connection().send_messages(list(messages)))


def tell_learner(decision: Decision) -> None:
    request = decision.request
    with translation.override(request.language):
        lang = "tr" if request.language == "tr" else "en"
        path = reverse("recognition:request", kwargs={"request_id": request.public_id})
        context = {
            "target": request.target.label(lang),
            "organization": request.target.organization.name,
            "outcome": decision.get_outcome_display(),
            "ects": f"{decision.ects.normalize():f}",
            "reason": decision.reason,
            "final": decision.stage == Decision.Stage.APPEAL,
            "rule": decision.rule_id is not None,
            "issued": decision.award_id is not None,
            "link": public_base_url() + path,
        }
        subject = _("Your recognition request was decided: %(target)s") % context
        body = render_to_string("recognition/email/decided.txt", context)
    _send_after_commit(
        [EmailMessage(subject=single_line(subject), body=body, to=[request.learner_email])]
    )


def tell_reviewers(request: Request, *, appealed: bool = False) -> None:
    organization = request.target.organization
    reviewers = Membership.objects.filter(
        organization=organization, role=Role.RPL_REVIEWER, user__is_active=True
    ).values_list("user__email", flat=True)
    with translation.override(str(settings.LANGUAGE_CODE)):
        path = reverse(
            "recognition:review", kwargs={"org": organization.slug, "request_id": request.public_id}
        )
        context = {
            "target": request.target.label(str(settings.LANGUAGE_CODE)[:2]),
            "learner": request.learner_name or request.learner_email,
            "appealed": appealed,
            "link": public_base_url() + path,
        }
        if appealed:
            subject = _("A learner appeals a recognition decision: %(target)s") % context
        else:
            subject = _("A new recognition request: %(target)s") % context
        body = render_to_string("recognition/email/to_reviewers.txt", context)
    _send_after_commit(
        [EmailMessage(subject=single_line(subject), body=body, to=[to]) for to in reviewers]
    )
