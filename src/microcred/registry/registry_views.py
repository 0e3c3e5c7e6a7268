"""The public registry's pages (tr/en, no sign-in): micro-credentials with search and
filters, quality-assurance bodies, recognised providers."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from microcred.catalog.element_rows import Language, country_name
from microcred.organizations.keys import did_for
from microcred.organizations.models import Organization
from microcred.registry import listing, trust_lists
from microcred.registry.approval_facts import approval_of
from microcred.registry.public_standing import recognised_providers
from microcred.registry.qa_bodies import qa_bodies
from microcred.vc.elements import ParticipationForm, label

PAGE_SIZE = 25


def _lang(request: HttpRequest) -> Language:
    return "tr" if (request.LANGUAGE_CODE or "en").startswith("tr") else "en"


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Micro-credentials, searched and filtered; every filter is a plain GET parameter."""
    filters = listing.Filters.from_query(request.GET)
    found = listing.offers(filters)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    lang = _lang(request)
    standings: dict[int, list[object]] = {}
    for standing in recognised_providers():
        standings.setdefault(standing.provider.pk, []).append(standing)
    rows = [
        (offer, standings.get(offer.organization.pk), approval_of(offer.version))
        for offer in page.object_list
    ]
    everything = listing.published_offers()
    context = {
        "filters": filters,
        "page": page,
        "rows": rows,
        "count": len(found),
        "modes": [(m.value, label(m, lang)) for m in ParticipationForm],
        "providers": sorted(
            {(o.organization.slug, o.organization.name) for o in everything},
            key=lambda p: p[1].casefold(),
        ),
        "countries": sorted(
            {(o.country, country_name(o.country, lang)) for o in everything if o.country},
            key=lambda c: c[1],
        ),
        "languages": sorted({code for o in everything for code in o.elements.languages}),
        "levels": range(1, 9),
        "query": _query_without_page(request),
    }
    return render(request, "registry/index.html", context)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_safe
def bodies(request: HttpRequest) -> HttpResponse:
    rows = [(body, len(recognised_providers(body))) for body in qa_bodies()]
    return render(request, "registry/qa_bodies.html", {"rows": rows})


@require_safe
def body(request: HttpRequest, slug: str) -> HttpResponse:
    found = Organization.objects.filter(slug=slug, kind=Organization.Kind.QA_BODY).first()
    if found is None:
        raise Http404
    lang = _lang(request)
    context = {
        "body": found,
        "did": did_for(found),
        "country": country_name(found.country, lang) if found.country else "",
        "rows": recognised_providers(found, all_states=True),
        "latest": trust_lists.latest_version(found),
        "list_url": trust_lists.list_url(found),
    }
    return render(request, "registry/qa_body.html", context)


@require_safe
def providers(request: HttpRequest) -> HttpResponse:
    return render(request, "registry/providers.html", {"rows": recognised_providers()})
