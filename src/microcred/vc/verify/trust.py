"""The issuer's standing in trust lists (registries of recognised providers).

A quality-assurance body publishes which issuers it recognises, for what (its scope), from
when until when, and whether that recognition was suspended or withdrawn. The standing
that counts is the one *on the day the credential was issued*: a credential issued before
a withdrawal keeps its issuer's standing; one issued after does not.

"Issued" is the signing time: the latest ``created`` of the credential's proofs (``iat``
for a vc+jwt), else its ``validFrom``. A proof's time is written by whoever holds the key,
so for a foreign issuer it is a claim; for credentials signed by a platform on behalf of
its providers it is the platform's own clock, which a withdrawn provider cannot backdate.

A list read from a signed credential is verified first (see :mod:`.signed_trust_list`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from microcred.vc.dates import format_datetime, parse_datetime
from microcred.vc.verify.context import Run
from microcred.vc.verify.report import Check, CheckStatus

__all__ = ["TrustList", "TrustedIssuer", "check_trust", "issued_at"]


@dataclass(frozen=True, slots=True)
class TrustedIssuer:
    """One period of recognition of one issuer by one body.

    ``withdrawn`` / ``suspended`` end the period early (credentials issued from then on
    lose the standing); ``valid_until`` ends it as planned.
    """

    id: str
    name: str
    accredited_by: str | None = None
    accredited_by_id: str | None = None
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    withdrawn: datetime | None = None
    suspended: datetime | None = None
    fields_of_study: tuple[str, ...] = ()
    eqf_levels: tuple[int, ...] = ()
    tqf_levels: tuple[int, ...] = ()

    @property
    def ended(self) -> datetime | None:
        """When the recognition stopped early (the earlier of withdrawal and suspension)."""
        ends = [d for d in (self.withdrawn, self.suspended) if d is not None]
        return min(ends) if ends else None

    def covers(self, moment: datetime) -> bool:
        if self.valid_from is not None and moment < self.valid_from:
            return False
        if self.valid_until is not None and moment >= self.valid_until:
            return False
        ended = self.ended
        return ended is None or moment < ended

    def scope_text(self) -> str:
        """The scope in a language-neutral form: ``EQF 5, 6 · TQF 6 · Informatics``."""
        parts = []
        if self.eqf_levels:
            parts.append("EQF " + ", ".join(map(str, self.eqf_levels)))
        if self.tqf_levels:
            parts.append("TQF " + ", ".join(map(str, self.tqf_levels)))
        if self.fields_of_study:
            parts.append(", ".join(self.fields_of_study))
        return " · ".join(parts) or "—"


@dataclass(frozen=True, slots=True)
class TrustList:
    """The recognitions one body publishes (or a local file an operator trusts)."""

    name: str
    issuers: Mapping[str, tuple[TrustedIssuer, ...]]
    #: The DID of the body that signed the list (None for an unsigned local file).
    issuer: str | None = None
    #: The list's own ``id`` (its versioned URL) and version, when signed.
    id: str | None = None
    version: int | None = None
    issued: datetime | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TrustList:
        """A plain, unsigned list: ``{"name": …, "issuers": [{"id", "name", …}]}``.

        Entries take ``accreditedBy``, ``validFrom``, ``validUntil``, ``withdrawn``,
        ``suspended``; trust in such a file comes from where the operator keeps it.
        """
        if not isinstance(data.get("issuers"), list):
            raise ValueError("a trust list needs an 'issuers' array")
        name = str(data.get("name", "trust list"))
        entries = [_plain_entry(entry, name) for entry in data["issuers"]]
        return cls(name=name, issuers=group_by_issuer(entries))

    @classmethod
    def from_signed(
        cls, data: bytes | str | Mapping[str, Any], *, expected_issuer: str, **options: Any
    ) -> TrustList:
        """A list read from a trust-list credential, after verifying it (signature, dates,
        issuer = ``expected_issuer``); raises :class:`TrustListError` otherwise.
        ``options`` go to :func:`~microcred.vc.verify.verify_credential` (``now`` at least).
        """
        from microcred.vc.verify.signed_trust_list import read_signed_trust_list

        return read_signed_trust_list(data, expected_issuer=expected_issuer, **options)

    def entries_for(self, issuer: str) -> tuple[TrustedIssuer, ...]:
        return self.issuers.get(issuer, ())


def group_by_issuer(entries: Iterable[TrustedIssuer]) -> dict[str, tuple[TrustedIssuer, ...]]:
    grouped: dict[str, list[TrustedIssuer]] = {}
    for entry in entries:
        grouped.setdefault(entry.id, []).append(entry)
    return {key: tuple(value) for key, value in grouped.items()}


def _plain_entry(entry: Any, list_name: str) -> TrustedIssuer:
    if not isinstance(entry, Mapping) or not isinstance(entry.get("id"), str):
        raise ValueError("every trust list entry needs a string 'id'")

    def when(name: str) -> datetime | None:
        value = entry.get(name)
        return parse_datetime(value) if value else None

    body = entry.get("accreditedBy")
    return TrustedIssuer(
        id=entry["id"],
        name=str(entry.get("name", entry["id"])),
        accredited_by=str(body) if body else list_name,
        valid_from=when("validFrom"),
        valid_until=when("validUntil"),
        withdrawn=when("withdrawn"),
        suspended=when("suspended"),
    )


def issued_at(run: Run) -> datetime:
    """When the credential was signed (see the module docstring), else ``run.now``."""
    moments: list[datetime] = []
    proofs = run.credential.get("proof")
    for proof in proofs if isinstance(proofs, list) else [proofs]:
        if isinstance(proof, Mapping):
            moments.extend(_moment(proof.get("created")))
    if run.jwt is not None:
        iat = run.jwt.payload.get("iat")
        if isinstance(iat, int) and not isinstance(iat, bool) and 0 <= iat < 2**40:
            moments.append(datetime.fromtimestamp(iat, UTC))
    if moments:
        return max(moments)
    for name in ("validFrom", "issuanceDate"):
        found = _moment(run.credential.get(name))
        if found:
            return found[0]
    return run.now


def _moment(value: Any) -> list[datetime]:
    try:
        return [parse_datetime(value)]
    except ValueError:
        return []


def check_trust(run: Run, trust_lists: Sequence[TrustList], *, required: bool = True) -> Check:
    """Whether a body of ``trust_lists`` recognised the issuer when it signed.

    Not recognised is a failure when ``required`` (an explicit ``--trust-list``), else a
    warning: the signature stays valid, the standing is what the reader must weigh.
    """
    issuer = run.issuer_id or ""
    issued = issued_at(run)
    entries = [entry for tl in trust_lists for entry in tl.entries_for(issuer)]
    covering = [entry for entry in entries if entry.covers(issued)]
    if covering:
        entry = max(covering, key=lambda e: e.valid_from or datetime.min.replace(tzinfo=UTC))
        return Check("trust", "issuer_recognised", CheckStatus.PASSED, _params(entry))
    miss = CheckStatus.FAILED if required else CheckStatus.WARNING
    ended = [
        entry
        for entry in entries
        if entry.ended is not None
        and entry.ended <= issued
        and (entry.valid_from is None or entry.valid_from <= entry.ended)
    ]
    if ended:
        entry = max(ended, key=lambda e: e.ended or issued)
        code = (
            "issuer_recognition_suspended"
            if entry.suspended is not None and entry.suspended == entry.ended
            else "issuer_recognition_withdrawn"
        )
        params = {**_params(entry), "date": format_datetime(entry.ended or issued)}
        return Check("trust", code, miss, params)
    return Check("trust", "issuer_not_recognised", miss, {"issued": format_datetime(issued)})


def _params(entry: TrustedIssuer) -> dict[str, str]:
    params = {
        "body": entry.accredited_by or "—",
        "name": entry.name,
        "scope": entry.scope_text(),
        "since": format_datetime(entry.valid_from) if entry.valid_from else "—",
    }
    if entry.valid_until is not None:
        params["until"] = format_datetime(entry.valid_until)
    if entry.accredited_by_id:
        params["body_id"] = entry.accredited_by_id
    return params
