"""``manage.py create_token``: an operator scripts a deployment with a fresh API token."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from microcred.organizations.models import Organization
from microcred.organizations.models.people import ApiToken

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("create_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_prints_a_working_token_once(organization: Organization, client: Client) -> None:
    token, note = run(
        "--organization", organization.slug, "--scopes", "issue,read", "--name", "deploy"
    )
    assert token.startswith("mc_")
    assert "shown once" in note
    assert token not in note
    stored = ApiToken.objects.get(organization=organization)
    assert stored.scopes == ["issue", "read"]
    assert stored.name == "deploy"
    assert stored.created_by is None
    assert stored.by_operator
    assert token not in str(ApiToken.objects.values_list().get())
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/awards/nope", headers=headers).status_code == 404
    assert client.get("/api/v1/awards/nope").status_code == 401


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--organization", "nope", "--scopes", "read", "--name", "x"], "no organisation"),
        (["--organization", "anadolu-uni", "--scopes", "admin", "--name", "x"], "unknown scope"),
        (["--organization", "anadolu-uni", "--scopes", ",", "--name", "x"], "(none given)"),
        (["--organization", "anadolu-uni", "--scopes", "read", "--name", "a\nb"], "printable"),
    ],
)
def test_refuses_what_it_cannot_do(
    organization: Organization, args: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not ApiToken.objects.exists()
