"""HTTP for issuing officers: issue, list, inspect, revoke/suspend/reinstate, bulk CSV, audit.

Roles: issuing officers and organisation admins for everything but the audit log, which is
for organisation admins only (``org_view``: non-members 404, other roles 403). The views
only read requests and render pages; issuing, status changes and batches are services.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from microcred.accounts.acting import acting_user
from microcred.catalog import services as catalog
from microcred.catalog.errors import NotIssuable
from microcred.issuing import audit, contests, notifications, upload_limits
from microcred.issuing.awards import AwardRequest, idempotency_key
from microcred.issuing.errors import GradeRefusedError, IssuingError
from microcred.issuing.forms import (
    AwardFilterForm,
    BulkStatusForm,
    CsvUploadForm,
    IssueOneForm,
    StatusChangeForm,
)
from microcred.issuing.models import AuditEvent, Award, Batch
from microcred.issuing.public_views import STATUS_LIST_MAX_AGE
from microcred.issuing.renewal import renewals_of
from microcred.issuing.revocation import StatusAction, change_status
from microcred.issuing.single_award import issue_single_award
from microcred.organizations.access import OrgContext, org_view
from microcred.organizations.keys import signer_for
from microcred.organizations.roles import Role

OFFICERS = (Role.ISSUER, Role.ADMIN)
PAGE_SIZE = 25
#: Which actions each state offers: revocation is final, so a revoked award offers none.
ACTIONS = {
    Award.State.ACTIVE: (StatusAction.SUSPEND, StatusAction.REVOKE),
    Award.State.SUSPENDED: (StatusAction.REINSTATE, StatusAction.REVOKE),
    Award.State.REVOKED: (),
}


def _award(org: OrgContext, award_id: str) -> Award:
    found = (
        Award.objects.select_related("specification_version", "organization")
        .filter(organization=org.organization, public_id=award_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def renewal_context(award: Award) -> dict[str, Any]:
    """The award page's renewal chain and contests (with an answer form for an open one)."""
    from microcred.issuing.renewal_views import answer_form  # it imports this module

    found = contests.contests_of(award.public_id)
    return {
        "renewed_by": renewals_of(award),
        "contests": [(c, answer_form(c) if c.outcome == c.Outcome.OPEN else None) for c in found],
        "can_renew": award.state != Award.State.REVOKED,
    }


def award_history(award: Award) -> list[AuditEvent]:
    """The award's audit events, oldest first: issued, status changes, resends, corrections
    (the event that links a corrected award to the one it replaces names this one)."""
    return list(
        AuditEvent.objects.filter(organization_id=award.organization_id)
        .filter(Q(target=award.public_id) | Q(details__replaces=award.public_id))
        .select_related("actor")
        .order_by("at", "pk")
    )


def _action(name: str) -> StatusAction:
    try:
        return StatusAction(name)
    except ValueError:
        raise Http404 from None


def credential_response(award: Award) -> HttpResponse:
    """The signed credential as a download (``application/vc``, the VC 2.0 media type)."""
    body = json.dumps(award.credential, ensure_ascii=False, indent=2)
    response = HttpResponse(body.encode("utf-8"), content_type="application/vc")
    response["Content-Disposition"] = f'attachment; filename="credential-{award.public_id}.json"'
    return response


@require_http_methods(["GET", "POST"])
@org_view(*OFFICERS)
def issue_one(request: HttpRequest, org: OrgContext) -> HttpResponse:
    form = IssueOneForm(request.POST or None, organization=org.organization)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = catalog.get_issuable_version(org.organization, data["version"])
        except NotIssuable:
            raise Http404 from None
        learner = form.learner()
        key = idempotency_key(version.public_id, learner.email, data["awarded_on"].isoformat())
        try:
            with signer_for(org.organization) as signer:
                issued = issue_single_award(
                    version,
                    AwardRequest(learner, key),
                    signer=signer,
                    issued_by=acting_user(request.user),
                    include_name=data["include_name"],
                )
        except IssuingError as exc:
            if not isinstance(exc, GradeRefusedError):
                raise
            form.add_error("grade", str(exc))  # the assessment rule: nothing was issued
            return render(request, "issuing/issue.html", {"org": org, "form": form}, status=400)
        if issued.claim_token is None:
            messages.info(
                request, _("This learner already had this micro-credential; nothing was issued.")
            )
        else:
            messages.success(
                request,
                _("Issued. %(email)s was sent a link to claim the micro-credential.")
                % {"email": issued.award.learner_email},
            )
        return redirect("issuing:award", org=org.organization.slug, award_id=issued.award.public_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "issuing/issue.html", {"org": org, "form": form}, status=status)


@require_safe
@org_view(*OFFICERS)
def award_list(request: HttpRequest, org: OrgContext) -> HttpResponse:
    filters = AwardFilterForm(request.GET, organization=org.organization)
    page = Paginator(filters.awards(), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "org": org,
        "filters": filters,
        "page": page,
        "rows": [(a, a.claimed_at is not None) for a in page],
        "query": query.urlencode(),
        "bulk_actions": [StatusAction.SUSPEND, StatusAction.REINSTATE, StatusAction.REVOKE],
        "now": timezone.now(),
        "open_contests": contests.open_contests(org.organization),
    }
    return render(request, "issuing/award_list.html", context)


@require_safe
@org_view(*OFFICERS)
def award_detail(request: HttpRequest, org: OrgContext, award_id: str) -> HttpResponse:
    award = _award(org, award_id)
    context = {
        "org": org,
        "award": award,
        "claimed": award.claimed_at is not None,
        "history": award_history(award),
        "actions": ACTIONS[Award.State(award.state)],
        "credential_json": json.dumps(award.credential, ensure_ascii=False, indent=2),
        "now": timezone.now(),
        **renewal_context(award),
    }
    return render(request, "issuing/award_detail.html", context)


@require_safe
@org_view(*OFFICERS)
def award_download(request: HttpRequest, org: OrgContext, award_id: str) -> HttpResponse:
    return credential_response(_award(org, award_id))


@require_http_methods(["GET", "POST"])
@org_view(*OFFICERS)
def award_status(request: HttpRequest, org: OrgContext, award_id: str, action: str) -> HttpResponse:
    award, chosen = _award(org, award_id), _action(action)
    if chosen not in ACTIONS[Award.State(award.state)]:
        raise Http404
    form = StatusChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _apply(request, org, [award], chosen, form.cleaned_data)
        return redirect("issuing:award", org=org.organization.slug, award_id=award.public_id)
    status = 400 if request.method == "POST" else 200
    context = {
        "org": org,
        "award": award,
        "action": str(chosen),
        "form": form,
        "cache_seconds": STATUS_LIST_MAX_AGE,
    }
    return render(request, "issuing/award_status.html", context, status=status)


def _apply(
    request: HttpRequest,
    org: OrgContext,
    awards: list[Award],
    action: StatusAction,
    data: dict[str, Any],
) -> list[Award]:
    """Change the awards' status with the form's public reason and internal note."""
    reason = str(data["reason"])
    with signer_for(org.organization) as signer:
        changed = change_status(
            awards, action, reason=reason, by=acting_user(request.user), signer=signer,
            internal_note=str(data.get("internal_note") or ""),
        )  # fmt: skip
    notifications.notify_status_changed(changed, action, reason.strip())
    count = len(changed)
    messages.success(
        request,
        ngettext("%(count)s award changed.", "%(count)s awards changed.", count) % {"count": count},
    )
    return changed


@require_http_methods(["GET", "POST"])
@org_view(*OFFICERS)
def bulk_status(request: HttpRequest, org: OrgContext, action: str) -> HttpResponse:
    """Apply one action to every award matching the list's filters (given in the query)."""
    chosen = _action(action)
    filters = AwardFilterForm(request.GET, organization=org.organization)
    if not filters.is_valid():
        raise Http404
    matching = list(filters.awards().select_related("organization"))
    applicable = [a for a in matching if chosen in ACTIONS[Award.State(a.state)]]
    form = BulkStatusForm(request.POST or None, expected=len(applicable))
    if request.method == "POST" and form.is_valid() and applicable:
        _apply(request, org, applicable, chosen, form.cleaned_data)
        url = reverse("issuing:awards", kwargs={"org": org.organization.slug})
        return redirect(f"{url}?{request.GET.urlencode()}")
    context = {
        "org": org,
        "action": str(chosen),
        "form": form,
        "filters": filters,
        "matching": len(matching),
        "count": len(applicable),
        "query": request.GET.urlencode(),
        "cache_seconds": STATUS_LIST_MAX_AGE,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "issuing/bulk_status.html", context, status=status)


@csrf_exempt  # checked by _csv_upload, once the size cap is in place (see below)
@require_http_methods(["GET", "POST"])
@org_view(*OFFICERS)
def csv_upload(request: HttpRequest, org: OrgContext) -> HttpResponse:
    """The size cap comes first: Django's CSRF check reads the whole body to find its
    token, so the cap must be installed before it runs, and a body announced as too large
    is refused before any of it is read."""
    if request.method != "POST":
        return _csv_upload(request, org, None)
    if upload_limits.declared_too_large(request):
        return _upload_too_large(request, org)
    return _csv_upload(request, org, upload_limits.cap_uploads(request))


def _upload_context(org: OrgContext, form: CsvUploadForm) -> dict[str, Any]:
    from microcred.issuing.csv_rows import max_rows

    return {
        "org": org,
        "form": form,
        "max_size": upload_limits.max_bytes(),
        "max_rows": max_rows(),
    }


def _upload_too_large(request: HttpRequest, org: OrgContext) -> HttpResponse:
    context = _upload_context(org, CsvUploadForm(organization=org.organization))
    context["refused"] = upload_limits.too_large_message()
    return render(request, "issuing/upload.html", context, status=413)


@csrf_protect
def _csv_upload(
    request: HttpRequest, org: OrgContext, cap: upload_limits.CappedUploadHandler | None
) -> HttpResponse:
    from microcred.issuing.batches import prepare_batch
    from microcred.issuing.errors import CsvFileError

    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    if cap is not None and cap.exceeded:
        return _upload_too_large(request, org)
    form = CsvUploadForm(data, files, organization=org.organization)
    context = _upload_context(org, form)
    if request.method == "POST" and form.is_valid():
        try:
            version = catalog.get_issuable_version(org.organization, form.cleaned_data["version"])
        except NotIssuable:
            raise Http404 from None
        upload = form.cleaned_data["file"]
        try:
            preview = prepare_batch(
                org.organization, version, upload, filename=upload.name or "",
                by=acting_user(request.user),
                include_name=form.cleaned_data["include_name"],
                language=form.cleaned_data["language"],
            )  # fmt: skip
        except CsvFileError as exc:
            form.add_error("file", str(exc))
        else:
            context["preview"] = preview
            return render(request, "issuing/upload.html", context)
    status = 400 if request.method == "POST" else 200
    return render(request, "issuing/upload.html", context, status=status)


def _batch(org: OrgContext, batch_id: str) -> Batch:
    found = (
        Batch.objects.select_related("specification_version")
        .filter(organization=org.organization, public_id=batch_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


@require_POST
@org_view(*OFFICERS)
def batch_start(request: HttpRequest, org: OrgContext, batch_id: str) -> HttpResponse:
    from microcred.issuing.batches import start_batch

    batch = _batch(org, batch_id)
    if batch.total == 0:
        messages.error(request, _("This file has no valid rows to issue."))
    else:
        try:
            start_batch(batch, by=acting_user(request.user))
        except IssuingError:
            messages.info(request, _("This batch has already been started."))
    return redirect("issuing:batch", org=org.organization.slug, batch_id=batch.public_id)


def _progress_context(org: OrgContext, batch: Batch) -> dict[str, Any]:
    from microcred.issuing.batches import already_issued_rows, batch_progress

    progress = batch_progress(batch)
    running = progress.state in (Batch.State.QUEUED, Batch.State.RUNNING)
    already = already_issued_rows(batch)
    return {
        "org": org,
        "batch": batch,
        "progress": progress,
        "handled": progress.issued + progress.failed,
        "new": max(progress.issued - already, 0),
        "already": already,
        "running": running,
    }


@require_safe
@org_view(*OFFICERS)
def batch_detail(request: HttpRequest, org: OrgContext, batch_id: str) -> HttpResponse:
    batch = _batch(org, batch_id)
    context = _progress_context(org, batch)
    context["failures"] = batch.rows.exclude(error="").order_by("line")[:500]
    context["skipped"] = batch.problems
    context["more_skipped"] = max(batch.problem_count - len(batch.problems), 0)
    return render(request, "issuing/batch.html", context)


@require_safe
@org_view(*OFFICERS)
def batch_progress_fragment(request: HttpRequest, org: OrgContext, batch_id: str) -> HttpResponse:
    batch = _batch(org, batch_id)
    return render(request, "issuing/_progress.html", _progress_context(org, batch))


@require_safe
@org_view(Role.ADMIN)
def audit_log(request: HttpRequest, org: OrgContext) -> HttpResponse:
    page = Paginator(audit.events_of(org.organization), 50).get_page(request.GET.get("page"))
    rows = [(event, audit.who(event)) for event in page]
    return render(request, "issuing/audit.html", {"org": org, "page": page, "rows": rows})


@require_safe
@org_view(Role.ADMIN)
def audit_export(request: HttpRequest, org: OrgContext) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        audit.csv_lines(audit.events_of(org.organization)), content_type="text/csv; charset=utf-8"
    )
    filename = f"audit-{org.organization.slug}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
