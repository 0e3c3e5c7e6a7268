"""Tamper resistance, property-based: any change to a signed credential fails verification.

Every leaf (including contexts, proof members, the verification method and the status
index) is replaced or deleted; the verdict must be "not verified" and nothing may raise.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred.vc.verify import verify_credential

from ..conftest import NOW
from ..factories import STATUS_URL, Issuer, entry, signed, status_list

Path = tuple[str | int, ...]
ISSUER = Issuer.did_key()
DOCUMENTS = {STATUS_URL: status_list(ISSUER, NOW)}
CREDENTIALS = {
    fmt: signed(ISSUER, NOW, fmt, credentialStatus=entry(11)) for fmt in ("di-rdfc", "di-jcs")
}


def leaves(value: Any, path: Path = ()) -> Iterator[Path]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, (*path, index))
    else:
        yield path


def changed(value: Any, salt: str) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1
    if isinstance(value, str):
        return value + salt if value else salt
    return salt


def mutate(document: dict[str, Any], path: Path, salt: str, delete: bool) -> dict[str, Any]:
    copy_ = copy.deepcopy(document)
    parent: Any = copy_
    for step in path[:-1]:
        parent = parent[step]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = changed(parent[path[-1]], salt)
    return copy_


def assert_rejected(document: Any, now: datetime = NOW) -> None:
    report = verify_credential(document, now=now, documents=DOCUMENTS)
    assert not report.verified, [c.code for c in report.checks]


def test_untampered_credentials_verify() -> None:
    for credential in CREDENTIALS.values():
        assert verify_credential(credential, now=NOW, documents=DOCUMENTS).verified


SALT = st.text(alphabet="aZ09:/#é", min_size=1, max_size=4)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    fmt=st.sampled_from(sorted(CREDENTIALS)),
    data=st.data(),
    salt=SALT,
    delete=st.booleans(),
)
def test_any_change_to_any_leaf_fails(
    fmt: str, data: st.DataObject, salt: str, delete: bool
) -> None:
    credential = CREDENTIALS[fmt]
    path = data.draw(st.sampled_from(list(leaves(credential))))
    assert_rejected(mutate(credential, path, salt, delete))


@settings(max_examples=40, deadline=None)
@given(index=st.integers(min_value=0, max_value=131071).filter(lambda i: i != 11))
def test_moving_the_status_index_fails(index: int) -> None:
    credential = copy.deepcopy(CREDENTIALS["di-rdfc"])
    credential["credentialStatus"]["statusListIndex"] = str(index)
    assert_rejected(credential)


@settings(max_examples=40, deadline=None)
@given(position=st.integers(min_value=1, max_value=87), char=st.sampled_from("123abcXYZ"))
def test_changing_one_character_of_the_proof_value_fails(position: int, char: str) -> None:
    credential = copy.deepcopy(CREDENTIALS["di-rdfc"])
    value = credential["proof"]["proofValue"]
    position = min(position, len(value) - 1)
    if value[position] == char:
        char = "2" if char != "2" else "3"
    credential["proof"]["proofValue"] = value[:position] + char + value[position + 1 :]
    assert_rejected(credential)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), salt=SALT)
def test_jwt_any_payload_change_fails(data: st.DataObject, salt: str) -> None:
    import base64
    import json

    token = signed(ISSUER, NOW, "jwt")
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    path = data.draw(st.sampled_from(list(leaves(claims))))
    forged = mutate(claims, path, salt, delete=False)
    raw = base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=").decode()
    assert_rejected(f"{header}.{raw}.{signature}")
