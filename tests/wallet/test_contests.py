"""A learner contests a revocation or suspension; the issuer answers; both see the exchange.

Every request goes over HTTP with the role that makes it: the holder from the passport,
officers and admins from the awards pages; other learners, other organisations' officers
and other roles are refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from microcred.accounts.models import User
from microcred.issuing.awards import Issued
from microcred.issuing.models import AuditEvent, Award, Contest
from microcred.issuing.revocation import StatusAction, change_status
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.vc.verify import verify_credential
from microcred.wallet import claims
from microcred.wallet.models import WalletItem
from tests.conftest import MakeMember
from tests.queued_mail import run_queued_mail

from ..issuing.helpers import fetch_documents
from .conftest import IssueTo, MakeLearner, page, revoke, signed_in, url

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]


def text(response: Any) -> str:
    """The page as words: tags removed, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", page(response)).split())


def issuing_url(name: str, lang: str = "en", **kwargs: str) -> str:
    path = reverse(f"issuing:{name}", kwargs=kwargs)
    return f"/{lang}/" + path.split("/", 2)[2]


@pytest.fixture
def learner(make_learner: MakeLearner) -> User:
    return make_learner("ayse@uni.example")


@pytest.fixture
def held(learner: User, issue_to: IssueTo) -> tuple[Issued, WalletItem]:
    issued = issue_to("ayse@uni.example")
    return issued, claims.claim(learner, issued.award)


def suspend(award: Award, reason: str) -> None:
    award.refresh_from_db()
    with signer_for(award.organization) as signer:
        change_status([award], StatusAction.SUSPEND, reason=reason, by=None, signer=signer)


def contest(client: Client, item: WalletItem, argument: str, lang: str = "en") -> Any:
    return client.post(url("item_contest", lang, item_id=item.public_id), {"argument": argument})


def officer_client(org: Organization, make_member: MakeMember, role: Role = Role.ISSUER) -> Client:
    return signed_in(Client(), make_member(org, role))


def test_a_learner_contests_a_revocation_and_reads_the_answer(
    client: Client,
    learner: User,
    held: tuple[Issued, WalletItem],
    organization: Organization,
    make_member: MakeMember,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    issued, item = held
    revoke(issued, "Plagiarism found in the final project.")
    officer = officer_client(organization, make_member)
    signed_in(client, learner)
    detail = page(client.get(url("item", item_id=item.public_id)))
    assert "Contest the decision" in detail
    with django_capture_on_commit_callbacks(execute=True):
        response = contest(client, item, "The project was my own; here is my draft history.")
    assert response.status_code == 302
    [opened] = Contest.objects.all()
    assert (opened.outcome, opened.contested_state) == ("open", "revoked")
    assert [m.to for m in mail.outbox] == [
        [m] for m in sorted(m for m in _officer_emails(organization))
    ]
    assert "The project was my own" in mail.outbox[0].body
    awards = page(officer.get(issuing_url("awards", org=organization.slug)))
    assert "Open contests" in awards
    award_page = page(
        officer.get(issuing_url("award", org=organization.slug, award_id=issued.award.public_id))
    )
    assert "The project was my own" in award_page
    assert 'value="reissue"' in award_page
    assert 'value="reinstate"' not in award_page
    mail.outbox.clear()
    answer = issuing_url(
        "contest_answer", org=organization.slug, award_id=issued.award.public_id,
        contest_id=opened.public_id,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(
            answer, {"decision": "uphold", "reason": "The similarity report stands."}
        )
    assert response.status_code == 302
    opened.refresh_from_db()
    assert (opened.outcome, opened.answer) == ("upheld", "The similarity report stands.")
    [told] = mail.outbox
    assert told.to == ["ayse@uni.example"]
    assert "the decision stands" in told.body
    assert "The similarity report stands." in told.body
    detail = text(client.get(url("item", item_id=item.public_id)))
    assert "The issuer answered: the decision stands: The similarity report stands." in detail
    assert "You contested the decision: The project was my own" in detail
    actions = list(
        AuditEvent.objects.filter(target=issued.award.public_id).values_list("action", flat=True)
    )
    assert actions == ["issued", "revoke", "contested", "contest_upheld"]
    # answered: a second answer is refused, and the learner may contest again
    assert officer.post(answer, {"decision": "uphold", "reason": "again"}).status_code == 404
    assert "Send my contest" in page(client.get(url("item", item_id=item.public_id)))


def _officer_emails(org: Organization) -> list[str]:
    from microcred.organizations.services import members_of

    return [m.user.email for m in members_of(org) if {"issuer", "admin"} & set(m.roles)]


def test_a_suspension_contested_can_be_lifted(
    client: Client,
    learner: User,
    held: tuple[Issued, WalletItem],
    organization: Organization,
    make_member: MakeMember,
) -> None:
    issued, item = held
    suspend(issued.award, "Identity check pending.")
    signed_in(client, learner)
    contest(client, item, "I sent my identity documents on Monday.")
    opened = Contest.objects.get()
    admin = officer_client(organization, make_member, Role.ADMIN)
    answer = issuing_url(
        "contest_answer", org=organization.slug, award_id=issued.award.public_id,
        contest_id=opened.public_id,
    )  # fmt: skip
    assert admin.post(answer, {"decision": "reissue", "reason": "x"}).status_code == 302
    assert Contest.objects.get().outcome == "open"  # not an answer for a suspension
    admin.post(answer, {"decision": "reinstate", "reason": "Documents received."})
    issued.award.refresh_from_db()
    assert issued.award.state == "active"
    assert "The issuer answered: reinstated: Documents received." in text(
        client.get(url("item", item_id=item.public_id))
    )


def test_reissuing_a_revoked_credential_gives_a_new_one_that_names_it(
    client: Client,
    learner: User,
    held: tuple[Issued, WalletItem],
    organization: Organization,
    make_member: MakeMember,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    issued, item = held
    revoke(issued, "Wrong learner.")
    signed_in(client, learner)
    contest(client, item, "It was me after all.")
    officer = officer_client(organization, make_member)
    answer = issuing_url(
        "contest_answer", org=organization.slug, award_id=issued.award.public_id,
        contest_id=Contest.objects.get().public_id,
    )  # fmt: skip
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(answer, {"decision": "reissue", "reason": "Records corrected."})
    new = Award.objects.get(renews=issued.award)
    issued.award.refresh_from_db()
    assert issued.award.state == "revoked"  # a revoked bit is final
    links = [
        r for r in new.credential["relatedResource"] if r["id"] == issued.award.credential["id"]
    ]
    assert len(links) == 1
    assert links[0]["digestSRI"].startswith("sha384-")
    report = verify_credential(
        new.credential, now=new.created, documents=fetch_documents(client, organization, new)
    )
    assert report.verified, [c.code for c in report.failures]
    title = new.specification_version.title
    assert run_queued_mail() == 1  # the new award's claim e-mail, queued with it
    assert sorted(m.subject for m in mail.outbox) == [
        f"Your contest was answered: {title}",
        f"Your micro-credential: {title}",
    ]
    renewed = claims.claim(learner, new)
    detail = page(client.get(url("item", item_id=item.public_id)))
    assert f'href="/en/wallet/items/{renewed.public_id}/"' in detail  # "renewed by"
    assert "Renewed by a newer credential" in detail
    newer = page(client.get(url("item", item_id=renewed.public_id)))
    assert "Renews an earlier credential" in newer
    assert f'href="/en/wallet/items/{item.public_id}/"' in newer


def test_only_the_holder_contests_and_only_a_revoked_or_suspended_award(
    client: Client,
    held: tuple[Issued, WalletItem],
    make_learner: MakeLearner,
) -> None:
    issued, item = held
    other = make_learner("mehmet@uni.example")
    signed_in(client, other)
    revoke(issued, "Fraud.")
    assert contest(client, item, "Not mine, but let me try.").status_code == 404
    assert not Contest.objects.exists()
    client.logout()
    assert contest(client, item, "Anonymous").status_code == 302  # to sign in
    assert not Contest.objects.exists()


def test_an_active_award_cannot_be_contested_and_one_contest_is_open_at_a_time(
    client: Client, learner: User, held: tuple[Issued, WalletItem]
) -> None:
    issued, item = held
    signed_in(client, learner)
    contest(client, item, "Nothing to contest.")
    assert not Contest.objects.exists()
    revoke(issued, "Fraud.")
    contest(client, item, "First.")
    response = contest(client, item, "Second.")
    assert "Your contest is already open" in page(client.get(response["Location"]))
    assert Contest.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("other_org_officer", 404),
        ("designer", 403),
        ("learner", 404),
        ("anonymous", 302),
    ],
)
def test_answering_is_for_the_organisations_officers_only(
    client: Client,
    learner: User,
    held: tuple[Issued, WalletItem],
    organization: Organization,
    other_organization: Organization,
    make_member: MakeMember,
    who: str,
    status: int,
) -> None:
    issued, item = held
    revoke(issued, "Fraud.")
    signed_in(client, learner)
    contest(client, item, "Please look again.")
    opened = Contest.objects.get()
    answer = issuing_url(
        "contest_answer", org=organization.slug, award_id=issued.award.public_id,
        contest_id=opened.public_id,
    )  # fmt: skip
    callers: dict[str, Callable[[], Client]] = {
        "other_org_officer": lambda: officer_client(other_organization, make_member),
        "designer": lambda: officer_client(organization, make_member, Role.DESIGNER),
        "learner": lambda: client,
        "anonymous": lambda: Client(),
    }
    caller = callers[who]()
    response = caller.post(answer, {"decision": "uphold", "reason": "No."})
    assert response.status_code == status
    assert Contest.objects.get().outcome == "open"
    if who == "other_org_officer":  # their own slug does not reach our award either
        own = issuing_url(
            "contest_answer", org=other_organization.slug, award_id=issued.award.public_id,
            contest_id=opened.public_id,
        )  # fmt: skip
        assert caller.post(own, {"decision": "uphold", "reason": "No."}).status_code == 404


def test_contesting_in_turkish(
    client: Client, learner: User, held: tuple[Issued, WalletItem]
) -> None:
    issued, item = held
    revoke(issued, "Sahtecilik.")
    signed_in(client, learner)
    assert "Karara itiraz edin" in page(client.get(url("item", "tr", item_id=item.public_id)))
    contest(client, item, "Proje benim.", "tr")
    issued.award.refresh_from_db()
    assert issued.award.learner_language == "tr"
    assert "Sizin itirazınız" in page(client.get(url("item", "tr", item_id=item.public_id)))


def test_the_passport_says_when_a_credential_expires(
    client: Client, learner: User, held: tuple[Issued, WalletItem]
) -> None:
    issued, _item = held
    until = issued.award.credential["validUntil"][:10]  # the fixtures' version: P5Y
    signed_in(client, learner)
    assert f"expires on {until}" in page(client.get(url("passport")))
    assert f"süresi {until} tarihinde doluyor" in page(client.get(url("passport", "tr")))


def test_saving_to_the_passport_tells_the_issuer_it_was_claimed(
    held: tuple[Issued, WalletItem],
) -> None:
    """The officers' "claimed?" answer comes from the award, which the wallet marks once."""
    issued, _item = held
    issued.award.refresh_from_db()
    first = issued.award.claimed_at
    assert first is not None
    learner = User.objects.get(email="ayse@uni.example")
    claims.claim(learner, issued.award)  # again: nothing changes
    issued.award.refresh_from_db()
    assert issued.award.claimed_at == first
