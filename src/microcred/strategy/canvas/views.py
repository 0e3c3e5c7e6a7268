"""HTTP for the canvas: thin views over ``services``, ``editing`` and ``checks``.

Roles: every member of the organisation (any role) reads and edits the canvas;
only the organisation admin deletes a strategy or sets another member's design-team role.
``org_view``: not a member → 404; an id from another organisation → 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from microcred.accounts.models import User
from microcred.organizations.access import OrgContext, org_view
from microcred.organizations.roles import Role
from microcred.strategy import services
from microcred.strategy.canvas import editing, page
from microcred.strategy.canvas.checks import check_canvas, progress
from microcred.strategy.canvas.document import BLOCKS, KINDS
from microcred.strategy.content import block_texts, current_language
from microcred.strategy.errors import InvalidInput, NotFound
from microcred.strategy.models import DesignRole, Strategy
from microcred.strategy.scope import strategy_of, url_for, user_of


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise Http404
    return kind


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _checks(
    request: HttpRequest, org: OrgContext, strategy: Strategy, errors: list[str] | None = None
) -> HttpResponse:
    context = {"org": org, "strategy": strategy, "errors": errors or []}
    context.update(page.checks_context(services.snapshot(strategy)))
    return render(request, "strategy/_checks.html", context)


def _after_change(
    request: HttpRequest, org: OrgContext, strategy: Strategy, anchor: str, errors: list[str]
) -> HttpResponse:
    """HTMX gets the refreshed checks panel; a plain form post goes back to the canvas."""
    if _is_htmx(request):
        return _checks(request, org, strategy, errors)
    for error in errors:
        messages.error(request, error)
    return redirect(url_for("canvas", org, strategy, anchor))


@require_http_methods(["GET", "HEAD", "POST"])
@org_view()
def strategy_list(request: HttpRequest, org: OrgContext) -> HttpResponse:
    """The organisation's strategies; any member may start a new one."""
    if request.method == "POST":
        try:
            strategy = services.create_strategy(
                org.organization,
                user_of(request),
                request.POST.get("title", ""),
                request.POST.get("period", ""),
            )
        except InvalidInput as error:
            messages.error(request, "; ".join(error.messages))
        else:
            return redirect(url_for("canvas", org, strategy))
    context = {"org": org, "strategies": services.strategies_of(org.organization)}
    return render(request, "strategy/list.html", context)


def _canvas_page(
    request: HttpRequest, org: OrgContext, strategy: Strategy, refused: page.Refused | None = None
) -> HttpResponse:
    """The canvas; with a ``refused`` form, its typed values and errors, answered 400."""
    snapshot = services.snapshot(strategy)
    context = {
        "org": org,
        "strategy": strategy,
        "blocks": page.blocks(snapshot, org, strategy, refused),
        "refused": refused.summary() if refused else [],
        "team": page.team(strategy),
        "design_roles": DesignRole.choices,
        "my_role": page.role_of(strategy, user_of(request)),
        "is_admin": org.has(Role.ADMIN),
    }
    context.update(page.checks_context(snapshot))
    return render(request, "strategy/canvas.html", context, status=400 if refused else 200)


@require_safe
@org_view()
def canvas(request: HttpRequest, org: OrgContext, sid: str) -> HttpResponse:
    return _canvas_page(request, org, strategy_of(org, sid))


def _item_refused(
    request: HttpRequest, org: OrgContext, strategy: Strategy, refused: page.Refused
) -> HttpResponse:
    """A refused item form: HTMX gets the checks panel with each error swapped in beside its
    field (what was typed stays in the page); a plain post gets the canvas again, typed values
    kept, errors beside the fields and listed at the top."""
    if not _is_htmx(request):
        return _canvas_page(request, org, strategy, refused)
    return _checks_and_field_errors(request, org, strategy, refused)


def _checks_and_field_errors(
    request: HttpRequest, org: OrgContext, strategy: Strategy, refused: page.Refused
) -> HttpResponse:
    """The checks panel, plus each field's error slot swapped out of band (emptied if fine)."""
    listed = [f"{line['label']}: {line['message']}" for line in refused.summary()]
    response = _checks(request, org, strategy, listed)
    context = {
        "prefix": refused.prefix,
        "fields": KINDS[refused.kind].fields,
        "errors": refused.errors,
    }
    response.content += render(request, "strategy/_field_errors_oob.html", context).content
    return response


@require_safe
@org_view()
def checks(request: HttpRequest, org: OrgContext, sid: str) -> HttpResponse:
    return _checks(request, org, strategy_of(org, sid))


@require_POST
@org_view()
def item_add(request: HttpRequest, org: OrgContext, sid: str, kind: str) -> HttpResponse:
    strategy = strategy_of(org, sid)
    try:
        values = editing.form_values(_kind(kind), request.POST, current_language())
        item_id = editing.add_item(strategy, user_of(request), kind, values)
    except InvalidInput as error:
        refused = page.Refused(kind, "", request.POST.dict(), error.fields)
        return _item_refused(request, org, strategy, refused)
    return _after_change(request, org, strategy, f"item-{item_id}", [])


@require_POST
@org_view()
def item_save(
    request: HttpRequest, org: OrgContext, sid: str, kind: str, item: str
) -> HttpResponse:
    strategy = strategy_of(org, sid)
    try:
        values = editing.form_values(_kind(kind), request.POST, current_language())
        editing.update_item(strategy, user_of(request), kind, item, values)
    except NotFound as error:
        raise Http404 from error
    except InvalidInput as error:
        refused = page.Refused(kind, item, request.POST.dict(), error.fields)
        return _item_refused(request, org, strategy, refused)
    if _is_htmx(request):
        cleared = page.Refused(kind, item, {}, {})
        return _checks_and_field_errors(request, org, strategy, cleared)
    return _after_change(request, org, strategy, f"item-{item}", [])


@require_POST
@org_view()
def item_delete(
    request: HttpRequest, org: OrgContext, sid: str, kind: str, item: str
) -> HttpResponse:
    strategy = strategy_of(org, sid)
    try:
        editing.delete_item(strategy, user_of(request), _kind(kind), item)
    except NotFound as error:
        raise Http404 from error
    return redirect(url_for("canvas", org, strategy, f"block-{KINDS[kind].block}"))


@require_POST
@org_view()
def notes(request: HttpRequest, org: OrgContext, sid: str, block: str) -> HttpResponse:
    strategy = strategy_of(org, sid)
    if block not in BLOCKS:
        raise Http404
    try:
        editing.set_notes(strategy, user_of(request), block, request.POST.get("notes", ""))
    except InvalidInput as error:
        return _after_change(request, org, strategy, f"block-{block}", error.messages)
    return _after_change(request, org, strategy, f"block-{block}", [])


@require_POST
@org_view()
def team(request: HttpRequest, org: OrgContext, sid: str) -> HttpResponse:
    """A member picks their own design-team role; the admin may set anyone's."""
    strategy = strategy_of(org, sid)
    member = user_of(request)
    email = request.POST.get("member", "").strip()
    if email and email != member.email:
        if not org.has(Role.ADMIN):
            raise PermissionDenied
        found = User.objects.filter(email=email).first()
        if found is None:
            raise Http404
        member = found
    try:
        services.set_team_role(strategy, member, request.POST.get("role", ""))
    except NotFound as error:
        raise Http404 from error
    except InvalidInput as error:
        messages.error(request, "; ".join(error.messages))
    return redirect(url_for("canvas", org, strategy, "team"))


@require_POST
@org_view(Role.ADMIN)
def strategy_delete(request: HttpRequest, org: OrgContext, sid: str) -> HttpResponse:
    strategy_of(org, sid).delete()
    return redirect("strategy:list", org=org.organization.slug)


@require_safe
@org_view()
def progress_view(request: HttpRequest, org: OrgContext, sid: str) -> HttpResponse:
    strategy = strategy_of(org, sid)
    texts = block_texts()
    rows = [(texts[p.block], p) for p in progress(check_canvas(services.snapshot(strategy)))]
    context = {"org": org, "strategy": strategy, "rows": rows}
    return render(request, "strategy/progress.html", context)


@require_safe
@org_view()
def history(request: HttpRequest, org: OrgContext, sid: str) -> HttpResponse:
    """The list of revisions; with ``?a=&b=`` also the per-block comparison of the two."""
    strategy = strategy_of(org, sid)
    revisions = list(strategy.revisions.select_related("author"))
    context: dict[str, object] = {"org": org, "strategy": strategy, "revisions": revisions}
    if "a" in request.GET and "b" in request.GET:
        try:
            older, newer = sorted((int(request.GET["a"]), int(request.GET["b"])))
            diffs = services.compare_revisions(strategy, older, newer)
        except (ValueError, NotFound) as error:
            raise Http404 from error
        texts = block_texts()
        context.update(older=older, newer=newer, diffs=[(texts[d.block], d) for d in diffs])
    return render(request, "strategy/history.html", context)
