"""The readiness self-assessment: the pure engine (``engine``: knowledge base, scoring,
recommendations; no Django), where it meets the database (``assessing``), and the pages
(``page``, ``views``)."""
