"""HTTP for the STEEP workspace: factors recorded, ranked, drawn on the matrix, sent to the
canvas; themes added to the organisation's library.

Roles: every member of the organisation (any role); others get 404 (``org_view``).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from microcred.organizations.access import OrgContext, org_view
from microcred.strategy import services
from microcred.strategy.errors import InvalidInput
from microcred.strategy.models import SteepFactor, Strategy
from microcred.strategy.scope import strategy_of, url_for, user_of
from microcred.strategy.steep import page
from microcred.strategy.steep import work as steep_work


def _factor(strategy: Strategy, fid: str) -> SteepFactor:
    factor = services.find_factor(strategy, fid)
    if factor is None:
        raise Http404
    return factor


@require_http_methods(["GET", "HEAD", "POST"])
@org_view()
def steep(request: HttpRequest, org: OrgContext, sid: str) -> HttpResponse:
    """The STEEP workspace: add factors, see them ranked and on the matrix."""
    strategy = strategy_of(org, sid)
    if request.method == "POST":
        try:
            steep_work.add_factor(strategy, user_of(request), request.POST.dict())
        except InvalidInput as error:
            messages.error(request, "; ".join(error.messages))
        return redirect(url_for("steep", org, strategy))
    factors = steep_work.ranked_factors(strategy)
    context = {
        "org": org,
        "strategy": strategy,
        "factors": page.factor_rows(factors, strategy),
        "matrix": page.factor_matrix([steep_work.factor_dict(f) for f in factors]),
        "themes": [
            (theme, dict(SteepFactor.Lens.choices).get(theme.lens, theme.lens))
            for theme in steep_work.themes_for(org.organization)
        ],
        "lenses": SteepFactor.Lens.choices,
        "orientations": SteepFactor.Orientation.choices,
        "scale": range(1, 6),
    }
    return render(request, "strategy/steep.html", context)


@require_POST
@org_view()
def factor_save(request: HttpRequest, org: OrgContext, sid: str, fid: str) -> HttpResponse:
    strategy = strategy_of(org, sid)
    factor = _factor(strategy, fid)
    try:
        steep_work.update_factor(factor, request.POST.dict())
    except InvalidInput as error:
        messages.error(request, "; ".join(error.messages))
    return redirect(url_for("steep", org, strategy, f"factor-{fid}"))


@require_POST
@org_view()
def factor_delete(request: HttpRequest, org: OrgContext, sid: str, fid: str) -> HttpResponse:
    strategy = strategy_of(org, sid)
    _factor(strategy, fid).delete()
    return redirect(url_for("steep", org, strategy))


@require_POST
@org_view()
def factor_send(request: HttpRequest, org: OrgContext, sid: str, fid: str) -> HttpResponse:
    """Put the factor on the canvas (risk or value proposition) and show it there."""
    strategy = strategy_of(org, sid)
    item_id = steep_work.send_to_canvas(strategy, _factor(strategy, fid), user_of(request))
    return redirect(url_for("canvas", org, strategy, f"item-{item_id}"))


@require_POST
@org_view()
def theme_add(request: HttpRequest, org: OrgContext, sid: str) -> HttpResponse:
    strategy = strategy_of(org, sid)
    try:
        steep_work.add_theme(org.organization, request.POST.dict())
    except InvalidInput as error:
        messages.error(request, "; ".join(error.messages))
    return redirect(url_for("steep", org, strategy, "themes"))
