"""The public verification service: a page and an API that answer without an account."""
