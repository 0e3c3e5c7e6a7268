"""A stacked credential completed from credentials of two issuers verifies outside the
platform: with ``microcred verify`` given the component files (``--component``), each
bound by id and digest, and with Digital Bazaar's verifier; a swapped or altered component
fails its binding with a precise message."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from interop_harness import Microcred, node_side, write_json
from tests.pathways.conftest import IssueTo, Scenario, hold
from tests.pathways.conftest import fast_passwords as fast_passwords  # the fixtures
from tests.pathways.conftest import issue_to as issue_to
from tests.pathways.conftest import kek as kek
from tests.pathways.conftest import learner as learner
from tests.pathways.conftest import publish as publish
from tests.pathways.conftest import scenario as scenario

from microcred.accounts.models import User
from microcred.organizations.keys import did_for
from microcred.organizations.models import Organization
from microcred.pathways import services
from microcred.wallet.pathways import receive_stack

pytestmark = pytest.mark.django_db
LOCAL = "http://localhost:8000"


def _documents(
    client: Client, organizations: list[Organization], credentials: list[dict[str, Any]]
) -> dict[str, Any]:
    """Both issuers' DID documents, every status list and the served context, fetched over
    HTTP as an outsider would."""
    documents: dict[str, Any] = {}
    for org in organizations:
        documents[did_for(org)] = client.get(f"/orgs/{org.slug}/did.json").json()
    for credential in credentials:
        urls = [entry["statusListCredential"] for entry in credential["credentialStatus"]]
        urls += [
            r["id"] for r in credential.get("relatedResource", []) if r["id"].startswith(LOCAL)
        ]
        for url in urls:
            response = client.get(url.removeprefix(LOCAL))
            assert response.status_code == 200, url
            documents[url] = json.loads(response.content)
    return documents


def _verify(
    mc: Microcred, stack: Path, documents: Path, *components: Path, lang: str = "en"
) -> tuple[int, dict[str, Any]]:
    args: list[str | Path] = ["verify", "--json", "--lang", lang, "--documents", documents, stack]
    for component in components:
        args += ["--component", component]
    result = mc.run(*args)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout.splitlines()[0])


def test_stack_verifies_with_the_cli_and_digital_bazaar_and_a_swap_fails(
    scenario: Scenario, learner: User, issue_to: IssueTo, client: Client, tmp_path: Path
) -> None:
    python, ml = hold(learner, issue_to(scenario.python)), hold(learner, issue_to(scenario.ml))
    services.follow(learner, scenario.pathway)
    stack = receive_stack(learner, scenario.pathway).credential
    stranger = issue_to(scenario.ml, email="can@uni.example").award.credential
    credentials = [stack, python.credential, ml.credential, stranger]
    documents = write_json(
        tmp_path / "documents.json",
        _documents(client, [scenario.university, scenario.academy], credentials),
    )
    stack_file = write_json(tmp_path / "stack.json", stack)
    python_file = tmp_path / "python.json"
    python_file.write_text(python.raw, encoding="utf-8")  # exactly as the passport keeps it
    ml_file = tmp_path / "ml.json"
    ml_file.write_text(ml.raw, encoding="utf-8")
    mc = Microcred(tmp_path)

    code, report = _verify(mc, stack_file, documents, python_file, ml_file)
    assert code == 0, report
    bound = [c for c in report["checks"] if c["check"] == "components"]
    assert [c["code"] for c in bound] == ["component_bound", "component_bound"]
    assert {c["params"]["id"] for c in bound} == {python.credential["id"], ml.credential["id"]}

    swapped = write_json(tmp_path / "swapped.json", stranger)
    code, report = _verify(mc, stack_file, documents, python_file, swapped, lang="tr")
    assert code == 1
    failed = {c["code"]: c["message"] for c in report["checks"] if c["status"] == "failed"}
    assert "bu yığının parçası değil" in failed["component_not_bound"]
    assert any(c["code"] == "component_not_given" for c in report["checks"])

    altered = write_json(tmp_path / "altered.json", {**stranger, "id": ml.credential["id"]})
    code, report = _verify(mc, stack_file, documents, python_file, altered)
    assert code == 1
    assert ("components", "component_digest_mismatch") in {
        (c["check"], c["code"]) for c in report["checks"] if c["status"] == "failed"
    }

    theirs = node_side(tmp_path).verify_files(
        [stack_file, python_file, ml_file], documents=documents
    )
    for name in ("stack.json", "python.json", "ml.json"):
        assert theirs[name].verified, (name, theirs[name].error)
