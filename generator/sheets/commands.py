"""`formgen sheet`, `formgen import` and `formgen export` (registered in generator/cli.py LAZY_COMMANDS)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from generator.clihelp import Command, option
from generator.console import err, iso_date, out
from generator.exceptions import ExitCode
from generator.messages import Msg

DEFAULT_INBOX = Path("inbox")
STATUS_WORDS = {"new": Msg("作成", "created"), "update": Msg("更新", "updated"), "unchanged": Msg("変更なし", "unchanged")}


def _mode() -> int:
    from generator.settings import active

    return 0o640 if active().output_mode == "group" else 0o600


def _kind_of(name: str) -> str:
    from generator.sheets.mapping import KIND_SHEETS
    from schemas import KINDS

    if name in KINDS:
        return name
    by_sheet = {sheet: kind for kind, sheet in KIND_SHEETS.items() if kind in KINDS}
    if name in by_sheet:
        return by_sheet[name]
    known = ", ".join(f"{kind}（{KIND_SHEETS.get(kind, kind)}）" for kind in KINDS)
    raise click.BadParameter(Msg(f"種類「{name}」はありません。次のいずれか: {known}",
                                 f"unknown kind '{name}'. Known kinds: {known}").render(), param_hint="KIND")


@click.command("sheet", cls=Command, help=Msg(
    "記入用のブック（.xlsx）を作ります。\n\n種類（KIND、例: epa_return_home または 帰国）ごとに1シート、1件1行。"
    "一覧（施設・手当・候補者・添付など）と、機関・施設・人は別のシートです。",
    "Write a workbook (.xlsx) to fill in.\n\nOne sheet per KIND (e.g. epa_return_home or 帰国), one case per row; "
    "lists (facilities, allowances, candidates, attachments…) and parties (organisations, facilities, people) "
    "on sheets of their own."))
@click.argument("kinds", nargs=-1, required=True)
@option("-o", "--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=Path("名簿.xlsx"),
        show_default=True, help=Msg("書き出すブック。", "Workbook to write."))
def sheet_command(kinds: tuple[str, ...], out_path: Path) -> None:
    from generator.sheets.exporter import blank_workbook

    chosen = list(dict.fromkeys(_kind_of(k) for k in kinds))
    tables = blank_workbook(chosen, out_path, mode=_mode())
    out.print(Msg(f"{out_path}: シート {len(tables)} 枚（{'、'.join(t.sheet for t in tables)}）",
                  f"{out_path}: {len(tables)} sheets ({', '.join(t.sheet for t in tables)})").render(), markup=False)
    out.print(Msg(f"記入したら: formgen import {out_path}", f"when filled in: formgen import {out_path}").render(),
              markup=False)


def _print_problems(problems) -> None:
    for problem in problems:
        (err if problem.severity == "error" else out).print(problem.render(), markup=False)


def _print_plan(report, update: bool) -> None:
    from generator.sheets.importer import describe_changes

    for planned in [*report.parties, *(r.planned for r in report.valid if r.planned)]:
        if planned.refused:
            continue
        word = STATUS_WORDS[planned.status].render()
        if not report.written and planned.status != "unchanged":
            word = Msg(f"{word}（予定）", f"{word} (planned)").render()
        out.print(f"{word}: {planned.path}", markup=False)
        if planned.status == "update" and (update or not report.written):
            for line in describe_changes(planned):
                out.print(f"    {line}", markup=False)


@click.command("import", cls=Command, help=Msg(
    "ブック（.xlsx）または CSV の1行を1件のケースファイルにします。\n\nすべての行を書類の作成と同じ検査にかけ、"
    "1行でも誤りがあれば何も書き出しません（--partial を除く）。既にあるファイルは --update のときだけ更新します。",
    "Turn each row of a workbook (.xlsx) or CSV into a case file.\n\nEvery row is checked as a build would check it; "
    "nothing is written while any row has an error (unless --partial). Existing files change only with --update."))
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@option("--into", "into", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_INBOX, show_default=True,
        help=Msg("ケースファイルを書くフォルダ（機関・施設は その中の parties/）。",
                 "Folder to write the case files to (organisations and facilities to its parties/)."))
@option("--update", is_flag=True, help=Msg("既にあるファイルを更新します（変わる項目を表示し、コメントは残します）。",
                                           "Update existing files (prints what changes, keeps their comments)."))
@option("--partial", is_flag=True, help=Msg("誤りのない行だけ書き出し、誤りのある行を一覧にします。",
                                            "Write the valid rows and list the others."))
def import_command(source: Path, into: Path, update: bool, partial: bool) -> None:
    from generator.sheets.importer import run_import

    report = run_import(source, into, update=update, partial=partial)
    _print_problems(report.problems)
    for row in report.rows:
        _print_problems(row.problems)
        if row.checked is not None:
            _print_problems(row.checked.problems)
    _print_plan(report, update)
    invalid = report.invalid
    if report.blocked or (invalid and not partial):
        err.print(Msg(f"誤りがあるため、何も書き出していません（誤りのある行 {len(invalid)} 行）。直してから取り込み直してください。",
                      f"nothing written: the workbook has errors ({len(invalid)} rows). Correct them and import "
                      "again.").render(), markup=False)
    else:
        written = sum(1 for r in report.valid if r.planned and r.planned.status != "unchanged")
        out.print(Msg(f"{source.name}: {len(report.valid)} 件（書き出し {written} 件）→ {into}。次は formgen build {into}",
                      f"{source.name}: {len(report.valid)} cases ({written} written) → {into}. Next: formgen build {into}"
                      ).render(), markup=False)
        if invalid:
            err.print(Msg("書き出さなかった行:", "rows not written:").render(), markup=False)
            for row in invalid:
                err.print(f"  {row.root.positions[()]}  {row.case_id or ''}", markup=False)
    sys.exit(report.exit_code)


@click.command("export", cls=Command, help=Msg(
    "PATHS（既定 inbox/）のすべてのケースと期限を1つのブック（.xlsx）に書き出します。\n\nformgen sheet と同じシートに、"
    "期限の一覧（期限シート）を加えます。書き出したブックは formgen import でそのまま取り込めます。",
    "Write every case and deadline in PATHS (default inbox/) to one workbook (.xlsx).\n\nThe sheets formgen sheet makes, plus "
    "the deadlines (期限 sheet). The workbook can be imported back with formgen import."))
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@option("-o", "--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=Path("cases.xlsx"),
        show_default=True, help=Msg("書き出すブック。", "Workbook to write."))
@option("--today", callback=iso_date, metavar="YYYY-MM-DD",
        help=Msg("期限の状態を決める「今日」（YYYY-MM-DD）。", "Date used as today for the deadlines' status (YYYY-MM-DD)."))
def export_command(paths: tuple[Path, ...], out_path: Path, today: dt.date | None) -> None:
    from generator import api
    from generator.sheets.exporter import export_cases

    cases = api.check_paths(paths or (DEFAULT_INBOX,))
    if not cases.cases:
        _print_problems(cases.problems)
        err.print(Msg("ケースファイル（*.yaml）が見つかりません。", "no case files (*.yaml) found.").render())
        sys.exit(ExitCode.invalid_input)
    report = export_cases(cases, out_path, today or dt.date.today(), mode=_mode())
    _print_problems(report.problems)
    for checked in report.skipped:
        _print_problems(checked.errors)
    out.print(Msg(f"{out_path}: ケース {len(report.exported)} 件、期限 {report.deadlines} 件",
                  f"{out_path}: {len(report.exported)} cases, {report.deadlines} deadlines").render(), markup=False)
    if report.skipped:
        err.print(Msg(f"形式の誤りのため書き出さなかったケース {len(report.skipped)} 件（上の誤りを直してください）。",
                      f"{len(report.skipped)} cases not exported because of the errors above.").render(), markup=False)
        sys.exit(ExitCode.invalid_input)
