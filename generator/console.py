"""What every command shares about the terminal: the two consoles and the date option.

`out` and `err` are made when first used (rich costs start-up time that `formgen --version` need not pay).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from generator.messages import Msg
from generator.outbox import FORMATS


def _console(stderr: bool):
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    # Piped output (a file, a test, a log) is not cut at 80 columns: tables keep their Japanese titles whole.
    return Console(stderr=stderr, highlight=False, soft_wrap=True, width=None if stream.isatty() else 200)


def __getattr__(name: str):
    if name not in ("out", "err"):
        raise AttributeError(f"module 'generator.console' has no attribute {name!r}")
    console = globals()[name] = _console(stderr=name == "err")
    return console


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
