"""The ``microcred`` command: keys, issuing, status lists and verification offline."""

from microcred.cli.app import app

__all__ = ["app"]
