"""Passport benchmark: the learner's passport page as it grows, with a pathway followed.

The passport shows the progress of every pathway the learner follows, and suggests others;
both rest on every credential in the passport being verified *now* (signature, status,
validity, the issuer's standing: ``pathways/holdings.py``), at each view. This measures what
that costs a learner with many credentials: the demo (a learner half-way along a pathway)
plus N more awards claimed into her passport, then ``GET /tr/wallet/`` through Django's
test client in this process (no network; the status lists are the platform's own), warm.

``python -m bench.bench_passport [--credentials 10 50 200] [--runs 15]`` from the repository
root; on PostgreSQL, under ``scripts/pg-throwaway``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.fresh_site import configure


def _learner() -> Any:
    """The demo's learner (half-way along its pathway), with her passport filled."""
    from microcred.accounts.models import User
    from microcred.web.demo import seed

    seed.seed()
    return User.objects.get(email=seed.LEARNERS[0][1])


def _grow(learner: Any, total: int) -> int:
    """Claim more awards into her passport until it holds ``total``; returns how many."""
    from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
    from microcred.issuing.models import Award
    from microcred.organizations.keys import signer_for
    from microcred.vc import Learner
    from microcred.wallet import claims
    from microcred.wallet.models import WalletItem

    held = WalletItem.objects.filter(owner=learner).count()
    award = Award.objects.filter(learner_email=learner.email).select_related(
        "specification_version__specification__organization"
    )[0]
    version = award.specification_version
    requests = [
        AwardRequest(
            Learner(learner.email, "Ayşe Yılmaz", "AA", date(2026, 1, 1) + timedelta(days=n)),
            idempotency_key(version.public_id, learner.email, f"bench-{held + n}"),
        )
        for n in range(max(0, total - held))
    ]
    with signer_for(version.specification.organization) as signer:
        issued = issue_awards(version, requests, signer=signer)
    for each in issued:
        claims.claim(learner, each.award)
    return WalletItem.objects.filter(owner=learner).count()


def _median_ms(client: Any, runs: int) -> float:
    """Median time of the passport page (after two warm-up views)."""
    for _ in range(2):
        client.get("/tr/wallet/", secure=True)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get("/tr/wallet/", secure=True)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--credentials", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        configure(Path(tmp))
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)  # as scripts/server does
        from django.test import Client

        from microcred.pathways.models import Follow

        learner = _learner()
        client = Client(HTTP_HOST="bench.example")  # the public host, over https
        client.force_login(learner)
        followed = Follow.objects.filter(user=learner).count()
        print("| credentials in the passport | pathways followed | GET /tr/wallet/ (median) |")
        print("|---:|---:|---:|")
        for total in sorted(args.credentials):
            held = _grow(learner, total)
            median = _median_ms(client, args.runs)
            print(f"| {held} | {followed} | {median:.0f} ms |")


if __name__ == "__main__":
    main()
