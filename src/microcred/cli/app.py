"""The command tree. Each sub-command lives in its own module."""

from __future__ import annotations

import typer

from microcred.cli import keys, status
from microcred.cli.issue import issue
from microcred.cli.verify import verify

app = typer.Typer(
    name="microcred",
    help="Issue and verify Open Badges 3.0 micro-credentials, offline.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(keys.app, name="keys")
app.add_typer(status.app, name="status")
app.command()(issue)
app.command()(verify)
