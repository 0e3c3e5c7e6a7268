"""The strategy report: HTML and PDF in both languages (Turkish letters survive pdftotext),
offline rendering, and live platform values measured from real issued/claimed/shared data."""

from __future__ import annotations

import subprocess
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from microcred.accounts.models import User
from microcred.infra.pdf import OfflineFetcher
from microcred.organizations.models import Organization
from microcred.strategy.canvas import editing
from microcred.strategy.canvas.metrics import live_values
from microcred.strategy.models import Strategy
from microcred.strategy.readiness import assessing
from microcred.strategy.readiness.engine import Lang
from microcred.strategy.report.build import STATIC_ROOT, render_report_pdf
from microcred.strategy.steep import work as steep_work
from microcred.wallet import claims, shares
from tests.pdf_ua import assert_pdf_ua
from tests.wallet import conftest as wallet

IssueTo = wallet.IssueTo
MakeLearner = wallet.MakeLearner
# The wallet's fixtures (key store, a published specification, issuing, learners), reused.
kek = wallet.kek
fast_passwords = wallet.fast_passwords
published = wallet.published
issue_to = wallet.issue_to
make_learner = wallet.make_learner

pytestmark = pytest.mark.django_db
TURKISH_LETTERS = "çğıİöşü"


def url(name: str, strategy: Strategy, lang: str = "en") -> str:
    kwargs = {"org": strategy.organization.slug, "sid": strategy.public_id}
    return reverse(f"strategy:{name}", kwargs=kwargs).replace("/en/", f"/{lang}/")


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


@pytest.fixture
def filled(strategy: Strategy) -> Strategy:
    """A strategy with Turkish canvas texts, an unfunded cost, a metric indicator, STEEP factors
    and one self-assessment."""
    editing.add_item(strategy, None, "target_groups", {"name": "Çalışan yetişkinler (İzmir)"})
    editing.add_item(strategy, None, "cost_centres", {"name": "Öğretim tasarımı ve ölçme"})
    editing.add_item(
        strategy,
        None,
        "indicators",
        {
            "description": "Sahiplenilen mikro-yeterlilikler",
            "target": "500",
            "data_source": "Platform",
            "owner": "Kalite ofisi",
            "metric": "credentials_claimed",
        },
    )
    steep_work.add_factor(
        strategy,
        None,
        {
            "lens": "political",
            "orientation": "threat",
            "title": "Tanınma kuralları dağınık kalıyor",
            "impact": 5,
            "likelihood": 4,
            "source": "https://example.org/should-not-be-fetched.png",
        },
    )
    assessing.save_assessment(strategy, None, {})
    return strategy


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_report_page_has_canvas_steep_radar_and_recommendations(
    member_client: Client, filled: Strategy, lang: str
) -> None:
    response = member_client.get(url("report", filled, lang))
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Çalışan yetişkinler (İzmir)" in html
    assert 'class="radar-current"' in html
    assert "Tanınma kuralları dağınık kalıyor" in html
    assert "<svg" in html
    assert html.count('class="recommendation"') == 10
    heading = {"en": "Opportunity Scoping canvas", "tr": "Fırsat Kapsamlandırma"}[lang]
    assert heading in html
    assert url("report_pdf", filled, lang) in html


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_pdf_download_in_both_languages_keeps_turkish_letters(
    member_client: Client, filled: Strategy, lang: str, tmp_path: Path
) -> None:
    response = member_client.get(url("report_pdf", filled, lang))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith(f'-{lang}.pdf"')
    text = pdf_text(response.content, tmp_path)
    assert "Çalışan yetişkinler (İzmir)" in text
    assert "Öğretim tasarımı ve ölçme" in text
    if lang == "tr":
        assert "Strateji raporu" in text
        assert "Öneriler" in text
        assert set(TURKISH_LETTERS) <= set(text)
    else:
        assert "Strategy report" in text
        assert "Recommendations" in text


def test_the_turkish_report_speaks_turkish_throughout(filled: Strategy, tmp_path: Path) -> None:
    text = pdf_text(render_report_pdf(filled, "tr"), tmp_path)
    for word in ("Hedef grup", "Hazırlık", "İlk adım", "Kaynaklar", "Neden"):
        assert word in text, word
    assert "First step" not in text


def test_the_renderer_fetches_nothing_but_data_and_its_own_files() -> None:
    fetcher = OfflineFetcher(STATIC_ROOT)
    for refused in (
        "https://example.org/should-not-be-fetched.png",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
    ):
        with pytest.raises(PermissionError):
            fetcher.fetch(refused)
    assert fetcher.fetch("data:text/plain;base64,aGk=") is not None


def test_live_values_count_real_issued_claimed_and_shared_credentials(
    organization: Organization,
    other_organization: Organization,
    issue_to: IssueTo,
    make_learner: MakeLearner,
) -> None:
    issued = [issue_to(f"learner{n}@uni.example") for n in range(3)]
    learners: list[User] = [make_learner(f"learner{n}@uni.example") for n in range(2)]
    items = [claims.claim(u, i.award) for u, i in zip(learners, issued, strict=False)]
    shares.create_share(learners[0], [items[0]])
    shares.create_share(learners[0], [items[0]], label="again")
    assert live_values(organization) == {
        "credentials_issued": 3,
        "credentials_claimed": 2,
        "credentials_shared": 1,
        "credentials_verified": None,
        "specifications_published": 1,
    }
    assert set(live_values(other_organization).values()) == {0, None}


def test_indicators_naming_a_metric_show_the_live_value_on_canvas_and_report(
    member_client: Client,
    filled: Strategy,
    issue_to: IssueTo,
    make_learner: MakeLearner,
) -> None:
    issued = issue_to("ayse@uni.example")
    claims.claim(make_learner("ayse@uni.example"), issued.award)
    editing.add_item(
        filled,
        None,
        "indicators",
        {"description": "Verified by employers", "owner": "x", "metric": "credentials_verified"},
    )
    for page in ("canvas", "report"):
        html = unescape(member_client.get(url(page, filled)).content.decode())
        live = html.split('id="live-metrics"')[1].split("</table>")[0]
        claimed = live.split('data-metric="credentials_claimed"')[1].split("</tr>")[0]
        assert "500" in claimed
        assert '<td class="num live-value">1</td>' in claimed
        verified = live.split('data-metric="credentials_verified"')[1].split("</tr>")[0]
        assert "not measured" in verified


def test_the_canvas_shows_no_live_panel_without_metric_indicators(
    member_client: Client, strategy: Strategy
) -> None:
    assert 'id="live-metrics"' not in member_client.get(url("canvas", strategy)).content.decode()


def test_assessment_reads_canvas_context(filled: Strategy) -> None:
    saved: Any = assessing.latest(filled)
    assert "CTX-UNFUNDED-COST" in saved.scores["fired_rules"]
    assert "CTX-RECOGNITION-THREAT" in saved.scores["fired_rules"]


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_report_pdf_is_tagged_pdf_ua(filled: Strategy, lang: Lang) -> None:
    """Language, title, structure with headings in order, alt text on both charts."""
    pdf = render_report_pdf(filled, lang)
    title = ("Strategy report" if lang == "en" else "Strateji raporu") + f" · {filled.title}"
    found = assert_pdf_ua(pdf, language=lang, title=title)
    assert len(found.figures) == 2  # the STEEP matrix and the readiness radar
