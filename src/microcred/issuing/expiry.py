"""Telling learners ahead of time that a credential is about to expire — once per award.

An award whose ``validUntil`` falls within ``MICROCRED_EXPIRY_NOTICE_DAYS`` (default 60)
gets one e-mail, in the learner's language when it is known (``Award.learner_language``,
remembered when they claim or contest). The award is marked before the message is queued,
by a conditional update, so two workers running the task at once cannot both send it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from microcred.issuing.models import Award
from microcred.issuing.plain_text import single_line

#: Default for ``MICROCRED_EXPIRY_NOTICE_DAYS``.
NOTICE_DAYS = 60
LANGUAGES = ("en", "tr")


def notice_days() -> int:
    return int(getattr(settings, "MICROCRED_EXPIRY_NOTICE_DAYS", NOTICE_DAYS))


def language_of(award: Award) -> str:
    """The learner's language if known, else the deployment's."""
    if award.learner_language in LANGUAGES:
        return award.learner_language
    return str(settings.LANGUAGE_CODE)[:2]


def remember_language(award: Award, language: str | None) -> None:
    """Keep the language the learner uses (called when they claim or contest)."""
    code = (language or "")[:2]
    if code in LANGUAGES and award.learner_language != code:
        Award.objects.filter(pk=award.pk).update(learner_language=code)
        award.learner_language = code


def due(now: datetime) -> QuerySet[Award]:
    """Active awards expiring within the notice window whose learner was not told yet."""
    return Award.objects.filter(
        state=Award.State.ACTIVE,
        valid_until__gt=now,
        valid_until__lte=now + timedelta(days=notice_days()),
        expiry_notice_sent__isnull=True,
    ).exclude(learner_email="")


def _message(award: Award) -> EmailMessage:
    title = award.specification_version.title
    with translation.override(language_of(award)):
        assert award.valid_until is not None
        context = {
            "title": title,
            "organization": award.organization,
            "until": formats.date_format(timezone.localtime(award.valid_until), "DATE_FORMAT"),
        }
        subject = _("Your micro-credential expires soon: %(title)s") % {"title": title}
        body = render_to_string("issuing/email/expiry.txt", context)
    return EmailMessage(subject=single_line(subject), body=body, to=[award.learner_email])


def send_expiry_notices(now: datetime | None = None) -> int:
    """One notice per award now in its window; returns how many were sent."""
    moment = now or timezone.now()
    sent = 0
    for award in due(moment).select_related("organization", "specification_version"):
        with transaction.atomic():
            claimed = Award.objects.filter(pk=award.pk, expiry_notice_sent__isnull=True).update(
                expiry_notice_sent=moment
            )
            if claimed:
                _send_after_commit(_message(award))
                sent += 1
    return sent


def _send_after_commit(message: EmailMessage) -> None:
    transaction.on_commit(lambda: get_connection().send_messages([message]))
