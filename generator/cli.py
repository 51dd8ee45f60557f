"""The `formgen` command. Every exception is mapped to its exit code here, and only here.

Start-up is kept short: a command imports the pipeline, the schemas and the converters when it runs, and
the commands defined in other modules are imported only when invoked (or listed by --help).
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import sys
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator import console
from generator.console import iso_date, output_options
from generator.exceptions import ExitCode, FormgenError, InvalidInput
from generator.messages import Msg, set_language

if TYPE_CHECKING:
    from generator.pipeline import BuildOptions, CaseResult

DEFAULT_INBOX = Path("inbox")
COMMANDS_ELSEWHERE = {
    "score": "generator.scoring:score_command",
    "followup": "generator.followup:followup_command",
    "watch": "generator.watch:watch",
    "deadlines": "generator.deadlines.command:deadlines",
}


class LazyGroup(click.Group):
    """A group whose commands from other modules (name -> "module:attribute") are imported when used."""

    def __init__(self, *args, lazy_commands: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy_commands and name not in self.commands:
            module, attribute = self.lazy_commands[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)



def _say(message: Msg) -> str:
    return message.render()


def _exit_code(results: list[CaseResult]) -> int:
    codes = [int(r.error.exit_code) for r in results if r.error is not None]
    if not codes:
        return ExitCode.ok
    others = [c for c in codes if c != ExitCode.invalid_input]
    return max(others) if others else ExitCode.invalid_input


def _print_problems(result: CaseResult) -> None:
    out, err = console.out, console.err
    for problem in result.problems:
        (err if problem.severity == "error" else out).print(problem.render(), markup=False)
    if result.error is not None and not isinstance(result.error, InvalidInput):
        err.print(f"{result.source}: {result.error.render()}", markup=False)


@click.group(cls=LazyGroup, lazy_commands=COMMANDS_ELSEWHERE, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", type=click.Choice(["ja", "en"]), default=lambda: os.environ.get("FORMGEN_LANG", "ja"),
              show_default="ja", help="Language of messages (日本語 / English).")
@click.option("--debug", is_flag=True, help="Show the traceback of internal errors.")
@click.version_option(package_name="formgen", prog_name="formgen")
@click.pass_context
def cli(ctx: click.Context, lang: str, debug: bool) -> None:
    """formgen: YAML case files in, official Japanese filing documents out.

    \b
    Exit codes: 0 ok, 1 invalid input, 2 usage error, 3 LibreOffice failed,
    4 output not writable, 5 broken form template, 70 internal error, 130 interrupted.
    """
    set_language(lang)
    ctx.obj = {"debug": debug}


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@output_options
@click.option("--today", callback=iso_date, help="Date for 'today' on forms and deadlines (YYYY-MM-DD).")
def build(paths: tuple[Path, ...], out_dir: Path, formats: str, pdfa: bool, converters: str | None,
          today: dt.date | None) -> None:
    """Build the forms of every case file in PATHS (files or folders; default inbox/)."""
    from generator.pipeline import BuildOptions, discover_cases

    cases = discover_cases(paths or (DEFAULT_INBOX,))
    if not cases:
        console.err.print(_say(Msg("ケースファイル（*.yaml）が見つかりません。", "no case files (*.yaml) found.")))
        sys.exit(ExitCode.invalid_input)
    options = BuildOptions(out_dir=out_dir, formats=formats, pdfa=pdfa, today=today, converters=converters)
    started = time.perf_counter()
    results = _build_with_progress(cases, options)
    _summary(results, time.perf_counter() - started)
    sys.exit(_exit_code(results))


def _build_with_progress(cases: list, options: BuildOptions) -> list[CaseResult]:
    from generator.pipeline import build_many

    err = console.err
    if len(cases) < 2 or not err.is_terminal:
        return build_many(cases, options, on_done=_print_problems)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task(_say(Msg("作成中", "building")), total=len(cases))

        def done(result: CaseResult) -> None:
            _print_problems(result)
            progress.advance(task)

        return build_many(cases, options, on_done=done)


def _document_count(result: CaseResult) -> int:
    return sum(name.endswith((".docx", ".pdf")) and name != "packet.pdf" and not name.startswith("deadlines")
               for name in result.documents)


def _summary(results: list[CaseResult], seconds: float | None = None) -> None:
    from rich.table import Table

    out, err = console.out, console.err
    table = Table(title=_say(Msg("作成結果", "Build summary")))
    table.add_column(_say(Msg("ケース", "case")))
    table.add_column(_say(Msg("結果", "result")))
    table.add_column(_say(Msg("書類", "documents")), justify="right")
    table.add_column(_say(Msg("秒", "seconds")), justify="right")
    for result in results:
        status = Msg("作成", "built") if result.ok else Msg("失敗", "failed")
        table.add_row(result.case_id or str(result.source), status.render(),
                      str(_document_count(result)), f"{result.seconds:.2f}")
    out.print(table)
    built = sum(r.ok for r in results)
    documents = sum(_document_count(r) for r in results)
    took = f"{seconds:.1f}" if seconds is not None else f"{sum(r.seconds for r in results):.1f}"
    out.print(_say(Msg(f"作成 {built} 件 / 失敗 {len(results) - built} 件、書類 {documents} 点、{took} 秒",
                       f"{built} built, {len(results) - built} failed, {documents} documents, {took} s")))
    failed = [r for r in results if not r.ok]
    if failed:
        err.print(_say(Msg("失敗したケース:", "failed cases:")))
        for result in failed:
            first_line = result.error.message.render().splitlines()[0] if result.error else ""
            err.print(f"  {result.source}: {first_line}", markup=False)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
def validate(paths: tuple[Path, ...], as_json: bool) -> None:
    """Check case files (format and requirements) without writing anything."""
    from generator.pipeline import discover_cases, inspect_file

    out, err = console.out, console.err
    report, failed = [], False
    for path, root in discover_cases(paths):
        problems = inspect_file(path, root)
        failed |= any(p.severity == "error" for p in problems)
        report.append({"file": str(path), "problems": [p.as_dict() for p in problems]})
        if not as_json:
            for problem in problems:
                (err if problem.severity == "error" else out).print(problem.render(), markup=False)
            if not any(p.severity == "error" for p in problems):
                out.print(_say(Msg(f"{path}: OK", f"{path}: OK")), markup=False)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    sys.exit(ExitCode.invalid_input if failed else ExitCode.ok)


@cli.command()
@click.argument("kind")
def new(kind: str) -> None:
    """Print a YAML skeleton of KIND with every field and its Japanese label."""
    from generator.skeleton import skeleton
    from schemas import KINDS

    if kind not in KINDS:
        raise click.BadParameter(_say(Msg(f"種類「{kind}」はありません。次のいずれか: {', '.join(KINDS)}",
                                          f"unknown kind '{kind}'. Known kinds: {', '.join(KINDS)}")),
                                 param_hint="KIND")
    click.echo(skeleton(kind), nl=False)


@cli.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_INBOX / ".schema", show_default=True)
def schema(out_dir: Path) -> None:
    """Write the JSON Schema of every kind (editors use it to complete and check case files)."""
    from generator.skeleton import schema_file_name
    from schemas import KINDS

    out_dir.mkdir(parents=True, exist_ok=True)
    for kind, model in KINDS.items():
        path = out_dir / schema_file_name(kind)
        path.write_text(json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        console.out.print(str(path), markup=False)


@cli.command()
@click.option("--json", "as_json", is_flag=True)
def forms(as_json: bool) -> None:
    """List the forms catalogue: official id, title, case kinds, 提出先."""
    from rich.table import Table

    from generator.catalogue import load_catalogue

    catalogue = load_catalogue()
    if as_json:
        click.echo(json.dumps([f.model_dump(mode="json", exclude={"folder"}) for f in catalogue],
                              ensure_ascii=False, indent=2))
        return
    table = Table(title=_say(Msg("様式一覧", "Forms")))
    for column in (Msg("ID", "id"), Msg("様式番号", "official id"), Msg("名称", "title"),
                   Msg("ケースの種類", "kinds"), Msg("提出先", "submit to")):
        table.add_column(column.render())
    for form in catalogue:
        table.add_row(form.id, form.official_id, form.title, ", ".join(form.kinds),
                      form.submit_to.name if form.submit_to else (form.addressee or ""))
    console.out.print(table)


@cli.command("lint")
def lint_command() -> None:
    """Check that templates and schemas agree (for template authors)."""
    from generator.lint import lint

    findings = lint()
    for finding in findings:
        console.err.print(str(finding), markup=False)
    if findings:
        sys.exit(ExitCode.broken_template)
    console.out.print(_say(Msg("テンプレートとスキーマは一致しています。", "templates and schemas agree.")))


def main() -> None:
    debug = "--debug" in sys.argv
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        console.err.print(_say(Msg("中断しました。", "interrupted.")))
        sys.exit(ExitCode.interrupted)
    except click.ClickException as error:
        error.show()
        sys.exit(ExitCode.usage)
    except FormgenError as error:
        console.err.print(error.render(), markup=False)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.exit(ExitCode.interrupted)
    except Exception:  # noqa: BLE001 - the last resort: report, never a bare traceback unless asked
        if debug:
            traceback.print_exc()
        console.err.print(_say(Msg("内部エラーです。--debug を付けて再実行し、表示内容を開発者に知らせてください。",
                           "internal error. Run again with --debug and report what it prints.")))
        sys.exit(ExitCode.internal)
