"""Elements the element tests and the interop tests share: a bilingual specification."""

from __future__ import annotations

from typing import Any

from microcred.vc.elements import (
    MicroCredentialElements,
    Translation,
)


def bilingual(el: MicroCredentialElements, **changes: Any) -> MicroCredentialElements:
    translation = Translation(
        language="en",
        title="Data Literacy",
        description="Reading, cleaning and presenting data.",
        learning_outcomes=("Explains statistical charts.", "Cleans a small data set."),
    )
    return el.model_copy(
        update={
            "title": "Veri Okuryazarlığı",
            "learning_outcomes": (
                "İstatistik grafiklerini açıklar.",
                "Küçük bir veri setini temizler.",
            ),
            "text_language": "tr",
            "translations": (translation,),
            **changes,
        }
    )
