"""The learner's side of a contest, and the renewal chain, on the credential page.

Roles: the signed-in holder of the item only (``own_item``: another learner's item is a
404). The contest itself is the issuer's record (``microcred.issuing.contests``); the
passport only relays the learner's argument and shows the exchange.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from microcred.issuing import contests, history
from microcred.issuing.errors import IssuingError
from microcred.issuing.models import Award
from microcred.wallet.models import WalletItem
from microcred.wallet.views import learner, own_item


class ContestForm(forms.Form):
    argument = forms.CharField(
        label=gettext_lazy("Why do you contest this decision?"),
        max_length=contests.MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


def _linked(user: Any, award_ids: list[str]) -> list[tuple[str, WalletItem | None]]:
    """Each award id with the holder's item for it, if they hold it."""
    held = {
        i.award_public_id: i
        for i in WalletItem.objects.filter(owner=user, award_public_id__in=award_ids)
    }
    return [(award_id, held.get(award_id)) for award_id in award_ids]


def contest_context(request: HttpRequest, item: WalletItem) -> dict[str, Any]:
    """What the credential page shows of contests and renewals (nothing for imports)."""
    if not item.award_public_id:
        return {}
    award = Award.objects.filter(public_id=item.award_public_id).first()
    if award is None:
        return {}
    chain = history.renewal_chain(award.public_id)
    user = learner(request)
    can_contest = award.state in contests.CONTESTABLE and contests.open_contest_of(award) is None
    return {
        "contests": contests.contests_of(award.public_id),
        "contest_form": ContestForm() if can_contest else None,
        "renews": _linked(user, [chain.renews]) if chain.renews else [],
        "renewed_by": _linked(user, list(chain.renewed_by)),
    }


@login_required
@require_POST
def item_contest(request: HttpRequest, item_id: str) -> HttpResponse:
    item = own_item(request, item_id)
    award = Award.objects.filter(public_id=item.award_public_id).first()
    if not item.award_public_id or award is None:
        raise Http404
    form = ContestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please write why you contest the decision."))
    else:
        try:
            contests.contest(
                award,
                learner=learner(request),
                argument=form.cleaned_data["argument"],
                language=translation.get_language(),
            )
        except IssuingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your contest was sent to the issuer, who must answer it."))
    return redirect("wallet:item", item_id=item.public_id)
