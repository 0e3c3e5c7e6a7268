"""One pipeline for every credential, every format, every caller.

Order matters only for cost and clarity: cheap structural rules first, then JSON-LD (whose
canonical form the proof reuses), then the proof chain, dates, status and trust. Every rule
that can run does run, so the report lists all that is wrong, not just the first thing.
Nothing here raises for a bad credential; :class:`TypeError` is for misuse.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping, Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import Any, Literal

from microcred.vc.contexts import DocumentLoader, pinned_loader
from microcred.vc.did import DidResolver, Fetcher
from microcred.vc.verify.budget import Budget
from microcred.vc.verify.context import ResourceLoader, Run
from microcred.vc.verify.options import VerifyOptions
from microcred.vc.verify.parse import Parsed, is_compact_jwt, parse_input
from microcred.vc.verify.report import Check, CheckStatus, VerificationReport
from microcred.vc.verify.rules_components import (
    Component,
    check_components,
    given_ids,
    parse_components,
)
from microcred.vc.verify.rules_datamodel import check_data_model
from microcred.vc.verify.rules_document import (
    check_contexts,
    check_jsonld,
    check_schema,
    check_valid_from,
    check_valid_until,
)
from microcred.vc.verify.rules_endorsement import check_endorsements
from microcred.vc.verify.rules_jwt import check_jwt_times
from microcred.vc.verify.rules_proof import check_proofs
from microcred.vc.verify.rules_related import check_related_resources
from microcred.vc.verify.rules_status import check_status as check_status_rule
from microcred.vc.verify.trust import TrustList, check_trust

DEFAULT_SKEW = timedelta(minutes=5)
Scope = Literal["credential", "proof"]


def verify_credential(
    data: bytes | str | Mapping[str, Any] | Parsed,
    *,
    now: datetime,
    documents: Mapping[str, Any] | None = None,
    fetcher: Fetcher | None = None,
    trust_list: TrustList | Sequence[TrustList] | None = None,
    trust_required: bool = True,
    max_clock_skew: timedelta = DEFAULT_SKEW,
    document_loader: DocumentLoader | None = None,
    resolver: DidResolver | None = None,
    status_cache: MutableMapping[str, Any] | None = None,
    scope: Scope = "credential",
    check_status: bool = True,
    budget: Budget | None = None,
    check_endorsements: bool = True,
    options: VerifyOptions | None = None,
    resource_loader: ResourceLoader | None = None,
    components: Sequence[Component] | None = None,
) -> VerificationReport:
    """Verify a credential (JSON text/bytes, a parsed object, or a compact vc+jwt).

    ``documents`` maps DIDs and URLs (did:web DIDs, controller documents, status list
    credentials) to their documents and is consulted before ``fetcher``; without a fetcher
    nothing is ever fetched. ``scope="proof"`` checks only the structure, the JSON-LD and
    the proofs with their keys' ``assertionMethod`` authorisation (not the issuer binding,
    dates, status or trust), as the W3C cryptosuite test vectors expect.
    ``check_status=False`` skips the status rule (used for status lists themselves, so a
    hostile list cannot send the verifier round in circles).
    ``budget`` bounds the run (entries, proofs, fetches, a deadline; see
    :mod:`~microcred.vc.verify.budget`); by default a fresh one with the default limits.
    Give the same budget to a fetcher that can honour its ``deadline``.
    ``check_endorsements=False`` leaves embedded endorsements unverified (used for the
    endorsements themselves, so verification never follows endorsements of endorsements).
    ``options`` are the verifier's expectations of every proof (purpose, challenge,
    domain); ``resource_loader`` reads ``relatedResource`` entries to check their digests.
    ``trust_list`` (one or several) adds the ``trust`` check: was the issuer recognised
    when it signed? Not recognised fails the credential when ``trust_required``, else it
    is a warning beside a valid signature (see :mod:`~microcred.vc.verify.trust`).
    ``components`` are credentials the verifier holds beside a stacked one: each must be
    bound by id and digest (see :mod:`~microcred.vc.verify.rules_components`).
    """
    if now.tzinfo is None:
        raise TypeError("'now' must be a timezone-aware datetime")
    parsed = parse_input(data)
    if isinstance(parsed, Check):
        return VerificationReport(checks=(parsed,))
    docs = documents or {}
    budget = budget or Budget()
    fetcher = budget.guard(fetcher)
    resolver = resolver or DidResolver(documents=docs, fetcher=fetcher)
    run = _run(parsed, now, docs, fetcher, max_clock_skew, document_loader, resolver, status_cache)
    run.check_status, run.budget = check_status, budget
    run.check_endorsements = check_endorsements
    run.resource_loader = resource_loader
    run.components = None if components is None else parse_components(components)
    (options or VerifyOptions()).apply(run)
    lists = (trust_list,) if isinstance(trust_list, TrustList) else trust_list
    checks = [Check("structure", "json_wellformed", CheckStatus.PASSED)]
    checks.append(contexts := check_contexts(run))
    if contexts.passed:
        checks.append(check_jsonld(run))
    if scope == "credential":
        checks.append(check_schema(run))
    checks.extend(check_proofs(run, bind_issuer=scope == "credential"))
    if scope == "credential":
        checks.extend(_credential_rules(run, lists, trust_required))
    return VerificationReport(checks=tuple(checks), credential=parsed.credential)


def _run(
    parsed: Parsed,
    now: datetime,
    documents: Mapping[str, Any],
    fetcher: Fetcher | None,
    skew: timedelta,
    loader: DocumentLoader | None,
    resolver: DidResolver,
    status_cache: MutableMapping[str, Any] | None,
) -> Run:
    return Run(
        credential=parsed.credential,
        jwt=parsed.jwt,
        now=now,
        max_clock_skew=skew,
        document_loader=loader or pinned_loader(),
        resolver=resolver,
        documents=documents,
        fetcher=fetcher,
        status_cache=status_cache,
    )


def _credential_rules(
    run: Run, trust_lists: Sequence[TrustList] | None, trust_required: bool
) -> list[Check]:
    checks = [*check_data_model(run), check_valid_from(run), check_valid_until(run)]
    checks.extend(check_related_resources(run, given_ids(run.components or ())))
    if run.components is not None:
        checks.extend(check_components(run.credential, run.components))
    if run.jwt is not None:
        checks.append(check_jwt_times(run))
    verify_list = partial(
        _verify_status_list,
        now=run.now,
        documents=run.documents,
        fetcher=run.fetcher,
        max_clock_skew=run.max_clock_skew,
        document_loader=run.document_loader,
        resolver=run.resolver,
        budget=run.budget,
    )
    if run.check_status:
        checks.extend(check_status_rule(run, verify_list))
    if run.check_endorsements:
        checks.extend(check_endorsements(run, partial(_verify_endorsement, run)))
    if trust_lists is not None:
        checks.append(check_trust(run, trust_lists, required=trust_required))
    return checks


def _verify_endorsement(run: Run, endorsement: Mapping[str, Any]) -> VerificationReport:
    """An embedded endorsement is verified as a credential of its own, in the same world
    (documents, fetcher, resolver, clock, budget) as the credential that carries it."""
    return verify_credential(
        endorsement,
        now=run.now,
        documents=run.documents,
        fetcher=run.fetcher,
        max_clock_skew=run.max_clock_skew,
        document_loader=run.document_loader,
        resolver=run.resolver,
        status_cache=run.status_cache,
        check_status=run.check_status,
        budget=run.budget,
        check_endorsements=False,
    )


def _verify_status_list(document: Any, **options: Any) -> VerificationReport:
    """A status list credential is verified like any credential, minus its own status."""
    if not isinstance(document, (Mapping, str, bytes)):
        return VerificationReport(
            checks=(Check("structure", "json_not_object", CheckStatus.FAILED),)
        )
    return verify_credential(document, scope="credential", check_status=False, **options)


def verify_secured(
    data: Any, *, verifier: Callable[..., VerificationReport] | None = None, **kwargs: Any
) -> VerificationReport:
    """``verifier`` (:func:`verify_credential` by default) for a value from a JSON body:
    a map, or a compact vc+jwt.

    Data Integrity §4.2: a secured document that is not a map is an error, so JSON *text*
    (a string that holds an object) is refused, never parsed as if the map had been sent.
    """
    if isinstance(data, Mapping) or (isinstance(data, str) and is_compact_jwt(data)):
        return (verifier or verify_credential)(data, **kwargs)
    return VerificationReport(checks=(Check("structure", "json_not_object", CheckStatus.FAILED),))
