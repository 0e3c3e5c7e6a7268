"""What a share page shows of a credential when its learner chose not to show their name.

The signed credential is not changed (it could not be, and stays downloadable as issued):
only the copy the page describes loses the subject's ``name`` and the plain-text name
identifiers an issuer may add, so neither the headline nor the facts name the learner.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from microcred.vc.verify import VerificationReport


def _is_plain_name(identifier: Any) -> bool:
    return (
        isinstance(identifier, Mapping)
        and identifier.get("identityType") == "name"
        and identifier.get("hashed") is False
    )


def _anonymous_subject(subject: Any) -> Any:
    if not isinstance(subject, Mapping):
        return subject
    kept = {k: v for k, v in subject.items() if k != "name"}
    identifiers = subject.get("identifier")
    if isinstance(identifiers, list):
        kept["identifier"] = [i for i in identifiers if not _is_plain_name(i)]
    elif _is_plain_name(identifiers):
        kept.pop("identifier", None)
    return kept


def without_name(credential: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``credential`` for display, without the learner's name."""
    subject = credential.get("credentialSubject")
    if isinstance(subject, list):
        anonymous: Any = [_anonymous_subject(s) for s in subject]
    else:
        anonymous = _anonymous_subject(subject)
    return {**credential, "credentialSubject": anonymous}


def report_without_name(report: VerificationReport) -> VerificationReport:
    if report.credential is None:
        return report
    return replace(report, credential=without_name(report.credential))
