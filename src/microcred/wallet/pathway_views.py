"""The learner asks for the stacked credential of a pathway they completed.

Roles: any signed-in person, for themselves; the pathway must be published (else 404).
What they hold is verified again now: an answer shown earlier is never trusted.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from microcred.pathways import services as pathways
from microcred.pathways.errors import PathwayError
from microcred.wallet.errors import WalletError
from microcred.wallet.pathways import receive_stack
from microcred.wallet.views import learner


@login_required
@require_POST
def stack_request(request: HttpRequest, pathway_id: str) -> HttpResponse:
    pathway = pathways.public_pathway(pathway_id)
    if pathway is None:
        raise Http404
    try:
        item = receive_stack(learner(request), pathway)
    except (PathwayError, WalletError) as error:
        messages.error(request, str(error))
        return redirect("wallet:passport")
    messages.success(request, _("Your stacked credential was issued and is in your passport."))
    return redirect("wallet:item", item_id=item.public_id)
