"""Where a person lands after signing in: where their work is.

One organisation → its start page (the next actions for their roles); several → the
chooser ("My organisations"); none → their passport, since a person without an
organisation is a learner (creating an organisation stays a secondary action there). The
platform admin without memberships lands on the list of all organisations.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from microcred.accounts.models import User
from microcred.organizations.models import Membership


@require_safe
@never_cache
@login_required
def landing(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # login_required lets only users through
    slugs = set(Membership.objects.filter(user=user).values_list("organization__slug", flat=True))
    if len(slugs) == 1:
        return redirect("organizations:overview", org=slugs.pop())
    if slugs:
        return redirect("accounts:home")
    if user.is_superuser:
        return redirect("organizations:index")
    return redirect("wallet:passport")
