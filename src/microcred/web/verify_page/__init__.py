"""What is left of the first verify page: the credential summary (used by the wallet).

The page itself now lives in :mod:`microcred.verification` (views, form, upload handler,
templates); :mod:`.summary` stays here because other apps import it from this place.
"""
