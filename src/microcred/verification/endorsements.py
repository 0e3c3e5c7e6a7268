"""Approvals a reader may rely on: the endorsements the trust core verified, in plain words.

Read from the report's passed ``endorsements`` checks only, never from the credential's own
text: an issuer writing "approved by the national agency" into its credential proves
nothing; an endorsement the agency signed, checked against the agency's own DID document,
does. The endorser's name is the one inside that signed endorsement.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from microcred.vc import parse_datetime
from microcred.vc.verify import CheckStatus, VerificationReport


@dataclass(frozen=True, slots=True)
class Approval:
    endorser: str
    endorser_id: str
    text: str


def approvals(report: VerificationReport) -> tuple[Approval, ...]:
    """One sentence per verified endorsement ("Approved by X on D"), in the active language."""
    found = []
    for check in report.checks:
        if check.check != "endorsements" or check.status is not CheckStatus.PASSED:
            continue
        if check.code != "endorsement_verified":
            continue
        endorser = check.params.get("endorser", "?")
        text = _("Approved by %(endorser)s on %(date)s.") % {
            "endorser": endorser,
            "date": _date(check.params.get("date", "")),
        }
        found.append(Approval(endorser, check.params.get("endorser_id", ""), text))
    return tuple(found)


def _date(value: str) -> str:
    try:
        return str(formats.date_format(parse_datetime(value), "DATE_FORMAT"))
    except ValueError:
        return value
