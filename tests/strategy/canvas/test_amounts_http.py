"""Amounts on the canvas through HTTP: read in the page's language, stored as decimals with a
currency, shown back in the reader's language; a refused amount keeps what was typed, says
precisely what is wrong beside the field and in a summary at the top, and changes nothing."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from microcred.strategy.canvas import editing
from microcred.strategy.models import Revision, Strategy

pytestmark = pytest.mark.django_db


def _add_url(strategy: Strategy, lang: str, kind: str = "cost_centres") -> str:
    kwargs = {"org": strategy.organization.slug, "sid": strategy.public_id, "kind": kind}
    return f"/{lang}" + reverse("strategy:item_add", kwargs=kwargs)[3:]


def _canvas(client: Client, strategy: Strategy, lang: str) -> str:
    kwargs = {"org": strategy.organization.slug, "sid": strategy.public_id}
    url = f"/{lang}" + reverse("strategy:canvas", kwargs=kwargs)[3:]
    return client.get(url).content.decode()


def _stored(strategy: Strategy) -> list[dict[str, object]]:
    strategy.refresh_from_db()
    items: list[dict[str, object]] = strategy.canvas["cost_centres"]
    return items


@pytest.mark.parametrize(
    ("lang", "typed", "currency", "stored"),
    [
        ("tr", "1.000.000,50", "TRY", "1000000.50"),
        ("tr", "1 000 000,50", "TRY", "1000000.50"),
        ("tr", "1.000.000,50 TL", "TRY", "1000000.50"),
        ("tr", "₺1000000,5", "TRY", "1000000.50"),
        ("tr", "250.000", "EUR", "250000.00"),
        ("en", "1000000.50", "USD", "1000000.50"),
        ("en", "1,000,000.50", "EUR", "1000000.50"),
        ("en", "1 000 000.50", "EUR", "1000000.50"),
        ("en", "$1,250", "USD", "1250.00"),
    ],
)
def test_amounts_are_read_in_the_pages_language_and_stored_with_their_currency(
    member_client: Client, strategy: Strategy, lang: str, typed: str, currency: str, stored: str
) -> None:
    response = member_client.post(
        _add_url(strategy, lang), {"name": "Licences", "amount": typed, "currency": currency}
    )
    assert response.status_code == 302
    (item,) = _stored(strategy)
    assert item["amount"] == stored
    assert Decimal(str(item["amount"])) == Decimal(stored)
    assert item["currency"] == currency


def test_an_amount_is_shown_back_in_the_readers_language(
    member_client: Client, strategy: Strategy
) -> None:
    member_client.post(
        _add_url(strategy, "tr"), {"name": "Lisans", "amount": "1.000.000,50", "currency": "TRY"}
    )
    (item,) = _stored(strategy)
    turkish = _canvas(member_client, strategy, "tr")
    assert f'id="{item["id"]}-amount" name="amount" value="1.000.000,50"' in turkish
    assert '<option value="TRY" selected>Türk lirası (TL)</option>' in turkish
    english = _canvas(member_client, strategy, "en")
    assert f'id="{item["id"]}-amount" name="amount" value="1,000,000.50"' in english
    assert '<option value="TRY" selected>Turkish lira (TL)</option>' in english


def test_a_new_item_offers_the_lira_in_turkish_and_the_euro_in_english(
    member_client: Client, strategy: Strategy
) -> None:
    select = re.compile(r'id="new-cost_centres-currency".*?</select>', re.S)
    turkish = select.search(_canvas(member_client, strategy, "tr"))
    english = select.search(_canvas(member_client, strategy, "en"))
    assert turkish
    assert '<option value="TRY" selected>' in turkish.group(0)
    assert english
    assert '<option value="EUR" selected>' in english.group(0)


@pytest.mark.parametrize(
    ("lang", "typed", "message"),
    [
        ("tr", "1.2.3", "Binlikleri üçerli gruplayın"),
        ("tr", "1,000,000.50", "Türkçede ondalık ayırıcı virgüldür"),
        ("tr", "1000000.50", "Türkçede ondalık ayırıcı virgüldür"),
        ("en", "1.000.000,50", "In English the decimal separator is a point"),
        ("tr", "-5", "eksi işareti olmadan"),
        ("en", "-5", "without a minus sign"),
        ("tr", "NaN", "Tutarı rakamlarla yazın"),
        ("en", "inf", "Enter the amount in digits"),
        ("en", "1e9", "Enter the amount in digits"),
        ("tr", "1000000000000", "Tutar çok büyük: en çok 999.999.999.999,99"),
        ("en", "9" * 30, "The amount is too large: at most 999,999,999,999.99"),
        ("tr", "9" * 60, "Bu tutar"),
        ("tr", "12,345", "virgülden sonra en çok iki basamak"),
        ("tr", "100 €", "€ olarak yazılmış ama seçilen para birimi TL"),
        ("tr", "TL 5 TL", "Para birimini bir kez yazın"),
        ("tr", "١٢٣", "Tutarı rakamlarla yazın"),
    ],
)
def test_a_refused_amount_keeps_what_was_typed_and_says_why_beside_the_field(
    member_client: Client, strategy: Strategy, lang: str, typed: str, message: str
) -> None:
    revisions = Revision.objects.count()
    response = member_client.post(
        _add_url(strategy, lang), {"name": "Licences", "amount": typed, "currency": "TRY"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert _stored(strategy) == []
    assert Revision.objects.count() == revisions
    field = re.search(r'<p class="field field-amount has-error">.*?</p>', html, re.S)
    assert field is not None, "the error is beside the amount field"
    assert f'value="{typed}"' in field.group(0)
    assert 'aria-invalid="true"' in field.group(0)
    assert message in field.group(0)
    assert 'value="Licences"' in html  # the other fields keep what was typed too
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert summary is not None
    assert 'tabindex="-1"' in summary.group(0)
    assert 'href="#new-cost_centres-amount"' in summary.group(0)
    assert html.index("error-summary") < html.index('id="block-target"')


def test_htmx_save_of_a_bad_amount_swaps_the_error_in_beside_the_field(
    member_client: Client, strategy: Strategy
) -> None:
    cost = editing.add_item(strategy, None, "cost_centres", {"name": "Licences", "amount": "5"})
    kwargs = {
        "org": strategy.organization.slug,
        "sid": strategy.public_id,
        "kind": "cost_centres",
        "item": cost,
    }
    url = "/tr" + reverse("strategy:item_save", kwargs=kwargs)[3:]
    response = member_client.post(
        url,
        {"name": "Licences", "amount": "1,000,000.50", "currency": "TRY"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    slot = re.search(rf'<span id="{cost}-amount-error"[^>]*hx-swap-oob="true">([^<]*)</span>', html)
    assert slot is not None
    assert "Türkçede ondalık ayırıcı virgüldür" in slot.group(1)
    assert _stored(strategy)[0]["amount"] == "5"
    fixed = member_client.post(
        url,
        {"name": "Licences", "amount": "1.000.000,50", "currency": "TRY"},
        HTTP_HX_REQUEST="true",
    )
    cleared = re.search(
        rf'<span id="{cost}-amount-error"[^>]*>([^<]*)</span>', fixed.content.decode()
    )
    assert cleared is not None
    assert cleared.group(1) == ""
    assert _stored(strategy)[0]["amount"] == "1000000.50"


def test_the_report_shows_amounts_with_their_currency_in_its_language(
    member_client: Client, strategy: Strategy
) -> None:
    editing.add_item(
        strategy, None, "revenue_sources", {"name": "Fees", "amount": "2500.5", "currency": "EUR"}
    )
    kwargs = {"org": strategy.organization.slug, "sid": strategy.public_id}
    path = reverse("strategy:report", kwargs=kwargs)[3:]
    assert "2.500,50 €" in member_client.get("/tr" + path).content.decode()
    assert "2,500.50 €" in member_client.get("/en" + path).content.decode()


def test_the_migration_gives_existing_amounts_the_lira_and_keeps_their_numbers(
    strategy: Strategy,
) -> None:
    from importlib import import_module

    from django.apps import apps

    migration = import_module("microcred.strategy.migrations.0003_amount_currency")
    old = {"id": "c1", "name": "Licences", "amount": "1200.50"}
    Strategy.objects.filter(pk=strategy.pk).update(canvas={"cost_centres": [old]})
    Revision.objects.filter(strategy=strategy).update(snapshot={"revenue_sources": [old]})
    migration.add_currency(apps, None)
    (item,) = _stored(strategy)
    assert item == {**old, "currency": "TRY"}
    (revision,) = Revision.objects.filter(strategy=strategy)
    assert revision.snapshot["revenue_sources"] == [{**old, "currency": "TRY"}]
