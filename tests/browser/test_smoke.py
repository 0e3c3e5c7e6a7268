"""The browser harness itself: Chromium reaches the live server and a member can sign in."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from microcred.organizations.roles import Role
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_signs_in_through_the_browser(
    live_server: Any, page: Page, organization: Any, make_member: Any
) -> None:
    member = make_member(organization, Role.ADMIN)
    sign_in(page, live_server.url, member.email, PASSWORD)
    page.goto(f"{live_server.url}/en/accounts/")
    assert page.url.endswith("/en/accounts/")
    assert organization.name in page.inner_text("main")
