"""E-mails to learners: a claim link when awarded, the reason when the status changes.

Each message is written in the learner's language (``Award.language``, else the
organisation's default), greets the learner by name when we know it, and says what to do
next. Messages are sent only after the transaction that made the change commits — a
rolled-back award never reaches anybody's inbox.
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

__all__ = [
    "claim_url",
    "learner_language",
    "notify_awarded",
    "notify_reissued",
    "notify_status_changed",
]


def claim_url(token: str, language: str) -> str:
    """The absolute claim link for a raw claim token, in ``language``."""
    with translation.override(language):
        return public_base_url() + reverse("issuing:claim", kwargs={"token": token})


def learner_language(award: Award, fallback: str = "") -> str:
    """The language to write to this learner in: theirs, else the given fallback, else the
    organisation's default (awards made before languages were kept have none)."""
    return award.language or fallback or award.organization.default_language or "en"


def _send_after_commit(messages: list[EmailMessage]) -> None:
    if messages:
        transaction.on_commit(lambda: get_connection().send_messages(messages))


def _message(
    award: Award, subject: str, template: str, extra: Mapping[str, object]
) -> EmailMessage:
    """One message, rendered in the language that is active (the caller's override)."""
    organization = award.organization
    context = {
        "award": award,
        "title": award.specification_version.title,
        "name": single_line(award.learner_name),
        "organization": organization,
        "contact": organization.contact_email,
        **extra,
    }
    body = render_to_string(template, context)
    # A header carries no user text with line breaks (titles and names are typed by people;
    # Django refuses such a header, which would fail the send after the award committed).
    return EmailMessage(subject=single_line(subject), body=body, to=[award.learner_email])


def notify_awarded(issued_list: Iterable[Issued], fallback_language: str = "") -> int:
    """Tell each newly awarded learner (those with a claim token); return how many."""
    messages: list[EmailMessage] = []
    for item in issued_list:
        if item.claim_token is None:  # existed before: the learner was told then
            continue
        messages.append(awarded_message(item.award, item.claim_token, fallback_language))
    _send_after_commit(messages)
    return len(messages)


def awarded_message(award: Award, token: str, fallback_language: str = "") -> EmailMessage:
    """The claim e-mail of one award (also what "send the claim e-mail again" sends)."""
    language = learner_language(award, fallback_language)
    with translation.override(language):
        subject = _("Your micro-credential: %(title)s") % {
            "title": award.specification_version.title
        }
        link = claim_url(token, language)
        return _message(award, subject, "issuing/email/awarded.txt", {"link": link})


def notify_status_changed(
    awards: Sequence[Award], action: StatusAction, reason: str, fallback_language: str = ""
) -> int:
    """Tell each learner whose award changed what happened and why; return how many.

    ``reason`` is the public reason only: an internal note never leaves the organisation.
    """
    messages: list[EmailMessage] = []
    for award in awards:
        if not award.learner_email:  # erased under the retention rules (docs/privacy.md)
            continue
        with translation.override(learner_language(award, fallback_language)):
            subjects = {
                StatusAction.REVOKE: _("Your micro-credential was revoked: %(title)s"),
                StatusAction.SUSPEND: _("Your micro-credential was suspended: %(title)s"),
                StatusAction.REINSTATE: _("Your micro-credential was reinstated: %(title)s"),
            }
            subject = subjects[action] % {"title": award.specification_version.title}
            context = {"action": str(action), "reason": reason}
            messages.append(_message(award, subject, "issuing/email/status.txt", context))
    _send_after_commit(messages)
    return len(messages)


def notify_reissued(old: Award, new: Issued, reason: str) -> int:
    """One e-mail for a correction: the wrong award was revoked (why), here is the new one."""
    if new.claim_token is None:
        return 0
    language = learner_language(new.award)
    with translation.override(language):
        subject = _("Your corrected micro-credential: %(title)s") % {
            "title": new.award.specification_version.title
        }
        context = {
            "old_title": old.specification_version.title,
            "reason": reason,
            "link": claim_url(new.claim_token, language),
        }
        message = _message(new.award, subject, "issuing/email/reissued.txt", context)
    _send_after_commit([message])
    return 1
