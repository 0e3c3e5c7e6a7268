"""The verify page's answer to a Verifiable Presentation, in plain words.

First whether the presentation itself holds (signed by its holder, for this verifier when
a challenge was asked), then each credential's own answer exactly as for a credential on
its own (:func:`~microcred.verification.wording.answer_for`). The verdict is the
trust core's; only the wording is ours.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from microcred.vc import PresentationReport
from microcred.verification.wording import STATUS_LABELS, Answer, CheckRow, answer_for


@dataclass(frozen=True, slots=True)
class PresentationAnswer:
    ok: bool
    headline: str
    reason: str | None
    holder: str | None
    checks: tuple[CheckRow, ...]
    credentials: tuple[Answer, ...]


def presentation_answer(report: PresentationReport, *, lang: str) -> PresentationAnswer:
    lang = "tr" if lang.lower().startswith("tr") else "en"
    with translation.override(lang):
        own = report.failures[0] if report.failures else None
        if report.verified:
            headline = _(
                "Valid presentation: the holder signed it and all %(count)d credentials verified."
            ) % {"count": len(report.credentials)}
        elif own is not None and own.check != "credentials":
            headline = _("Not valid: the presentation itself does not hold.")
        else:
            headline = _("Not valid: a credential in the presentation does not verify.")
        rows = tuple(
            CheckRow(c.check, c.code, str(c.status), str(STATUS_LABELS[c.status]), c.message(lang))
            for c in report.checks
        )
        return PresentationAnswer(
            ok=report.verified,
            headline=headline,
            reason=own.message(lang) if own is not None else None,
            holder=report.holder,
            checks=rows,
            credentials=tuple(answer_for(r, lang=lang) for r in report.credentials),
        )
