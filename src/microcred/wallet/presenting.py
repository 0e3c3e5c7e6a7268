"""Helpers the wallet's pages share: the page language, absolute share URLs, the plain-words
verification answer, and W2's documents (PDF certificate, QR code, LinkedIn link)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from microcred.issuing.models import Award
from microcred.organizations.logos import logo_data_uri
from microcred.vc.verify import VerificationReport
from microcred.verification.wording import Answer, answer_for
from microcred.wallet.documents.linkedin import linkedin_url
from microcred.wallet.documents.qr import qr_svg
from microcred.wallet.passport import Held


def lang() -> str:
    return "tr" if (get_language() or "en").lower().startswith("tr") else "en"


def answer(report: VerificationReport) -> Answer:
    return answer_for(report, lang=lang())


def share_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("wallet:shared", kwargs={"token": token}))


def qr(url: str) -> str:
    return qr_svg(url, title=_("Verify this credential"))


def status_note(held: Held) -> str | None:
    """For a credential no longer in force: what a printout must say about it."""
    if held.status.is_valid:
        return None
    note = held.status.label
    if held.status.changed is not None:
        note += " " + _("on %(date)s") % {"date": date_format(held.status.changed, "DATE_FORMAT")}
    if held.status.reason:
        note += ": " + held.status.reason
    return note


def pdf_response(
    held: Held, url: str, *, name: str | None = None, show_name: bool = True
) -> HttpResponse:
    from microcred.wallet.documents.certificate import render_certificate_pdf  # heavy import

    pdf = render_certificate_pdf(
        held.item.credential,
        verify_url=url,
        lang=lang(),
        status_note=status_note(held),
        show_name=show_name,
        issuer_logo=issuer_logo(held),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{name or f'certificate-{held.item.public_id}'}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def issuer_logo(held: Held) -> str | None:
    """The issuing organisation's logo, for a credential this platform issued."""
    public_id = held.item.award_public_id
    award = Award.objects.filter(public_id=public_id).select_related("organization").first()
    return logo_data_uri(award.organization) if public_id and award is not None else None


def linkedin_for(held: Held, url: str) -> str | None:
    """LinkedIn's add-certification link, or None when the credential lacks a date or name."""
    content = held.content
    if content.valid_from is None or content.issuer_name == "—":
        return None
    try:
        return linkedin_url(
            name=content.title,
            organization=content.issuer_name,
            issued=content.valid_from.date(),
            credential_url=url,
            credential_id=str(held.item.credential.get("id") or held.item.public_id),
            expires=content.valid_until.date() if content.valid_until else None,
        )
    except ValueError:
        return None
