"""The Opportunity Scoping canvas: the document (``document``), changing it (``editing``), its
checks, the history's comparison (``diff``), the page (``page``, ``views``) and the live
platform values beside its indicators (``metrics``)."""
