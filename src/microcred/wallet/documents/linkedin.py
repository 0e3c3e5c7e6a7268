"""LinkedIn's "Add to profile" link for a certification.

LinkedIn documents this as a plain link (``/profile/add?startTask=CERTIFICATION_NAME``):
no LinkedIn script on our pages, no API key, and nothing is sent to LinkedIn until the
learner clicks. The learner's own name is never part of the link — ``name`` is the
credential's title — so a copied link discloses nothing the credential page does not.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote, urlencode

ADD_TO_PROFILE = "https://www.linkedin.com/profile/add"


def linkedin_url(
    *,
    name: str,
    organization: str,
    issued: date,
    credential_url: str,
    credential_id: str,
    expires: date | None = None,
) -> str:
    """The add-certification URL, every value percent-encoded as UTF-8.

    Month numbers are 1-12 without padding, as LinkedIn's form expects. ``expires`` is
    left out when the credential does not expire (LinkedIn then ticks "does not expire").
    """
    if not name.strip() or not organization.strip():
        raise ValueError("a LinkedIn certification needs a name and an organisation")
    if expires is not None and expires < issued:
        raise ValueError("a credential cannot expire before it was issued")
    params: list[tuple[str, str]] = [
        ("startTask", "CERTIFICATION_NAME"),
        ("name", name),
        ("organizationName", organization),
        ("issueYear", str(issued.year)),
        ("issueMonth", str(issued.month)),
    ]
    if expires is not None:
        params += [("expirationYear", str(expires.year)), ("expirationMonth", str(expires.month))]
    params += [("certUrl", credential_url), ("certId", credential_id)]
    # quote (%20), not quote_plus (+): LinkedIn shows a literal "+" in some fields.
    return f"{ADD_TO_PROFILE}?{urlencode(params, encoding='utf-8', quote_via=quote)}"
