"""The ``microcred`` command, run as a real process, end to end."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from .helpers import run, verify_json

VECTORS = Path(__file__).resolve().parents[1] / "vectors"
STATUS_URL = "https://issuer.example/status/3"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "achievement.json").write_text(
        json.dumps(
            {
                "id": "https://issuer.example/achievements/1",
                "type": ["Achievement"],
                "name": "Veri Okuryazarlığı",
                "description": "Öğretmenler için veri okuryazarlığı.",
                "criteria": {"narrative": "Final projesi."},
            }
        )
    )
    (tmp_path / "subject.json").write_text(json.dumps({"id": "did:example:learner"}))
    assert run("keys", "generate", "--out", "issuer.key", cwd=tmp_path).returncode == 0
    return tmp_path


def test_key_file_is_private_and_never_overwritten(workspace: Path) -> None:
    mode = stat.S_IMODE(os.stat(workspace / "issuer.key").st_mode)
    assert mode == 0o600
    again = run("keys", "generate", "--out", "issuer.key", cwd=workspace)
    assert again.returncode == 2
    assert "already exists" in again.stderr


@pytest.mark.parametrize("fmt", ["di-rdfc", "di-jcs", "jwt"])
def test_issue_then_verify_did_key(workspace: Path, fmt: str) -> None:
    issued = run(
        "issue",
        "--key",
        "issuer.key",
        "--achievement",
        "achievement.json",
        "--subject",
        "subject.json",
        "--format",
        fmt,
        "--out",
        "cred",
        cwd=workspace,
    )
    assert issued.returncode == 0, issued.stderr
    code, [line] = verify_json(workspace, "cred")
    assert code == 0
    assert line["verified"] is True
    assert line["file"] == "cred"
    assert all({"code", "status", "message"} <= set(c) for c in line["checks"])


def test_issue_writes_valid_until_and_refuses_one_that_is_no_datetime(workspace: Path) -> None:
    common = ["issue", "--key", "issuer.key", "--achievement", "achievement.json"]
    common += ["--subject", "subject.json"]
    issued = run(*common, "--valid-until", "2099-01-01T00:00:00Z", "--out", "c.json", cwd=workspace)
    assert issued.returncode == 0, issued.stderr
    credential = json.loads((workspace / "c.json").read_text())
    assert credential["validUntil"] == "2099-01-01T00:00:00Z"
    assert credential["credentialSubject"]["id"] == "did:example:learner"
    refused = run(*common, "--valid-until", "next year", "--out", "d.json", cwd=workspace)
    assert refused.returncode == 2
    assert "--valid-until" in refused.stderr
    assert not (workspace / "d.json").exists()


def test_did_web_with_status_list_revoke_and_verify(workspace: Path) -> None:
    did_web = "issuer.example/uni"
    assert (
        run(
            "keys",
            "did-web",
            "--key",
            "issuer.key",
            "--did-web",
            did_web,
            "--out",
            "did.json",
            cwd=workspace,
        ).returncode
        == 0
    )
    made = run(
        "status",
        "new",
        "--key",
        "issuer.key",
        "--did-web",
        did_web,
        "--url",
        STATUS_URL,
        "--out",
        "status.json",
        cwd=workspace,
    )
    assert made.returncode == 0, made.stderr
    issued = run(
        "issue",
        "--key",
        "issuer.key",
        "--did-web",
        did_web,
        "--achievement",
        "achievement.json",
        "--subject",
        "subject.json",
        "--status-list",
        "status.json",
        "--status-index",
        "42",
        "--out",
        "cred.json",
        cwd=workspace,
    )
    assert issued.returncode == 0, issued.stderr

    def write_map() -> None:
        documents = {
            "did:web:issuer.example:uni": json.loads((workspace / "did.json").read_text()),
            STATUS_URL: json.loads((workspace / "status.json").read_text()),
        }
        (workspace / "docs.json").write_text(json.dumps(documents))

    write_map()
    code, [line] = verify_json(workspace, "cred.json", "--documents", "docs.json")
    assert (code, line["verified"]) == (0, True), line
    offline_code, [offline] = verify_json(workspace, "cred.json")
    assert offline_code == 1
    assert not offline["verified"]

    revoked = run(
        "status",
        "revoke",
        "--key",
        "issuer.key",
        "--did-web",
        did_web,
        "status.json",
        "--index",
        "42",
        cwd=workspace,
    )
    assert revoked.returncode == 0, revoked.stderr
    write_map()
    code, [line] = verify_json(workspace, "cred.json", "--documents", "docs.json")
    assert code == 1
    assert [c["code"] for c in line["checks"] if c["status"] == "failed"] == ["revoked"]


def test_verify_many_files_exit_status(workspace: Path) -> None:
    run(
        "issue",
        "--key",
        "issuer.key",
        "--achievement",
        "achievement.json",
        "--subject",
        "subject.json",
        "--out",
        "good.json",
        cwd=workspace,
    )
    bad = json.loads((workspace / "good.json").read_text())
    bad["name"] = "Forged"
    (workspace / "bad.json").write_text(json.dumps(bad))
    code, lines = verify_json(workspace, "good.json", "bad.json")
    assert code == 1
    assert [line["verified"] for line in lines] == [True, False]


def test_misuse_exits_2(workspace: Path) -> None:
    assert run("verify", "--now", "yesterday", "x.json", cwd=workspace).returncode == 2
    assert run("verify", "--documents", "missing.json", "x.json", cwd=workspace).returncode == 2
    assert (
        run(
            "issue",
            "--key",
            "issuer.key",
            "--achievement",
            "achievement.json",
            "--subject",
            "subject.json",
            "--format",
            "pdf",
            "--out",
            "x",
            cwd=workspace,
        ).returncode
        == 2
    )
    assert run("verify", cwd=workspace).returncode == 2


def test_human_output_in_turkish(workspace: Path) -> None:
    run(
        "issue",
        "--key",
        "issuer.key",
        "--achievement",
        "achievement.json",
        "--subject",
        "subject.json",
        "--out",
        "c.json",
        cwd=workspace,
    )
    result = run("verify", "--lang", "tr", "c.json", cwd=workspace)
    assert result.returncode == 0
    assert "İmza geçerli" in result.stdout


def test_vectors_with_documents_and_now(tmp_path: Path) -> None:
    ob = VECTORS / "1edtech-ob30"
    code, [line] = verify_json(
        tmp_path, ob / "linked-data-proof-ob-signed.json", "--documents", ob / "docs.json"
    )
    assert code == 0, line
    employ = VECTORS / "w3c-vc-di-eddsa/eddsa-rdfc-2022/employ/signedDataInt.json"
    code, [line] = verify_json(tmp_path, employ, "--now", "2025-06-01T00:00:00Z")
    assert code == 1
    failed = [c["code"] for c in line["checks"] if c["status"] == "failed"]
    assert failed == ["issuer_mismatch"]


def test_issue_with_all_eu_elements_adds_our_context_and_round_trips(workspace: Path) -> None:
    from microcred.vc.elements import elements_from_achievement, elements_to_achievement

    from ..vc.elements.conftest import full_elements

    elements = full_elements()
    achievement = elements_to_achievement(
        elements,
        achievement_id="https://issuer.example/achievements/eu",
        description="All sixteen EU elements.",
    ).to_jsonld()
    (workspace / "eu.json").write_text(json.dumps(achievement, ensure_ascii=False))
    issued = run(
        "issue",
        "--key",
        "issuer.key",
        "--achievement",
        "eu.json",
        "--subject",
        "subject.json",
        "--out",
        "eu-cred.json",
        cwd=workspace,
    )
    assert issued.returncode == 0, issued.stderr
    credential = json.loads((workspace / "eu-cred.json").read_text())
    assert credential["@context"][-1] == "https://contexts.microcred.eu/elements/v1.jsonld"
    code, [line] = verify_json(workspace, "eu-cred.json")
    assert code == 0, line
    back = elements_from_achievement(credential["credentialSubject"]["achievement"])
    assert back.learning_outcomes == elements.learning_outcomes


def test_verify_with_a_component_that_cannot_be_read_is_misuse(workspace: Path) -> None:
    issued = run(
        "issue", "--key", "issuer.key", "--achievement", "achievement.json",
        "--subject", "subject.json", "--out", "cred", cwd=workspace,
    )  # fmt: skip
    assert issued.returncode == 0, issued.stderr
    result = run("verify", "cred", "--component", "missing.json", cwd=workspace)
    assert result.returncode == 2
    assert "--component missing.json: cannot read it" in result.stderr
    code, [line] = verify_json(workspace, "cred", "--component", "cred")
    assert code == 1  # a credential that binds nothing binds no component
    assert [c["code"] for c in line["checks"] if c["check"] == "components"] == [
        "component_not_bound"
    ]
