"""Money on the canvas: amounts read and written the way the reader's language writes them.

Turkish writes one million and fifty kuruş as ``1.000.000,50`` (or ``1 000 000,50``), English
as ``1,000,000.50`` (or ``1 000 000.50``); the same text means different numbers in the two,
so an amount is read by the rules of the page's language only, strictly: thousands in groups
of three, at most two decimals, digits only, no sign. What does not fit is refused with a
message that says what is wrong and how to write it, never guessed at. A currency may be
written with the amount ("1.000.000,50 TL"); it must then agree with the currency chosen.
No dependency: the two formats are small enough to state here exactly.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

CURRENCIES = ("TRY", "EUR", "USD")
CURRENCY_LABELS: tuple[tuple[str, str | Promise], ...] = (
    ("TRY", gettext_lazy("Turkish lira (TL)")),
    ("EUR", gettext_lazy("Euro (€)")),
    ("USD", gettext_lazy("US dollar ($)")),
)
SYMBOLS = {"TRY": "TL", "EUR": "€", "USD": "$"}
MARKERS = {
    "tl": "TRY",
    "₺": "TRY",
    "try": "TRY",
    "€": "EUR",
    "eur": "EUR",
    "$": "USD",
    "usd": "USD",
}
MAX_DIGITS, DECIMALS = 14, 2
LARGEST = Decimal("999999999999.99")
SEPARATORS = {"tr": (",", "."), "en": (".", ",")}  # (decimal, thousands)
SPACES = re.compile(r"[\u00a0\u2007\u2009\u202f ]+")
MARKER = re.compile(r"^(₺|€|\$|tl|try|eur|usd)?\s*(.*?)\s*(₺|€|\$|tl|try|eur|usd)?$", re.I)
GROUPED = re.compile(r"^\d{1,3}([ .,]\d{3})+$")


class AmountError(ValueError):
    """An amount that cannot be read; ``str(error)`` is the message for the person."""


def default_currency(language: str) -> str:
    """Turkish pages start with the lira, English ones with the euro."""
    return "TRY" if language == "tr" else "EUR"


def format_number(value: Decimal | str, language: str) -> str:
    """``1000000.5`` → ``1.000.000,50`` (tr) or ``1,000,000.50`` (en)."""
    decimal, thousands = SEPARATORS[language]
    whole, fraction = f"{Decimal(value):,.2f}".split(".")
    return whole.replace(",", thousands) + decimal + fraction


def format_amount(value: Decimal | str, currency: str, language: str) -> str:
    """The amount with its currency's symbol, e.g. ``1.000.000,50 TL`` or ``250,000.00 €``."""
    return f"{format_number(value, language)} {SYMBOLS.get(currency, currency)}"


def _example(language: str) -> str:
    return format_number(Decimal("1000000.50"), language)


def _currency(text: str) -> tuple[str, str | None]:
    """The number part and the currency written with it (at most one, before or after)."""
    found = MARKER.match(text)
    if found is None:  # pragma: no cover -- the pattern matches any text
        return text, None
    before, number, after = found.groups()
    if before and after:
        raise AmountError(_("Write the currency once, or choose it from the list."))
    marker = before or after
    return number, MARKERS[marker.lower()] if marker else None


def _whole(digits: str, language: str) -> str:
    """The whole part without its thousands separators, which must group digits in threes."""
    decimal, thousands = SEPARATORS[language]
    if digits.isdigit():
        return digits
    used = set(re.sub(r"\d", "", digits))
    if used <= {thousands, " "} and len(used) == 1 and GROUPED.match(digits):
        return re.sub(r"\D", "", digits)
    one_separator = used == {thousands} and digits.count(thousands) == 1
    if decimal in used or (one_separator and re.search(r"\d[.,]\d{1,2}$", digits)):
        raise AmountError(_wrong_separator(language))
    raise AmountError(
        _("Group thousands in threes, or leave them ungrouped: %(example)s.")
        % {"example": _example(language)}
    )


def _wrong_separator(language: str) -> str:
    if language == "tr":
        message = _("In Turkish the decimal separator is a comma and thousands take dots: %s.")
    else:
        message = _("In English the decimal separator is a point and thousands take commas: %s.")
    return message % _example(language)


def _number(text: str, language: str) -> Decimal:
    decimal = SEPARATORS[language][0]
    if text.startswith(("-", "−")):
        raise AmountError(_("Enter an amount of zero or more, without a minus sign."))
    if not re.fullmatch(r"[0-9., ]+", text) or not re.search(r"\d", text):
        raise AmountError(
            _("Enter the amount in digits, e.g. %(example)s.") % {"example": _example(language)}
        )
    if text.count(decimal) > 1:
        raise AmountError(_wrong_separator(language))
    whole, separator, fraction = text.partition(decimal)
    if separator and not fraction.isdigit():
        raise AmountError(_wrong_separator(language))
    if len(fraction) > DECIMALS:
        raise AmountError(_("Give at most two digits after the decimal separator."))
    return Decimal(f"{_whole(whole, language) or '0'}.{fraction or '0'}")


def parse_amount(text: str, language: str) -> tuple[Decimal, str | None]:
    """The amount ``text`` means in ``language`` ("tr" or "en"), and the currency written
    with it if any; :class:`AmountError` with the person's message otherwise."""
    cleaned = SPACES.sub(" ", text).strip()
    if len(cleaned) > 40:
        raise AmountError(_("This amount is too long to be a sum of money."))
    number, currency = _currency(cleaned)
    value = _number(number.strip(), language)
    if value > LARGEST:
        raise AmountError(
            _("The amount is too large: at most %(largest)s.")
            % {"largest": format_number(LARGEST, language)}
        )
    return value.quantize(Decimal("0.01")), currency
