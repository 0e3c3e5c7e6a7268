"""Trust-core benchmark: sign and verify one realistic OB 3.0 credential in every format.

Prints a Markdown table (medians of one run, with ratios to the raw Ed25519 floor) and the
throughput of a 10,000-credential batch on all cores. Run by ``scripts/bench``.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import platform
import sys
import time
from datetime import UTC, datetime
from typing import Any

from bench.timing import median_us
from microcred.vc.canon import to_quads
from microcred.vc.canon.jsonld import to_quads_reference
from microcred.vc.canon.rdfc import canonicalize
from microcred.vc.contexts import pinned_loader
from microcred.vc.did import did_key_for
from microcred.vc.issue import issue_credential
from microcred.vc.keys import Ed25519KeyPair
from microcred.vc.openbadges import validate_credential
from microcred.vc.proofs import (
    create_proof,
    decode_jwt,
    sign_jwt,
    verify_jwt_signature,
    verify_proof,
)
from microcred.vc.testing import sample_credential
from microcred.vc.verify import verify_credential

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
KEY = Ed25519KeyPair.generate()
DID = did_key_for(KEY.public)
METHOD = f"{DID}#{DID.removeprefix('did:key:')}"
LOADER = pinned_loader()
CREDENTIAL = sample_credential(issuer=DID)
QUADS = to_quads(CREDENTIAL, document_loader=LOADER)


def _sign(suite: str) -> dict[str, Any]:
    return create_proof(
        CREDENTIAL,
        key=KEY,
        verification_method=METHOD,
        created=NOW,
        document_loader=LOADER,
        cryptosuite=suite,
    )


def _rows() -> list[tuple[str, float]]:
    message = os.urandom(64)
    signature = KEY.sign(message)
    rdfc, jcs = _sign("eddsa-rdfc-2022"), _sign("eddsa-jcs-2022")
    token = sign_jwt(CREDENTIAL, key=KEY, verification_method=METHOD)
    return [
        ("Ed25519 sign (floor)", median_us(lambda: KEY.sign(message))),
        ("Ed25519 verify (floor)", median_us(lambda: KEY.public.verify(signature, message))),
        (
            "JSON-LD → RDF, pyld (reference)",
            median_us(lambda: to_quads_reference(CREDENTIAL, document_loader=LOADER), runs=50),
        ),
        (
            "JSON-LD → RDF, project path",
            median_us(lambda: to_quads(CREDENTIAL, document_loader=LOADER)),
        ),
        (
            "RDFC-1.0 canonicalisation proper",
            median_us(lambda: canonicalize(QUADS)),
        ),
        ("eddsa-rdfc-2022 sign", median_us(lambda: _sign("eddsa-rdfc-2022"))),
        (
            "eddsa-rdfc-2022 proof verify",
            median_us(
                lambda: verify_proof(
                    rdfc, rdfc["proof"], public_key=KEY.public, document_loader=LOADER
                )
            ),
        ),
        (
            "eddsa-rdfc-2022 full pipeline verify",
            median_us(lambda: verify_credential(rdfc, now=NOW)),
        ),
        ("eddsa-jcs-2022 sign", median_us(lambda: _sign("eddsa-jcs-2022"))),
        (
            "eddsa-jcs-2022 proof verify",
            median_us(
                lambda: verify_proof(
                    jcs, jcs["proof"], public_key=KEY.public, document_loader=LOADER
                )
            ),
        ),
        (
            "vc+jwt sign",
            median_us(lambda: sign_jwt(CREDENTIAL, key=KEY, verification_method=METHOD)),
        ),
        (
            "vc+jwt signature verify",
            median_us(lambda: verify_jwt_signature(decode_jwt(token), public_key=KEY.public)),
        ),
        ("vc+jwt full pipeline verify", median_us(lambda: verify_credential(token, now=NOW))),
        ("JSON Schema validation", median_us(lambda: validate_credential(rdfc), runs=2000)),
        (
            "issue (rdfc sign + self-verify)",
            median_us(
                lambda: issue_credential(CREDENTIAL, key=KEY, verification_method=METHOD, now=NOW)
            ),
        ),
    ]


def _issue_many(count: int) -> int:
    for _ in range(count):
        issue_credential(CREDENTIAL, key=KEY, verification_method=METHOD, now=NOW)
    return count


def _batch(total: int = 10_000) -> tuple[int, float]:
    workers = os.cpu_count() or 1
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        done = sum(pool.map(_issue_many, [total // workers] * workers))
    return done, time.perf_counter() - start


def main() -> None:
    size = len(json.dumps(CREDENTIAL).encode())
    quads = len(to_quads(CREDENTIAL, document_loader=LOADER))
    rows = _rows()
    floor_sign, floor_verify = rows[0][1], rows[1][1]
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]};"
        f" credential {size} bytes, {quads} quads; {datetime.now(UTC):%Y-%m-%d}\n"
    )
    print("| operation | median µs | × sign floor | × verify floor |")
    print("|---|---:|---:|---:|")
    for name, value in rows:
        print(f"| {name} | {value:,.1f} | {value / floor_sign:.1f} | {value / floor_verify:.1f} |")
    done, seconds = _batch()
    print(
        f"\nBatch: {done:,} eddsa-rdfc-2022 credentials signed and each verified after signing "
        f"on {os.cpu_count()} cores in {seconds:.2f} s ({done / seconds:,.0f}/s)."
    )


if __name__ == "__main__":
    main()
