"""The `formgen` command. Every exception is mapped to its exit code here, and only here.

Commands read, check and build cases through generator/api.py; their help is a `Msg` (Japanese, or
English with --lang en). Heavy modules are imported inside the commands, so that `formgen --version`
and `--help` start at once. Commands that live with their feature are listed in LAZY_COMMANDS.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import json
import os
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import click

from generator.clihelp import LazyGroup, Option, option
from generator.console import err, iso_date, out
from generator.exceptions import ExitCode, FormgenError
from generator.messages import Msg, set_language

DEFAULT_INBOX = Path("inbox")
FORMATS = ("docx", "pdf", "both")  # generator.settings.FORMATS, spelled out so that --help imports no pydantic
LAZY_COMMANDS: dict[str, str] = {
    "serve": "generator.web.command:serve",
    "sheet": "generator.sheets.commands:sheet_command",
    "import": "generator.sheets.commands:import_command",
    "export": "generator.sheets.commands:export_command",
}
"""Commands defined beside their feature: name → "module:attribute"."""

EXIT_CODES = Msg(
    "終了コード: 0 成功、1 入力の誤り、2 使い方の誤り、3 LibreOffice の失敗、4 出力できない、5 様式の不備、"
    "6 設定の誤り、70 内部エラー、130 中断。",
    "Exit codes: 0 ok, 1 invalid input, 2 usage error, 3 LibreOffice failed, 4 output not writable, "
    "5 broken form template, 6 wrong setting, 70 internal error, 130 interrupted.")


@dataclass
class Run:
    """What the top-level options decided, for every command of this run."""

    config: Path | None
    lang: str | None
    debug: bool

    def settings(self, **given: Any):
        """The run's settings: the command's options > FORMGEN_* > the config file (also activates them)."""
        from generator.settings import activate, load_settings

        settings = load_settings({"lang": self.lang, **given}, self.config)
        set_language(settings.lang)
        return activate(settings, self.config)


def _run(ctx: click.Context) -> Run:
    return ctx.find_object(Run) or Run(None, None, False)


@click.group(cls=LazyGroup, lazy=LAZY_COMMANDS, context_settings={"help_option_names": ["-h", "--help"]},
             help=Msg("formgen: ケースファイル（YAML）から外国人材の受入れに関する公式の提出書類を作ります。\n\n"
                      f"\b\n{EXIT_CODES.ja}",
                      "formgen: YAML case files in, official Japanese filing documents out.\n\n"
                      f"\b\n{EXIT_CODES.en}"))
@option("--lang", type=click.Choice(["ja", "en"]), default=None,
        help=Msg("メッセージの言語（既定 ja、環境変数 FORMGEN_LANG）。", "Language of messages (default ja; env FORMGEN_LANG)."))
@option("--config", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help=Msg("設定ファイル（既定 ~/.config/formgen/formgen.toml）。", "Config file (default ~/.config/formgen/formgen.toml)."))
@option("--debug", is_flag=True, help=Msg("内部エラーのトレースバックを表示します。", "Show the traceback of internal errors."))
@click.version_option(package_name="formgen", prog_name="formgen", cls=Option,
                      help=Msg("バージョンを表示して終了します。", "Show the version and exit."))
@click.pass_context
def cli(ctx: click.Context, lang: str | None, config: Path | None, debug: bool) -> None:
    ctx.obj = Run(config, lang, debug)
    ctx.obj.settings()


def today_option(command):
    return option("--today", callback=iso_date, metavar="YYYY-MM-DD",
                  help=Msg("「今日」とする日付（YYYY-MM-DD、書類の日付と期限の状態に使う）。",
                           "Date used as today on forms and deadlines (YYYY-MM-DD)."))(command)


def output_options(command):
    """The options `build` and `watch` share: where to write, which formats, which converters."""
    for decorator in reversed([
        option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("outbox"),
               show_default=True, help=Msg("出力フォルダ。", "Output folder.")),
        option("--format", "formats", type=click.Choice(FORMATS), default=None,
               help=Msg("作る形式: docx / pdf（と packet.pdf）/ both（既定 both、設定 format）。",
                        "Documents to write: docx, pdf (and packet.pdf) or both (default both; setting format).")),
        option("--pdfa", is_flag=True, default=None,
               help=Msg("PDF を長期保存用の PDF/A-2b にします。", "Write PDF/A-2b (for archiving).")),
        option("--converters", metavar="HOST:PORT,...",
               help=Msg("このマシンで LibreOffice を起動する代わりに使う変換サーバー（unoserver）。",
                        "Remote LibreOffice converters (unoserver) to use instead of starting local ones.")),
        option("--output-mode", type=click.Choice(["private", "group"]), default=None,
               help=Msg("出力の権限: private（所有者だけ、既定）/ group（グループも読める）。",
                        "Output permissions: private (owner only, default) or group (group may read).")),
    ]):
        command = decorator(command)
    return command


def _build_settings(ctx: click.Context, formats: str | None, pdfa: bool | None, converters: str | None,
                    output_mode: str | None):
    settings = _run(ctx).settings(format=formats, pdfa=pdfa, converters=converters, output_mode=output_mode)
    if settings.converters and settings.format != "docx":
        from generator.settings import origin_of

        where = origin_of("converters", {"converters": converters}, _run(ctx).config)
        err.print(Msg(f"変換サーバー: {', '.join(settings.converters)}（{where}）。DOCX はこれらのサーバーに送られます。",
                      f"converters: {', '.join(settings.converters)} ({where}); the DOCX files are sent to them.").render(),
                  markup=False)
    return settings


def print_problems(problems, *, skip_warnings: bool = False) -> None:
    for problem in problems:
        if problem.severity == "error":
            err.print(problem.render(), markup=False)
        elif not skip_warnings:
            out.print(problem.render(), markup=False)


def _print_result(result) -> None:
    from generator.exceptions import InvalidInput

    print_problems(result.problems)
    error = result.error
    if error is None:
        return
    if not isinstance(error, InvalidInput) or not error.problems:  # located problems were printed above
        err.print(f"{result.source}: {error.render()}", markup=False)
    if error.__cause__ is not None and "--debug" in sys.argv:
        traceback.print_exception(error.__cause__)


@cli.command(help=Msg(
    "PATHS（ファイルまたはフォルダ、既定 inbox/）のケースファイルから書類を作ります。",
    "Build the forms of every case file in PATHS (files or folders; default inbox/)."))
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@output_options
@today_option
@option("--force", is_flag=True,
        help=Msg("変更のないケースも作り直します（既定では、入力・様式・設定が前回と同じで出力がそろっているケースは飛ばします）。",
                 "Rebuild every case, also those whose inputs, forms and settings are unchanged and whose outputs are intact."))
@click.pass_context
def build(ctx: click.Context, paths: tuple[Path, ...], out_dir: Path, formats: str | None, pdfa: bool | None,
          converters: str | None, output_mode: str | None, today: dt.date | None, force: bool) -> None:
    from generator import api

    settings = _build_settings(ctx, formats, pdfa, converters, output_mode)
    cases = api.check_paths(paths or (DEFAULT_INBOX,))
    print_problems(cases.problems)
    if not cases.cases:
        err.print(Msg("ケースファイル（*.yaml）が見つかりません。", "no case files (*.yaml) found.").render())
        sys.exit(ExitCode.invalid_input)
    started = time.perf_counter()
    report = _build_with_progress(cases, api.options_from(settings, out_dir, today), settings, force)
    _summary(report.results, time.perf_counter() - started)
    if report.outbox_error is not None:
        err.print(report.outbox_error.render(), markup=False)
    sys.exit(report.exit_code)


def _build_with_progress(cases, options, settings, force: bool = False):
    from generator import api

    if len(cases.cases) < 2 or not err.is_terminal:
        return api.build(cases, options, settings=settings, on_done=_print_result, force=force)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=cast("Console", err), transient=True) as progress:
        task = progress.add_task(Msg("作成中", "building").render(), total=len(cases.cases))

        def done(result) -> None:
            _print_result(result)
            progress.advance(task)

        return api.build(cases, options, settings=settings, on_done=done, force=force)


def _document_count(result) -> int:
    return sum(name.endswith((".docx", ".pdf")) and name != "packet.pdf" and not name.startswith("deadlines")
               for name in result.documents)


def _summary(results, seconds: float) -> None:
    from rich.table import Table

    table = Table(title=Msg("作成結果", "Build summary").render())
    for column in (Msg("ケース", "case"), Msg("結果", "result")):
        table.add_column(column.render())
    for column in (Msg("書類", "documents"), Msg("秒", "seconds")):
        table.add_column(column.render(), justify="right")
    for result in results:
        status = (Msg("変更なし", "unchanged") if result.skipped else Msg("作成", "built")) if result.ok \
            else Msg("失敗", "failed")
        table.add_row(result.case_id or str(result.source), status.render(),
                      str(_document_count(result)), f"{result.seconds:.2f}")
    out.print(table)
    built = sum(r.ok and not r.skipped for r in results)
    skipped = sum(r.skipped for r in results)
    failed_count = sum(not r.ok for r in results)
    documents = sum(_document_count(r) for r in results if not r.skipped)
    unchanged = Msg(f"（変更なし {skipped} 件）" if skipped else "", f" ({skipped} unchanged)" if skipped else "")
    out.print(Msg(f"作成 {built} 件 / 失敗 {failed_count} 件、書類 {documents} 点、{seconds:.1f} 秒{unchanged.ja}",
                  f"{built} built, {failed_count} failed, {documents} documents, {seconds:.1f} s{unchanged.en}").render())
    failed = [r for r in results if not r.ok]
    if failed:
        err.print(Msg("失敗したケース:", "failed cases:").render())
        for result in failed:
            first_line = result.error.message.render().splitlines()[0] if result.error else ""
            err.print(f"  {result.source}: {first_line}", markup=False)


@cli.command(help=Msg(
    "ケースファイルを検査します（形式と要件）。何も書き出しません。",
    "Check case files (format and requirements) without writing anything."))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@option("--json", "as_json", is_flag=True, help=Msg("問題を JSON で表示します。", "Print the problems as JSON."))
def validate(paths: tuple[Path, ...], as_json: bool) -> None:
    from generator import api

    cases = api.check_paths(paths)
    failed = bool(cases.problems) or any(c.errors for c in cases.cases)
    if as_json:
        report: list[dict[str, Any]] = [{"file": str(c.source.path), "problems": [p.as_dict() for p in c.problems]}
                                        for c in cases.cases]
        report += [{"file": str(p.position.file) if p.position else None, "problems": [p.as_dict()]}
                   for p in cases.problems]
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print_problems(cases.problems)
        for checked in cases.cases:
            print_problems(checked.problems)
            if not checked.errors:
                out.print(f"{checked.source.path}: OK", markup=False)
    sys.exit(ExitCode.invalid_input if failed else ExitCode.ok)


@cli.command(help=Msg(
    "KIND のひな形（すべての項目と日本語名をコメントにした YAML）を表示します。KIND を省くと種類の一覧。",
    "Print a YAML skeleton of KIND with every field and its Japanese label (without KIND: list the kinds)."))
@click.argument("kind", required=False)
@option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
        help=Msg("ひな形をこのファイルに書きます（あるファイルは上書きしません）。",
                 "Write the skeleton to this file (never overwrites an existing file)."))
def new(kind: str | None, output: Path | None) -> None:
    from generator.skeleton import kinds_listing, skeleton
    from schemas import KINDS

    if kind is None:
        from rich.table import Table

        table = Table(title=Msg("ケースの種類（formgen new 種類）", "Case kinds (formgen new KIND)").render())
        table.add_column("kind")
        table.add_column(Msg("名称", "title").render())
        for name, title in kinds_listing():
            table.add_row(name, title)
        out.print(table)
        return
    if kind not in KINDS:
        raise click.BadParameter(Msg(f"種類「{kind}」はありません。次のいずれか: {', '.join(KINDS)}",
                                     f"unknown kind '{kind}'. Known kinds: {', '.join(KINDS)}").render(),
                                 param_hint="KIND")
    if output is None:
        click.echo(skeleton(kind), nl=False)
        return
    _write_new_file(output, skeleton(kind))
    out.print(Msg(f"ひな形を書きました: {output}", f"skeleton written: {output}").render(), markup=False)


def _write_new_file(output: Path, text: str) -> None:
    try:
        descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise click.UsageError(Msg(f"{output} はすでにあります。上書きしないので、別のファイル名を指定してください。",
                                   f"{output} already exists; it is not overwritten: give another file name.").render()
                               ) from None
    except OSError as error:
        raise click.UsageError(Msg(f"{output} を作れません: {error.strerror}",
                                   f"cannot create {output}: {error.strerror}").render()) from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)


@cli.command(help=Msg(
    "種類ごとの JSON Schema を書き出します（エディタの補完とチェックに使います）。",
    "Write the JSON Schema of every kind (editors use it to complete and check case files)."))
@option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_INBOX / ".schema",
        show_default=True, help=Msg("書き出すフォルダ。", "Folder to write to."))
def schema(out_dir: Path) -> None:
    from generator.editor_schema import editor_schema
    from generator.skeleton import schema_file_name
    from schemas import KINDS

    out_dir.mkdir(parents=True, exist_ok=True)
    for kind, model in KINDS.items():
        path = out_dir / schema_file_name(kind)
        path.write_text(json.dumps(editor_schema(model), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        out.print(str(path), markup=False)


@cli.command(help=Msg(
    "様式の一覧（様式番号・名称・ケースの種類・提出先）を表示します。",
    "List the forms catalogue: official id, title, case kinds, office."))
@option("--json", "as_json", is_flag=True, help=Msg("JSON で表示します。", "Print JSON."))
def forms(as_json: bool) -> None:
    from rich.table import Table

    from generator.catalogue import load_catalogue

    catalogue = load_catalogue()
    if as_json:
        click.echo(json.dumps([f.model_dump(mode="json", exclude={"folder"}) for f in catalogue],
                              ensure_ascii=False, indent=2))
        return
    table = Table(title=Msg("様式一覧", "Forms").render())
    for column in (Msg("ID", "id"), Msg("様式番号", "official id"), Msg("名称", "title"),
                   Msg("ケースの種類", "kinds"), Msg("提出先", "submit to"), Msg("版", "edition")):
        table.add_column(column.render())
    for form in catalogue:
        table.add_row(form.id, form.official_id, form.title, ", ".join(form.kinds),
                      form.submit_to.name if form.submit_to else (form.addressee or ""), _edition_of(form))
    out.print(table)


def _edition_of(form) -> str:
    """The edition, with the filing days it is used for when it has a period."""
    edition = form.edition or "—"
    if form.valid_from or form.valid_until:
        edition += f"（{form.valid_from or ''}〜{form.valid_until or ''}）"
    return edition


@cli.command("lint", help=Msg(
    "テンプレートとスキーマの整合を確かめます（テンプレート作成者向け）。",
    "Check that templates and schemas agree (for template authors)."))
def lint_command() -> None:
    from generator.lint import lint

    findings = lint()
    for finding in findings:
        err.print(str(finding), markup=False)
    if findings:
        sys.exit(ExitCode.broken_template)
    out.print(Msg("テンプレートとスキーマは一致しています。", "templates and schemas agree.").render())


@cli.command("deadlines", help=Msg(
    "PATHS（既定 inbox/）のケースの期限を日付順に表示します。",
    "List the deadlines of the case files in PATHS (default inbox/), sorted by date."))
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@today_option
@option("--within", type=click.IntRange(min=0), default=None,
        help=Msg("期限超過と、法定の期限まで DAYS 日以内のものだけ。", "Only what is overdue or due within DAYS days."))
@option("--json", "as_json", is_flag=True, help=Msg("表の代わりに JSON で表示します。", "Print JSON instead of a table."))
def deadlines_command(paths: tuple[Path, ...], today: dt.date | None, within: int | None, as_json: bool) -> None:
    from generator import api
    from generator.deadlines.command import print_deadlines

    today = today or dt.date.today()
    cases = api.check_paths(paths or (DEFAULT_INBOX,))
    print_problems(cases.problems)
    for checked in cases.cases:
        print_problems(checked.problems, skip_warnings=True)
    print_deadlines(api.deadlines_of(cases, today), today, within, as_json)
    failed = bool(cases.problems) or any(c.errors for c in cases.cases)
    sys.exit(ExitCode.invalid_input if failed else ExitCode.ok)


@cli.command("score", help=Msg(
    "優良要件の得点: 監理団体・実習実施者の記録（kind score_supervising_org / score_implementer）を採点します。",
    "優良要件 score of a 監理団体 or 実習実施者 record (kind score_supervising_org / score_implementer)."))
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@option("--json", "as_json", is_flag=True, help=Msg("JSON で表示します。", "Print JSON."))
def score_command(path: Path, as_json: bool) -> None:
    from generator import api
    from generator.scoring import TABLES, score_as_dict, score_lines, score_record

    checked = _one_record(api.check_paths([path]), tuple(TABLES))
    score = score_record(checked.case)
    click.echo(json.dumps(score_as_dict(score), ensure_ascii=False, indent=2) if as_json
               else "\n".join(score_lines(score)))


def _one_record(cases, kinds: tuple[str, ...]):
    from generator.exceptions import InvalidInput

    checked = cases.cases[0]
    if checked.errors:
        raise InvalidInput(Msg("記録に誤りがあります", "the record has errors"), checked.problems)
    print_problems(checked.warnings)
    if checked.kind not in kinds:
        raise InvalidInput(Msg(f"{checked.source.path}: 種類「{checked.kind}」は対象外です（{', '.join(kinds)} のいずれか）。",
                               f"{checked.source.path}: kind '{checked.kind}' is not accepted here "
                               f"(one of {', '.join(kinds)})."))
    return checked


@cli.command("followup", help=Msg(
    "帰国後フォローアップ: PATHS（既定 inbox/）のフォローアップ記録（kind followup_record）の一覧。",
    "帰国後フォローアップ: list the follow-up records (kind followup_record) in PATHS (default inbox/)."))
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@option("--interval", "interval_months", type=click.IntRange(1, 24), default=6, show_default=True,
        help=Msg("連絡の間隔（月）。記録の contact_interval_months が優先します。",
                 "Months between contacts (a record's contact_interval_months wins)."))
@today_option
@option("--json", "as_json", is_flag=True, help=Msg("JSON で表示します。", "Print JSON."))
def followup_command(paths: tuple[Path, ...], interval_months: int, today: dt.date | None, as_json: bool) -> None:
    from generator import api
    from generator.followup import KIND, follow, report_dict, report_lines
    from schemas.followup import FollowupRecord

    today = today or dt.date.today()
    cases = api.check_paths(paths or (DEFAULT_INBOX,))
    records = [c for c in cases.cases if c.kind == KIND]
    for checked in records:
        print_problems(checked.problems, skip_warnings=True)
    rows = [follow(c.case, c.source.path, interval_months, today) for c in records if isinstance(c.case, FollowupRecord)]
    if as_json:
        click.echo(json.dumps(report_dict(rows, today), ensure_ascii=False, indent=2))
    elif rows:
        click.echo("\n".join(report_lines(rows, today)))
    else:
        err.print(Msg("フォローアップ記録（kind: followup_record）が見つかりません。",
                      "no follow-up records (kind: followup_record) found.").render())
    if any(c.errors for c in records):
        sys.exit(ExitCode.invalid_input)


@cli.command("watch", help=Msg(
    "INBOX（既定 inbox/）を見張り、保存・コピー・移動されたケースファイルから書類を作ります。",
    "Watch INBOX (default inbox/) and build each case file saved, copied or moved into it."))
@click.argument("inbox", required=False, default="inbox", type=click.Path(file_okay=False, path_type=Path))
@output_options
@option("--polling", is_flag=True,
        help=Msg("OS の通知の代わりにフォルダを定期的に調べます（ネットワークドライブ・WSL・コンテナ）。",
                 "Poll the folder instead of OS events (network drives, WSL, container volumes)."))
@option("--settle", type=click.FloatRange(0.05), default=1.0, metavar="SECONDS", show_default=True,
        help=Msg("ファイルを読む前に、大きさと時刻が変わらないことを待つ秒数。",
                 "Seconds a file's size and time must stay unchanged before it is read."))
@option("--rescan", "rescan_every", type=click.FloatRange(0), default=120.0, metavar="SECONDS", show_default=True,
        help=Msg("受信箱と出力を丸ごと比べ直す間隔（秒、0 は起動時だけ）。",
                 "Seconds between full comparisons of inbox and outbox (0: only at start)."))
@click.pass_context
def watch_command(ctx: click.Context, inbox: Path, out_dir: Path, formats: str | None, pdfa: bool | None,
                  converters: str | None, output_mode: str | None, polling: bool, settle: float,
                  rescan_every: float) -> None:
    from generator import api
    from generator.watch import Watcher, WatchSettings

    if not inbox.is_dir():
        raise click.BadParameter(Msg(f"フォルダ {inbox} がありません。", f"folder {inbox} does not exist.").render(),
                                 param_hint="INBOX")
    settings = _build_settings(ctx, formats, pdfa, converters, output_mode)
    watch_settings = WatchSettings(inbox=inbox, options=api.options_from(settings, out_dir), settings=settings,
                                   settle=settle, rescan_every=rescan_every, polling=polling, debug=_run(ctx).debug)
    Watcher(watch_settings).run()


def _error_text(error: click.ClickException) -> str:
    return Msg(f"エラー: {error.format_message()}", f"Error: {error.format_message()}").render()


def _exit_interrupted() -> None:
    if converters := sys.modules.get("generator.libreoffice"):  # loaded only when a build converted
        converters.leave_if_signalled(ExitCode.interrupted)
    sys.exit(ExitCode.interrupted)


M_ARENA_MAX = -8  # glibc's malloc.h


def _fewer_malloc_arenas() -> None:
    """glibc gives threads that allocate at once malloc arenas of their own (up to 8 a core), and a build's
    case and conversion threads then keep a fifth more memory than they use (measured: 184 → 146 MiB for
    40 cases). Two arenas hold it, at no cost in time. MALLOC_ARENA_MAX in the environment wins."""
    if "MALLOC_ARENA_MAX" in os.environ or not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None).mallopt(M_ARENA_MAX, 2)  # another C library without the option ignores it
    except (OSError, AttributeError):
        pass


def main() -> None:
    debug = "--debug" in sys.argv
    _fewer_malloc_arenas()
    try:
        cli.main(standalone_mode=False, prog_name="formgen")  # also under python -m generator or a test
    except click.exceptions.Abort:
        err.print(Msg("中断しました。", "interrupted.").render())
        _exit_interrupted()
    except click.ClickException as error:
        if isinstance(error, click.UsageError) and error.ctx is not None:
            click.echo(error.ctx.get_usage(), err=True)
        click.echo(_error_text(error), err=True)
        sys.exit(ExitCode.usage)
    except FormgenError as error:
        err.print(error.render(), markup=False)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        _exit_interrupted()
    except Exception:  # noqa: BLE001 - the last resort: report, never a bare traceback unless asked
        if debug:
            traceback.print_exc()
        err.print(Msg("内部エラーです。--debug を付けて再実行し、表示内容を開発者に知らせてください。",
                      "internal error. Run again with --debug and report what it prints.").render())
        sys.exit(ExitCode.internal)
