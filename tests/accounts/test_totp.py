"""RFC 6238 (appendix B) and RFC 4226 (appendix D) test vectors, with explicit times."""

from __future__ import annotations

import pytest

from microcred.accounts import totp

SHA1_KEY = b"12345678901234567890"
SHA256_KEY = b"12345678901234567890123456789012"
SHA512_KEY = b"1234567890123456789012345678901234567890123456789012345678901234"

RFC6238 = [
    (59, "94287082", "46119246", "90693936"),
    (1111111109, "07081804", "68084774", "25091201"),
    (1111111111, "14050471", "67062674", "99943326"),
    (1234567890, "89005924", "91819424", "93441116"),
    (2000000000, "69279037", "90698825", "38618901"),
    (20000000000, "65353130", "77737706", "47863826"),
]


@pytest.mark.parametrize(("when", "sha1", "sha256", "sha512"), RFC6238)
def test_rfc_6238_vectors(when: int, sha1: str, sha256: str, sha512: str) -> None:
    assert totp.totp(SHA1_KEY, when, digits=8) == sha1
    assert totp.totp(SHA256_KEY, when, digits=8, digest="sha256") == sha256
    assert totp.totp(SHA512_KEY, when, digits=8, digest="sha512") == sha512


def test_rfc_4226_vectors() -> None:
    expected = ["755224", "287082", "359152", "969429", "338314",
                "254676", "287922", "162583", "399871", "520489"]  # fmt: skip
    assert [totp.hotp(SHA1_KEY, counter) for counter in range(10)] == expected


def test_a_code_matches_within_one_step_of_drift() -> None:
    secret = totp.new_secret()
    key = totp.secret_bytes(secret)
    now = 1_700_000_000.0
    code = totp.totp(key, now)
    assert totp.matching_step(key, code, now) == totp.time_step(now)
    assert totp.matching_step(key, code, now + 30) == totp.time_step(now)
    assert totp.matching_step(key, code, now - 30) == totp.time_step(now)
    assert totp.matching_step(key, code, now + 90) is None
    assert totp.matching_step(key, "12345", now) is None
    assert totp.matching_step(key, "abcdef", now) is None


def test_the_provisioning_uri_names_the_account_and_issuer() -> None:
    uri = totp.provisioning_uri("JBSWY3DPEHPK3PXP", account="ada@example.org", issuer="Microcred")
    assert uri.startswith("otpauth://totp/Microcred%3Aada%40example.org?")
    assert "secret=JBSWY3DPEHPK3PXP" in uri
    assert "issuer=Microcred" in uri
