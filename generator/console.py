"""What every command shares about the terminal: the two consoles and the date option."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from rich.console import Console

from generator.messages import Msg


class _Console:
    """A rich Console made when first used: rich costs start-up time that `formgen --version` need not pay."""

    def __init__(self, stderr: bool):
        self._stderr = stderr
        self._console: Console | None = None

    def __getattr__(self, name: str):
        if self._console is None:
            from rich.console import Console

            stream = sys.stderr if self._stderr else sys.stdout
            # Piped output (a file, a test, a log) is not cut at 80 columns: tables keep their titles whole.
            self._console = Console(stderr=self._stderr, highlight=False, soft_wrap=True,
                                    width=None if stream.isatty() else 200)
        return getattr(self._console, name)


out = _Console(stderr=False)
err = _Console(stderr=True)


def iso_date(ctx, param, value: str | None) -> dt.date | None:
    """click callback: a YYYY-MM-DD option value as a date."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(Msg("YYYY-MM-DD の形で指定してください", "use YYYY-MM-DD").render()) from None
