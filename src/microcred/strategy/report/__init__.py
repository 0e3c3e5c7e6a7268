"""The strategy report: one context (``build``) for the HTML page and the PDF (``views``)."""
