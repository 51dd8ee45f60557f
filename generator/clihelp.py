"""Command-line help in the user's language: click commands and options whose help is a `Msg`.

The help text is rendered when it is shown, after `--lang` (or FORMGEN_LANG) has set the language,
so `formgen build --help` is Japanese and `formgen --lang en build --help` English. The headings and
the help option that click prints itself are translated here too.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from generator.messages import Msg

HEADINGS = {
    "Usage: ": Msg("使い方: ", "Usage: "),
    "Options": Msg("オプション", "Options"),
    "Commands": Msg("コマンド", "Commands"),
    "Arguments": Msg("引数", "Arguments"),
}
EXTRAS = {"[default: ": Msg("[既定: ", "[default: "), "[required]": Msg("[必須]", "[required]")}
HELP_OPTION = Msg("このヘルプを表示して終了します。", "Show this message and exit.")


def _render(value: Any) -> Any:
    return value.render() if isinstance(value, Msg) else value


class Option(click.Option):
    def __init__(self, *args: Any, help: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._help = help

    @property
    def help(self) -> str | None:
        return _render(self._help)

    @help.setter
    def help(self, value: Any) -> None:
        self._help = value

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        if record is None:
            return None
        names, text = record
        for english, msg in EXTRAS.items():
            text = text.replace(english, msg.render())
        return names, text


class _Localised:
    """Mixin for click.Command and click.Group: help, short help and headings per language."""

    def __init__(self, *args: Any, help: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._help = help

    @property
    def help(self) -> str | None:
        return _render(self._help)

    @help.setter
    def help(self, value: Any) -> None:
        self._help = value

    @property
    def short_help(self) -> str | None:
        if self._short_help is None and isinstance(self._help, Msg):
            return self._help.render().split("\n")[0]
        return _render(self._short_help)

    @short_help.setter
    def short_help(self, value: Any) -> None:
        self._short_help = value

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION.render()
        return option

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), HEADINGS["Usage: "].render())

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [r for p in self.get_params(ctx)  # type: ignore[attr-defined]
                   if isinstance(p, click.Option) and (r := p.get_help_record(ctx)) is not None]
        if records:
            with formatter.section(HEADINGS["Options"].render()):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):  # type: ignore[attr-defined]
            command = self.get_command(ctx, name)  # type: ignore[attr-defined]
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=formatter.width - 6 - len(name))))
        if rows:
            with formatter.section(HEADINGS["Commands"].render()):
                formatter.write_dl(rows)


class Command(_Localised, click.Command):
    pass


class LazyGroup(_Localised, click.Group):
    """A group whose commands are imported only when used: `formgen --version` imports no schema."""

    command_class = Command

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            module, _, attribute = self.lazy[name].partition(":")
            return getattr(importlib.import_module(module), attribute)
        return super().get_command(ctx, name)


def option(*declarations: str, help: Msg, **kwargs: Any):
    return click.option(*declarations, cls=Option, help=help, **kwargs)
