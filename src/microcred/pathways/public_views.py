"""The public page of a published pathway (no sign-in needed), and following it.

Anyone may read a published pathway; following needs a signed-in account (the progress is
shown in that person's passport). A draft pathway is a 404 here, like one that never was.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from microcred.accounts.models import User
from microcred.pathways import services
from microcred.pathways.models import Pathway
from microcred.pathways.resolve import resolve
from microcred.pathways.views import lang
from microcred.pathways.wording import describe_rule


def _published(pathway_id: str) -> Pathway:
    found = services.public_pathway(pathway_id)
    if found is None:
        raise Http404
    return found


@require_safe
def pathway_page(request: HttpRequest, pathway_id: str) -> HttpResponse:
    pathway = _published(pathway_id)
    user = request.user
    following = isinstance(user, User) and pathway.pk in services.followed(user)
    context = {
        "pathway": pathway,
        "name": pathway.name(lang()),
        "description": pathway.description(lang()),
        "rules": [describe_rule(r) for r in resolve(pathway)],
        "following": following,
    }
    return render(request, "pathways/public.html", context)


@login_required
@require_POST
def pathway_follow(request: HttpRequest, pathway_id: str) -> HttpResponse:
    pathway = _published(pathway_id)
    user = request.user
    assert isinstance(user, User)
    services.follow(user, pathway)  # published: _published refused drafts
    messages.success(request, _("You follow this pathway: your passport shows your progress."))
    return redirect("pathways:public", pathway_id=pathway.public_id)


@login_required
@require_POST
def pathway_unfollow(request: HttpRequest, pathway_id: str) -> HttpResponse:
    pathway = _published(pathway_id)
    user = request.user
    assert isinstance(user, User)
    services.unfollow(user, pathway)
    messages.success(request, _("You no longer follow this pathway."))
    return redirect("pathways:public", pathway_id=pathway.public_id)
