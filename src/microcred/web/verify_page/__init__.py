"""The public verification page, kept here until the ``verification`` app takes it over.

Everything the page needs is in this package (form, upload limit, summary, view,
templates under ``templates/verify_page/``), so moving it is a rename, not a rewrite.
"""
