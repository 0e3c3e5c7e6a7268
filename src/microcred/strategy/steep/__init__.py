"""STEEP: the scoring rule (``scoring``, pure), recording factors and sending them to the
canvas (``work``), the page and its matrix (``page``, ``views``)."""
