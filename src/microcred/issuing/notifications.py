"""E-mails to learners: a claim link when awarded, the reason when the status changes.

Messages are written in the caller's language and sent only after the transaction that
made the change commits — a rolled-back award never reaches anybody's inbox.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from microcred.issuing.awards import Issued
from microcred.issuing.models import Award
from microcred.issuing.plain_text import single_line
from microcred.issuing.revocation import StatusAction
from microcred.organizations.deployment import public_base_url

__all__ = ["claim_url", "notify_awarded", "notify_status_changed"]


def claim_url(token: str, language: str) -> str:
    """The absolute claim link for a raw claim token, in ``language``."""
    with translation.override(language):
        return public_base_url() + reverse("issuing:claim", kwargs={"token": token})


def _send_after_commit(messages: list[EmailMessage]) -> None:
    if messages:
        transaction.on_commit(lambda: get_connection().send_messages(messages))


def _message(
    award: Award, subject: str, template: str, extra: Mapping[str, object]
) -> EmailMessage:
    context = {"award": award, "title": award.specification_version.title, **extra}
    body = render_to_string(template, {**context, "organization": award.organization})
    # A header carries no user text with line breaks (titles and names are typed by people;
    # Django refuses such a header, which would fail the send after the award committed).
    return EmailMessage(subject=single_line(subject), body=body, to=[award.learner_email])


def notify_awarded(issued_list: Iterable[Issued], language: str) -> int:
    """Tell each newly awarded learner (those with a claim token); return how many."""
    messages: list[EmailMessage] = []
    with translation.override(language):
        for item in issued_list:
            if item.claim_token is None:  # existed before: the learner was told then
                continue
            award = item.award
            subject = _("Your micro-credential: %(title)s") % {
                "title": award.specification_version.title
            }
            link = claim_url(item.claim_token, language)
            messages.append(_message(award, subject, "issuing/email/awarded.txt", {"link": link}))
    _send_after_commit(messages)
    return len(messages)


def notify_status_changed(
    awards: Sequence[Award], action: StatusAction, reason: str, language: str
) -> int:
    """Tell each learner whose award changed what happened and why; return how many."""
    messages: list[EmailMessage] = []
    with translation.override(language):
        subjects = {
            StatusAction.REVOKE: _("Your micro-credential was revoked: %(title)s"),
            StatusAction.SUSPEND: _("Your micro-credential was suspended: %(title)s"),
            StatusAction.REINSTATE: _("Your micro-credential was reinstated: %(title)s"),
        }
        for award in awards:
            if not award.learner_email:  # erased under the retention rules (docs/privacy.md)
                continue
            subject = subjects[action] % {"title": award.specification_version.title}
            context = {"action": str(action), "reason": reason}
            messages.append(_message(award, subject, "issuing/email/status.txt", context))
    _send_after_commit(messages)
    return len(messages)
