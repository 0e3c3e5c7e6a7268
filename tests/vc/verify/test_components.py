"""The ``components`` check of the trust core: a stacked credential binds its component
credentials by id and digest (JCS for JSON, the compact JWS for a vc+jwt); every faithful
copy of a component matches, an altered or swapped one fails, one not given is reported."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from microcred.vc.bindings import binding_for, bound_ids
from microcred.vc.verify import CheckStatus, VerificationReport, verify_credential
from microcred.vc.verify.parse import Parsed, parse_input

from ..factories import Issuer, signed

JSON_ID = "urn:uuid:11111111-1111-4111-8111-111111111111"
JWT_ID = "urn:uuid:22222222-2222-4222-8222-222222222222"


def _binding(component: Any) -> dict[str, str]:
    parsed = parse_input(component)
    assert isinstance(parsed, Parsed)
    return binding_for(parsed)


def _components(issuer: Issuer, now: datetime) -> tuple[dict[str, Any], str]:
    return signed(issuer, now, id=JSON_ID), signed(issuer, now, fmt="jwt", id=JWT_ID)


def _stack(issuer: Issuer, now: datetime, *components: Any) -> dict[str, Any]:
    related = [_binding(c) for c in components]
    stack = signed(
        issuer, now, id="urn:uuid:33333333-3333-4333-8333-333333333333", relatedResource=related
    )
    assert isinstance(stack, dict)
    return stack


def _components_checks(report: VerificationReport) -> list[tuple[str, CheckStatus]]:
    return [(c.code, c.status) for c in report.checks if c.check == "components"]


def test_faithful_copies_of_both_formats_are_bound(now: datetime) -> None:
    issuer = Issuer.did_key()
    as_json, as_jwt = _components(issuer, now)
    stack = _stack(issuer, now, as_json, as_jwt)
    assert bound_ids(stack) == [JSON_ID, JWT_ID]
    pretty = json.dumps(as_json, indent=4, ensure_ascii=False)  # another copy, same credential
    report = verify_credential(stack, now=now, components=[pretty, as_jwt])
    assert report.verified, report.failures
    assert _components_checks(report) == [("component_bound", CheckStatus.PASSED)] * 2
    assert not any(c.check == "related_resources" for c in report.checks)


def test_an_altered_component_fails_and_a_swapped_one_is_not_bound(now: datetime) -> None:
    issuer = Issuer.did_key()
    as_json, as_jwt = _components(issuer, now)
    stack = _stack(issuer, now, as_json, as_jwt)
    altered = {**as_json, "name": "Something else"}
    report = verify_credential(stack, now=now, components=[altered, as_jwt])
    assert not report.verified
    assert ("component_digest_mismatch", CheckStatus.FAILED) in _components_checks(report)
    stranger = signed(issuer, now, id="urn:uuid:44444444-4444-4444-8444-444444444444")
    swapped = verify_credential(stack, now=now, components=[stranger, as_jwt])
    assert _components_checks(swapped) == [
        ("component_not_bound", CheckStatus.FAILED),
        ("component_bound", CheckStatus.PASSED),
        ("component_not_given", CheckStatus.SKIPPED),
    ]
    message = next(c for c in swapped.checks if c.code == "component_not_bound").message("tr")
    assert "bu yığının parçası değil" in message


def test_unreadable_components_fail_and_without_components_nothing_is_checked(
    now: datetime,
) -> None:
    issuer = Issuer.did_key()
    as_json, as_jwt = _components(issuer, now)
    stack = _stack(issuer, now, as_json, as_jwt)
    report = verify_credential(stack, now=now, components=["not a credential"])
    assert ("component_unreadable", CheckStatus.FAILED) in _components_checks(report)
    plain = verify_credential(stack, now=now)
    assert plain.verified
    assert _components_checks(plain) == []
    skipped = [c.code for c in plain.checks if c.check == "related_resources"]
    assert skipped == ["related_resource_not_retrieved"] * 2
