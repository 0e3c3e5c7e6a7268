from tests.accounts.helpers import fast_passwords, static_sources

__all__ = ["fast_passwords", "static_sources"]
