"""The award e-mail's claim link, all the way into the passport in one form.

The link was mailed to the learner's address, so it proves control of that mailbox
(``accounts.proven_address``). Whoever opens it:

- without an account for that address: chooses a name and a password, and is signed in
  with the address confirmed and the credential saved — one form;
- with an account: signs in with its password (and code, if two-factor is on) and the
  credential is saved — one form (two with a code);
- signed in already with that address: saves with one button;
- signed in with another account: is told so, and can sign out to switch.

Password attempts here share the sign-in page's budget for the account and the client. The
page only says whether the link's own address has an account, which the link holder could
learn from the sign-in page's "forgot password" mail anyway. Nothing else is disclosed.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from microcred.accounts import emails, proven_address, second_step, sign_in_limits, two_factor
from microcred.accounts.errors import EmailVerificationError
from microcred.accounts.forms import SignUpForm
from microcred.accounts.models import User
from microcred.accounts.models.email import EmailAddress
from microcred.issuing import expiry
from microcred.issuing.claim_views import award_for_token
from microcred.issuing.models import Award
from microcred.wallet import claims
from microcred.wallet.claim_forms import ClaimSignInForm
from microcred.wallet.errors import WalletError
from microcred.wallet.views import learner

BACKEND = "django.contrib.auth.backends.ModelBackend"


@sensitive_post_parameters("password", "password1", "password2")
@require_http_methods(["GET", "POST"])
def claim(request: HttpRequest, token: str) -> HttpResponse:
    award = award_for_token(token)
    if request.user.is_authenticated:
        return _signed_in(request, award)
    address = emails.normalise(award.learner_email)
    if not address:  # erased under the retention rules: only a confirmed account can claim
        return redirect_to_login(request.get_full_path())
    owner = proven_address.owner_of(address)
    if owner is None:
        return _new_passport(request, award, address)
    return _sign_in(request, award, owner)


def _new_passport(request: HttpRequest, award: Award, address: str) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    initial = {"display_name": award.learner_name}
    form = SignUpForm(data, fixed_email=address, initial=initial)
    if data is not None and form.is_valid():
        user = proven_address.create_confirmed(
            email=address,
            display_name=form.cleaned_data["display_name"],
            password=form.cleaned_data["password1"],
        )
        login(request, user, backend=BACKEND)
        return _save(request, user, award)
    context = {"sign_up": form, "address": address}
    return _page(request, award, context, 400 if data is not None else 200)


def _sign_in(request: HttpRequest, award: Award, owner: User) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = ClaimSignInForm(data)
    context: dict[str, object] = {"sign_in": form, "address": emails.normalise(award.learner_email)}
    if data is None:
        return _page(request, award, context, 200)
    wait = sign_in_limits.wait(request, owner.email)
    if wait:
        context["throttled"] = sign_in_limits.message(wait)
        response = _page(request, award, context, 429)
        response["Retry-After"] = str(wait)
        return response
    password = str(data.get("password", ""))
    user = authenticate(request, username=owner.email, password=password) if password else None
    if user is None or user.pk != owner.pk:
        sign_in_limits.failed(request, owner.email)
        form.is_valid()
        form.add_error("password", _("That password is not right. Try again, or reset it."))
        return _page(request, award, context, 400)
    sign_in_limits.succeeded(request, owner.email)
    if two_factor.is_enabled(owner):
        return second_step.begin(request, owner, request.path)
    login(request, owner, backend=BACKEND)
    return _save(request, owner, award)


def _signed_in(request: HttpRequest, award: Award) -> HttpResponse:
    user = learner(request)
    existing = claims.find_claimed(user, award)
    if existing is not None:
        return redirect("wallet:item", item_id=existing.public_id)
    if not _is_theirs(user, award):
        context = {"other_account": True, "masked": claims.mask(award.learner_email)}
        return _page(request, award, context, 409 if request.method == "POST" else 200)
    if request.method == "POST":
        return _save(request, user, award)
    return _page(request, award, {"save": True}, 200)


def _is_theirs(user: User, award: Award) -> bool:
    """A confirmed address of the account matches the credential, or the link's address
    is the account's own (the link then confirms it)."""
    if claims.matching_email(award.credential, emails.verified_emails(user)) is not None:
        return True
    address = emails.normalise(award.learner_email)
    own = user.email.lower() == address
    return bool(address) and (own or EmailAddress.objects.filter(user=user, email=address).exists())


def _save(request: HttpRequest, user: User, award: Award) -> HttpResponse:
    try:
        address = emails.normalise(award.learner_email)
        if address and _is_theirs(user, award):
            proven_address.confirm(user, address)
        claims.claim(user, award)
        expiry.remember_language(award, translation.get_language())
    except (WalletError, EmailVerificationError) as error:
        context = {"problem": str(error), "code": error.code}
        return _page(request, award, context, 409)
    messages.success(request, _("The micro-credential was saved to your passport."))
    return redirect("wallet:passport")


def _page(
    request: HttpRequest, award: Award, extra: Mapping[str, object], status: int
) -> HttpResponse:
    context = {"award": award, **extra}
    response = render(request, "wallet/claim.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"  # "no-referrer" would send Origin: null on POST
    return response
