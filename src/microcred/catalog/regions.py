"""Regions by name: Türkiye's 81 provinces behind their ISO 3166-2 codes.

The EU elements name the awarding body's region by its ISO 3166-2 code (``TR-35``), which is
what a credential carries and a machine compares. People know "İzmir": the editor and the
registry's filter offer the provinces by name (a ``datalist``: any other country's code can
still be typed), and the certificate names it. The codes of Türkiye's provinces are their
licence-plate numbers, so the list is complete and stable.
"""

from __future__ import annotations

from microcred.catalog.text import fold

__all__ = ["TR_PROVINCES", "region_choices", "region_name"]

_NAMES = [
    "Adana",
    "Adıyaman",
    "Afyonkarahisar",
    "Ağrı",
    "Amasya",
    "Ankara",
    "Antalya",
    "Artvin",
    "Aydın",
    "Balıkesir",
    "Bilecik",
    "Bingöl",
    "Bitlis",
    "Bolu",
    "Burdur",
    "Bursa",
    "Çanakkale",
    "Çankırı",
    "Çorum",
    "Denizli",
    "Diyarbakır",
    "Edirne",
    "Elazığ",
    "Erzincan",
    "Erzurum",
    "Eskişehir",
    "Gaziantep",
    "Giresun",
    "Gümüşhane",
    "Hakkâri",
    "Hatay",
    "Isparta",
    "Mersin",
    "İstanbul",
    "İzmir",
    "Kars",
    "Kastamonu",
    "Kayseri",
    "Kırklareli",
    "Kırşehir",
    "Kocaeli",
    "Konya",
    "Kütahya",
    "Malatya",
    "Manisa",
    "Kahramanmaraş",
    "Mardin",
    "Muğla",
    "Muş",
    "Nevşehir",
    "Niğde",
    "Ordu",
    "Rize",
    "Sakarya",
    "Samsun",
    "Siirt",
    "Sinop",
    "Sivas",
    "Tekirdağ",
    "Tokat",
    "Trabzon",
    "Tunceli",
    "Şanlıurfa",
    "Uşak",
    "Van",
    "Yozgat",
    "Zonguldak",
    "Aksaray",
    "Bayburt",
    "Karaman",
    "Kırıkkale",
    "Batman",
    "Şırnak",
    "Bartın",
    "Ardahan",
    "Iğdır",
    "Yalova",
    "Karabük",
    "Kilis",
    "Osmaniye",
    "Düzce",
]

#: ``TR-01`` … ``TR-81`` → the province's name (the same in Turkish and English).
TR_PROVINCES: dict[str, str] = {f"TR-{n:02d}": name for n, name in enumerate(_NAMES, start=1)}


def region_name(code: str | None) -> str:
    """ "İzmir" for ``TR-35``; any other code as it is (we cannot name every country's)."""
    if not code:
        return ""
    return TR_PROVINCES.get(code.upper(), code)


def region_choices() -> list[tuple[str, str]]:
    """(code, name) for the datalist, sorted by name as Turkish readers sort them."""
    return sorted(TR_PROVINCES.items(), key=lambda pair: fold(pair[1]))
