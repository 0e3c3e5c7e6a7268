"""Documents the wallet hands out: QR codes, LinkedIn links, the PDF certificate, the
Verifiable Presentation and the CLR 2.0 export.

Pure functions, no models and no views, so the wallet's views, its export job and the tests
all produce the same bytes. Import from the submodules (``documents.qr``,
``documents.linkedin``, ``documents.certificate``, ``documents.presentation``,
``documents.clr``): the certificate pulls in WeasyPrint, which is heavy to import, and a
process that only shares links should not pay for it.
"""
