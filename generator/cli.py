"""The `formgen` command. Every exception is mapped to its exit code here, and only here."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
import traceback
from pathlib import Path

import click
from rich.table import Table

from generator import __version__
from generator.catalogue import load_catalogue
from generator.console import err, iso_date, out, output_options
from generator.exceptions import ExitCode, FormgenError, InvalidInput
from generator.messages import Msg, set_language
from generator.deadlines.command import deadlines
from generator.followup import followup_command
from generator.pipeline import BuildOptions, CaseResult, build_many, discover_cases
from generator.scoring import score_command
from generator.watch import watch

DEFAULT_INBOX = Path("inbox")



def _say(message: Msg) -> str:
    return message.render()


def _exit_code(results: list[CaseResult]) -> int:
    codes = [int(r.error.exit_code) for r in results if r.error is not None]
    if not codes:
        return ExitCode.ok
    others = [c for c in codes if c != ExitCode.invalid_input]
    return max(others) if others else ExitCode.invalid_input


def _print_problems(result: CaseResult) -> None:
    for problem in result.problems:
        (err if problem.severity == "error" else out).print(problem.render(), markup=False)
    if result.error is not None and not isinstance(result.error, InvalidInput):
        err.print(f"{result.source}: {result.error.render()}", markup=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", type=click.Choice(["ja", "en"]), default=lambda: os.environ.get("FORMGEN_LANG", "ja"),
              show_default="ja", help="Language of messages (日本語 / English).")
@click.option("--debug", is_flag=True, help="Show the traceback of internal errors.")
@click.version_option(__version__, prog_name="formgen")
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
    cases = discover_cases(paths or (DEFAULT_INBOX,))
    if not cases:
        err.print(_say(Msg("ケースファイル（*.yaml）が見つかりません。", "no case files (*.yaml) found.")))
        sys.exit(ExitCode.invalid_input)
    options = BuildOptions(out_dir=out_dir, formats=formats, pdfa=pdfa, today=today, converters=converters)
    started = time.perf_counter()
    results = _build_with_progress(cases, options)
    _summary(results, time.perf_counter() - started)
    sys.exit(_exit_code(results))


def _build_with_progress(cases: list, options: BuildOptions) -> list[CaseResult]:
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
    from generator.pipeline import inspect_file

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
@click.argument("kind", required=False)
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the skeleton to this file (never overwrites an existing file).")
def new(kind: str | None, output: Path | None) -> None:
    """Print a YAML skeleton of KIND with every field and its Japanese label (without KIND: list the kinds)."""
    from generator.skeleton import kinds_listing, skeleton
    from schemas import KINDS

    if kind is None:
        table = Table(title=_say(Msg("ケースの種類（formgen new 種類）", "Case kinds (formgen new KIND)")))
        table.add_column("kind")
        table.add_column(_say(Msg("名称", "title")))
        for name, title in kinds_listing():
            table.add_row(name, title)
        out.print(table)
        return
    if kind not in KINDS:
        raise click.BadParameter(_say(Msg(f"種類「{kind}」はありません。次のいずれか: {', '.join(KINDS)}",
                                          f"unknown kind '{kind}'. Known kinds: {', '.join(KINDS)}")),
                                 param_hint="KIND")
    if output is None:
        click.echo(skeleton(kind), nl=False)
        return
    try:
        descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise click.UsageError(_say(Msg(f"{output} はすでにあります。上書きしないので、別のファイル名を指定してください。",
                                        f"{output} already exists; it is not overwritten: give another file name."))
                               ) from None
    except OSError as error:
        raise click.UsageError(_say(Msg(f"{output} を作れません: {error.strerror}",
                                        f"cannot create {output}: {error.strerror}"))) from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(skeleton(kind))
    out.print(_say(Msg(f"ひな形を書きました: {output}", f"skeleton written: {output}")), markup=False)


@cli.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_INBOX / ".schema", show_default=True)
def schema(out_dir: Path) -> None:
    """Write the JSON Schema of every kind (editors use it to complete and check case files)."""
    from generator.editor_schema import editor_schema
    from generator.skeleton import schema_file_name
    from schemas import KINDS

    out_dir.mkdir(parents=True, exist_ok=True)
    for kind, model in KINDS.items():
        path = out_dir / schema_file_name(kind)
        path.write_text(json.dumps(editor_schema(model), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        out.print(str(path), markup=False)


@cli.command()
@click.option("--json", "as_json", is_flag=True)
def forms(as_json: bool) -> None:
    """List the forms catalogue: official id, title, case kinds, 提出先."""
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
    out.print(table)


@cli.command("lint")
def lint_command() -> None:
    """Check that templates and schemas agree (for template authors)."""
    from generator.lint import lint

    findings = lint()
    for finding in findings:
        err.print(str(finding), markup=False)
    if findings:
        sys.exit(ExitCode.broken_template)
    out.print(_say(Msg("テンプレートとスキーマは一致しています。", "templates and schemas agree.")))


for command in (score_command, followup_command, watch, deadlines):
    cli.add_command(command)


def main() -> None:
    debug = "--debug" in sys.argv
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        err.print(_say(Msg("中断しました。", "interrupted.")))
        sys.exit(ExitCode.interrupted)
    except click.ClickException as error:
        error.show()
        sys.exit(ExitCode.usage)
    except FormgenError as error:
        err.print(error.render(), markup=False)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.exit(ExitCode.interrupted)
    except Exception:  # noqa: BLE001 - the last resort: report, never a bare traceback unless asked
        if debug:
            traceback.print_exc()
        err.print(_say(Msg("内部エラーです。--debug を付けて再実行し、表示内容を開発者に知らせてください。",
                           "internal error. Run again with --debug and report what it prints.")))
        sys.exit(ExitCode.internal)
