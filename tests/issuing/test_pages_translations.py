"""The issuing pages render in Turkish (the catalogues themselves are checked for every app
by tests/test_translations.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.utils import translation

from microcred.catalog.models import SpecificationVersion
from microcred.organizations.models import Organization

from .helpers import page, url


@pytest.fixture
def _language_reset() -> Iterator[None]:
    """A /tr/ request leaves Turkish active in this thread; later tests expect the default."""
    yield
    translation.deactivate()


@pytest.mark.django_db
@pytest.mark.usefixtures("_language_reset")
def test_turkish_pages_render_in_turkish(
    officer: Client, organization: Organization, published: SpecificationVersion
) -> None:
    issue_page = page(officer.get(url("issue", lang="tr", org=organization.slug)))
    assert '<html lang="tr">' in issue_page
    assert "Mikro-yeterlilik ver" in issue_page
    assert "Öğrenenin e-postası" in issue_page
    listing = page(officer.get(url("awards", lang="tr", org=organization.slug)))
    assert "Verilen belgeler" in listing
    assert "0 belge eşleşiyor." in listing
