"""What every command shares about the terminal: the two consoles and the date option."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

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


def output_options(command):
    """The options `build` and `watch` share: where to write, which formats, which converters."""
    from generator.pipeline import FORMATS

    options = [
        click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("outbox"),
                     show_default=True, help="Output folder."),
        click.option("--format", "formats", type=click.Choice(FORMATS),
                     default=lambda: os.environ.get("FORMGEN_FORMAT", "both"), show_default="both",
                     help="Documents to write: DOCX, PDF (and packet.pdf), or both (env FORMGEN_FORMAT)."),
        click.option("--pdfa", is_flag=True, help="Write PDF/A-2b (for archiving)."),
        click.option("--converters", metavar="HOST:PORT,...",
                     help="Remote LibreOffice converters (unoserver) to use instead of starting local ones "
                          "(env FORMGEN_CONVERTERS, formgen.toml [converters] endpoints)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command
