"""The wording of the answer to a credential: plain words, what it says, every check.

The verdict is *never* re-derived here: it is the trust core's report, read in a fixed
order of importance (a forged credential is "changed after signing" before it is
"revoked", since a forger's claims about status mean nothing). Only the wording is ours,
and, for credentials of this platform, the issuer's stated reason and date of a revocation
or suspension, which the status list itself cannot carry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from microcred.issuing import public_documents
from microcred.vc import parse_datetime
from microcred.vc.verify import Check, CheckStatus, VerificationReport
from microcred.verification.endorsements import Approval, approvals
from microcred.verification.facts import CredentialFacts, read_facts
from microcred.verification.issuer_identity import IssuerIdentity, issuer_identity

STATUS_LABELS = {
    CheckStatus.PASSED: gettext_lazy("Passed"),
    CheckStatus.FAILED: gettext_lazy("Failed"),
    CheckStatus.SKIPPED: gettext_lazy("Not applicable"),
    CheckStatus.WARNING: gettext_lazy("Not recognised"),
}
_PARSE = {"json_malformed", "json_too_large", "json_too_deep", "json_not_object", "jwt_malformed"}
_TAMPERED = {"proof_signature_invalid"}
_KEY = {
    "verification_method_unresolvable",
    "key_format_invalid",
    "key_not_authorized",
    "issuer_mismatch",
    "proof_purpose_invalid",
}
_UNSIGNED = {"proof_missing"}
_ENDORSEMENT = {
    "endorsement_tampered",
    "endorsement_key_unknown",
    "endorsement_subject_mismatch",
    "endorsement_invalid",
    "endorsement_malformed",
    "too_many_endorsements",
}
_STATUS_UNKNOWN = {"status_unavailable", "status_list_invalid", "status_entry_invalid"}


@dataclass(frozen=True, slots=True)
class CheckRow:
    check: str
    code: str
    status: str
    status_label: str
    message: str


@dataclass(frozen=True, slots=True)
class Answer:
    """What the page, the share page and the API show: ``verdict`` is a stable code."""

    verdict: str
    headline: str
    #: The trust core's own message for the deciding failure (None when valid).
    reason: str | None
    facts: CredentialFacts | None
    checks: tuple[CheckRow, ...]
    #: Verified endorsements (e.g. a QA body's approval), shown as facts when valid.
    approvals: tuple[Approval, ...] = ()
    #: What the valid signature proves about the signer (its domain, or this platform).
    identity: IssuerIdentity | None = None
    #: The issuer's standing with the registries followed (a ``trust`` code, or "").
    standing: str = ""
    #: That standing in plain words (registry facts), or "".
    standing_text: str = ""

    @property
    def ok(self) -> bool:
        return self.verdict == "valid"

    @property
    def recognised(self) -> bool:
        return self.standing == "issuer_recognised"

    def to_json(self) -> dict[str, Any]:
        out = {"verdict": self.verdict, "headline": self.headline, "reason": self.reason}
        if self.standing:
            out["standing"] = self.standing
            out["standingText"] = self.standing_text
        return out


def answer_for(report: VerificationReport, *, lang: str) -> Answer:
    """The plain-words answer to ``report`` in ``lang`` ("en" or "tr")."""
    lang = "tr" if lang.lower().startswith("tr") else "en"
    with translation.override(lang):
        facts = read_facts(report.credential, lang)
        verdict, headline, deciding = _verdict(report, facts)
        standing = standing_words(report.find("trust"), facts)
        if verdict == "valid" and standing is not None:
            trust = report.find("trust")
            registered = trust.params.get("name") if trust is not None else None
            headline = standing[2] or _valid(facts, registered_name=registered)
        rows = tuple(
            CheckRow(c.check, c.code, str(c.status), str(STATUS_LABELS[c.status]), c.message(lang))
            for c in report.checks
        )
        return Answer(
            verdict=verdict,
            headline=headline,
            reason=deciding.message(lang) if deciding is not None else None,
            facts=facts if facts is not None and not facts.is_empty else None,
            checks=rows,
            approvals=approvals(report) if verdict == "valid" else (),
            identity=issuer_identity(report),
            standing=standing[0] if standing else "",
            standing_text=standing[1] if standing else "",
        )


def _verdict(
    report: VerificationReport, facts: CredentialFacts | None
) -> tuple[str, str, Check | None]:
    failures = report.failures
    if report.verified:
        return "valid", _valid(facts), None
    codes = {c.code: c for c in failures}
    for group, verdict, words in (
        (_PARSE, "unreadable", _("Not a credential: it could not be read.")),
        (_TAMPERED, "invalid", _("Not valid: the content was changed after signing.")),
        (_UNSIGNED, "invalid", _("Not valid: the credential is not signed.")),
        (_KEY, "invalid", _("Not valid: signed by a key that the issuer does not vouch for.")),
        (
            _ENDORSEMENT,
            "invalid",
            _("Not valid: an approval (endorsement) it carries does not check out."),
        ),
    ):
        found = next((codes[c] for c in codes if c in group), None)
        if found is not None:
            return verdict, words, found
    if "revoked" in codes:
        return "revoked", _changed(report, "revocation"), codes["revoked"]
    if "suspended" in codes:
        return "suspended", _changed(report, "suspension"), codes["suspended"]
    if "expired" in codes:
        when = _date(codes["expired"].params.get("date"))
        return "expired", _("Expired on %(date)s.") % {"date": when}, codes["expired"]
    if "not_yet_valid" in codes:
        when = _date(codes["not_yet_valid"].params.get("date"))
        return (
            "not_yet_valid",
            _("Not valid before %(date)s.") % {"date": when},
            codes["not_yet_valid"],
        )
    found = next((codes[c] for c in codes if c in _STATUS_UNKNOWN), None)
    if found is not None:
        words = _("Cannot be confirmed: the issuer's status list could not be checked.")
        return "unconfirmed", words, found
    return "invalid", _("Not valid: %(reason)s") % {"reason": failures[0].message()}, failures[0]


def standing_words(
    check: Check | None, facts: CredentialFacts | None
) -> tuple[str, str, str] | None:
    """(code, the standing as a registry fact, the headline when the signature is valid but
    the issuer not recognised); None without a trust check."""
    if check is None:
        return None
    params = check.params
    claimed = (facts.issuer if facts else None) or _("an unnamed issuer")
    if check.code == "issuer_recognised":
        text = _("Recognised by %(body)s since %(since)s (scope: %(scope)s).") % {
            "body": params.get("body", ""),
            "since": _date(params.get("since")),
            "scope": params.get("scope", ""),
        }
        return check.code, text, ""
    if check.code in ("issuer_recognition_withdrawn", "issuer_recognition_suspended"):
        values = {"body": params.get("body", ""), "date": _date(params.get("date"))}
        if check.code == "issuer_recognition_withdrawn":
            text = _("%(body)s withdrew its recognition of this issuer on %(date)s.") % values
        else:
            text = _("%(body)s suspended its recognition of this issuer on %(date)s.") % values
        headline = (
            _(
                "The signature is valid, but this credential was issued after %(body)s "
                "ended its recognition of the issuer (%(date)s)."
            )
            % values
        )
        return check.code, text, headline
    text = _(
        "No quality-assurance body that this service follows recognises the issuer. "
        "“%(name)s” is the name the issuer gives itself; nobody has confirmed it."
    ) % {"name": claimed}
    headline = _(
        "The signature is valid, but no quality-assurance body that this service follows "
        "recognises the issuer."
    )
    return check.code, text, headline


def _valid(facts: CredentialFacts | None, *, registered_name: str | None = None) -> str:
    """ "Valid — issued by …": the registry's name for a recognised issuer (a fact), else the
    credential's own (used only when no registry is followed at all)."""
    issuer = registered_name or (facts.issuer if facts else None) or _("an unnamed issuer")
    when = _date(facts.issued_text if facts else None)
    holder = facts.holder if facts else None
    if holder:
        return _("Valid — issued by %(issuer)s on %(date)s to %(holder)s.") % {
            "issuer": issuer,
            "date": when,
            "holder": holder,
        }
    return _("Valid — issued by %(issuer)s on %(date)s.") % {"issuer": issuer, "date": when}


def _changed(report: VerificationReport, purpose: str) -> str:
    """ "Revoked on D: reason" from our own records, or as much as a foreign list says."""
    stated = _local_state(report.credential, purpose)
    revoked = purpose == "revocation"
    if stated is None or stated.changed is None:
        return _("Revoked by the issuer.") if revoked else _("Suspended by the issuer.")
    values = {"date": _date(stated.changed), "reason": stated.reason}
    if revoked:
        return _("Revoked on %(date)s: %(reason)s") % values
    return _("Suspended since %(date)s: %(reason)s") % values


def _local_state(
    credential: Mapping[str, Any] | None, purpose: str
) -> public_documents.EntryState | None:
    if credential is None:
        return None
    entries = credential.get("credentialStatus")
    for entry in entries if isinstance(entries, list) else [entries]:
        if not isinstance(entry, Mapping) or entry.get("statusPurpose") != purpose:
            continue
        list_id = public_documents.local_list_id(str(entry.get("statusListCredential", "")))
        index = str(entry.get("statusListIndex", ""))
        if list_id is not None and index.isdigit():
            return public_documents.entry_state(list_id, int(index), purpose)
    return None


def _date(value: datetime | str | None) -> str:
    moment: datetime | None
    if isinstance(value, str):
        try:
            moment = parse_datetime(value)
        except ValueError:
            return value
    else:
        moment = value
    if moment is None:
        return _("an unknown date")
    return str(formats.date_format(moment, "DATE_FORMAT"))
