"""``python -m microcred.cli``."""

from microcred.cli.app import app

app()
