"""What a credential names, answered at the public host: for machines, the JSON-LD; for
people, a page in their language. No sign-in.

``/catalog/achievements/<id>`` is an achievement's ``id`` and ``/orgs/<slug>/profile`` the
issuer's ``url``: a verifier asking for JSON gets the document, a browser is sent (303) to
the page in the language it prefers. ``/contexts/elements/v1.jsonld`` is the extension
context, byte for byte the pinned file (its digest is in every credential that names it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from microcred.catalog import services as catalog
from microcred.catalog.element_rows import Language, country_name, element_rows
from microcred.catalog.models import SpecificationVersion
from microcred.organizations import deployment
from microcred.organizations.keys import did_for
from microcred.organizations.models import Organization
from microcred.organizations.public_http import document_response, public_document, wants_html
from microcred.registry import documents, trust_lists
from microcred.registry.approval_facts import approval_of
from microcred.registry.models import TrustListVersion
from microcred.registry.public_standing import standings_of
from microcred.vc import TRUST_LIST_CONTEXT_URL, pinned_bytes
from microcred.vc.elements import ELEMENTS_CONTEXT_URL

DOCUMENT_MAX_AGE = 300
#: The latest trust list: a recognition change must reach verifiers within a minute.
TRUST_LIST_MAX_AGE = 60
#: A numbered version never changes.
TRUST_LIST_VERSION_MAX_AGE = 86400
#: The context never changes under its versioned name: let caches keep it for a day.
CONTEXT_MAX_AGE = 86400


def _page_language(request: HttpRequest) -> str:
    return translation.get_language_from_request(request, check_path=False)


def _to_page(request: HttpRequest, name: str, **kwargs: str) -> HttpResponse:
    """303 to the page for people, in the language the browser prefers."""
    with translation.override(_page_language(request)):
        page = reverse(name, kwargs=kwargs)
    response = HttpResponseRedirect(page, status=303)
    patch_vary_headers(response, ["Accept", "Accept-Language"])
    return response


def _active_language() -> Language:
    return "tr" if translation.get_language() == "tr" else "en"


@public_document
def elements_context(request: HttpRequest) -> HttpResponse:
    return document_response(
        request,
        pinned_bytes(ELEMENTS_CONTEXT_URL),
        content_type="application/ld+json",
        max_age=CONTEXT_MAX_AGE,
    )


@public_document
def trust_list_context(request: HttpRequest) -> HttpResponse:
    return document_response(
        request,
        pinned_bytes(TRUST_LIST_CONTEXT_URL),
        content_type="application/ld+json",
        max_age=CONTEXT_MAX_AGE,
    )


def _qa_body(slug: str) -> Organization:
    body = Organization.objects.filter(slug=slug, kind=Organization.Kind.QA_BODY).first()
    if body is None:
        raise Http404
    return body


@public_document
def trust_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The body's latest signed trust list (``application/vc``)."""
    latest = trust_lists.latest_version(_qa_body(slug))
    if latest is None:
        raise Http404
    if wants_html(request):
        return _to_page(request, "registry:qa_body", slug=slug)
    return document_response(
        request,
        latest.credential,
        content_type="application/vc",
        max_age=TRUST_LIST_MAX_AGE,
        vary_accept=True,
    )


@public_document
def trust_list_version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    found = TrustListVersion.objects.filter(qa_body=_qa_body(slug), number=number).first()
    if found is None:
        raise Http404
    return document_response(
        request,
        found.credential,
        content_type="application/vc",
        max_age=TRUST_LIST_VERSION_MAX_AGE,
    )


@public_document
def achievement_document(request: HttpRequest, public_id: str) -> HttpResponse:
    version = documents.public_version(public_id)
    if version is None:
        raise Http404
    return _negotiated(
        request,
        ("registry:achievement", {"public_id": public_id}),
        lambda: documents.achievement_document(version),
    )


@public_document
def profile_document(request: HttpRequest, slug: str) -> HttpResponse:
    org = Organization.objects.filter(slug=slug).first()
    if org is None:
        raise Http404
    return _negotiated(
        request, ("registry:issuer", {"slug": slug}), lambda: documents.profile_document(org)
    )


def _negotiated(
    request: HttpRequest, page: tuple[str, dict[str, str]], document: Callable[[], dict[str, Any]]
) -> HttpResponse:
    """The page for a browser (303, in its language); the JSON-LD for anyone else."""
    if wants_html(request):
        return _to_page(request, page[0], **page[1])
    return document_response(
        request,
        document(),
        content_type="application/ld+json",
        max_age=DOCUMENT_MAX_AGE,
        vary_accept=True,
    )


def achievement_page(request: HttpRequest, public_id: str) -> HttpResponse:
    version = documents.public_version(public_id)
    if version is None:
        raise Http404
    lang = _active_language()
    org = version.specification.organization
    context = {
        "version": version,
        "org": org,
        "rows": element_rows(catalog.elements_of(version), lang),
        "description": version.description,
        "json_url": documents.achievement_document(version)["id"],
        "standings": standings_of(org),
        "approval": approval_of(version),
    }
    return render(request, "registry/achievement.html", context)


def issuer_page(request: HttpRequest, slug: str) -> HttpResponse:
    org = Organization.objects.filter(slug=slug).first()
    if org is None:
        raise Http404
    lang = _active_language()
    latest: dict[int, SpecificationVersion] = {}
    for version in SpecificationVersion.objects.filter(
        specification__organization=org, status=SpecificationVersion.Status.PUBLISHED
    ).order_by("specification_id", "-number"):
        latest.setdefault(version.specification_id, version)
    offered = sorted(latest.values(), key=lambda v: v.title.casefold())
    context = {
        "org": org,
        "did": did_for(org),
        "country": country_name(org.country, lang) if org.country else "",
        "offered": offered,
        "profile_url": deployment.profile_url(org),
        "standings": standings_of(org),
        "latest_list": trust_lists.latest_version(org) if org.kind == org.Kind.QA_BODY else None,
    }
    return render(request, "registry/issuer.html", context)
