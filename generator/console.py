"""What every command shares about the terminal: the two consoles and the date option."""

from __future__ import annotations

import datetime as dt
import sys

import click
from rich.console import Console

from generator.messages import Msg

# Piped output (a file, a test, a log) is not cut at 80 columns: tables keep their Japanese titles whole.
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, highlight=False, soft_wrap=True, width=None if sys.stderr.isatty() else 200)


def iso_date(ctx, param, value: str | None) -> dt.date | None:
    """click callback: a YYYY-MM-DD option value as a date."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(Msg("YYYY-MM-DD の形で指定してください", "use YYYY-MM-DD").render()) from None
