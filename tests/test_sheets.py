"""Excel in, Excel out: `formgen sheet`, `formgen import`, `formgen export` on real XLSX and CSV files."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Literal

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from pydantic import Field

from conftest import INBOX
from generator.cli import LAZY_COMMANDS, cli
from generator.sheets.exporter import blank_workbook, export_cases
from generator.sheets.importer import Assembler, plan_import, run_import
from generator.sheets.mapping import default_layout, layout_for
from generator.sheets.reader import read_book
from generator.sheets.values import CellError, read_date, read_number, read_value
from generator.sheets.workbook import build_workbook, save_workbook
from schemas.case import CaseFile
from schemas.types import Date, Text, Yen
from sheetkit import RETURN_HOME, fill, models, roster

TODAY = dt.date(2026, 11, 20)


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """Every example case of inbox/ exported once."""
    from generator import api

    path = tmp_path_factory.mktemp("export") / "cases.xlsx"
    report = export_cases(api.check_paths([INBOX]), path, TODAY)
    assert not report.skipped
    return path


@pytest.fixture
def parties_inbox(tmp_path) -> Path:
    """An inbox with the example parties files and no cases."""
    inbox = tmp_path / "inbox"
    shutil.copytree(INBOX / "parties", inbox / "parties")
    return inbox


# ── the mapping ───────────────────────────────────────────────────────────────────────────────────

def test_a_field_added_to_a_schema_becomes_a_column_with_no_other_change(tmp_path):
    class Pet(CaseFile):  # a throwaway kind, as someone would add one
        kind: Literal["pet"] = Field(title="種類")
        name: Text = Field(title="名前")
        born: Date | None = Field(None, title="生まれた日")
        fee: Yen | None = Field(None, title="登録料")

    class PetWithVet(Pet):
        vet: Text | None = Field(None, title="獣医", description="かかりつけの獣医")

    plain, added = layout_for({"pet": Pet}), layout_for({"pet": PetWithVet})
    keys = [c.key for c in added.cases["pet"].columns]
    assert set(keys) - {c.key for c in plain.cases["pet"].columns} == {"vet"}
    vet = next(c for c in added.cases["pet"].columns if c.key == "vet")
    assert (vet.label, vet.kind, vet.required) == ("獣医", "text", False) and "かかりつけの獣医" in vet.hint

    path = tmp_path / "pets.xlsx"
    table = added.cases["pet"]
    save_workbook(build_workbook(added.for_kinds(["pet"]), {}), path)
    fill(path, table.sheet, [{"#case": "tama", "name": "たま", "born": "令和2年5月1日", "fee": "３，０００円",
                              "vet": "=架空動物病院"}])
    assembled = Assembler(read_book(path, added)).run(added)
    assert [(r.name, r.data) for r in assembled.cases] == [
        ("tama", {"name": "たま", "born": dt.date(2020, 5, 1), "fee": 3000, "vet": "=架空動物病院"})]


def test_lists_and_parties_get_sheets_of_their_own_keyed_by_case_and_number():
    layout = default_layout()
    facilities = layout.by_id()["epa_job_offer.facilities"]
    assert [c.key for c in facilities.keys] == ["#case", "#1"]
    assert facilities.columns[0].key == "ref" and facilities.columns[0].party.sheet == "施設"
    shifts = layout.by_id()["epa_job_offer.facilities.hours.shifts"]
    assert [c.label for c in shifts.keys] == ["ケースID", "受入れ希望施設の番号", "勤務時間の組み合わせの番号"]
    assert {t.sheet for t in layout.tables() if t.root == "party" and not t.steps} >= {"機関", "施設", "人"}
    assert "contacts" not in {c.key.split(".")[0] for c in facilities.columns}  # the facility's own lists stay with it
    assert len({t.sheet for t in layout.tables()}) == len(layout.tables())
    for table in layout.tables():  # Excel's CSV in Japan is CP932: every header must survive it
        "".join([table.sheet, *(c.label for c in table.all_columns)]).encode("cp932")
    assert all(len(t.sheet) <= 31 for t in layout.tables())


# ── values people type ────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("typed, meant", [
    ("令和8年4月1日", dt.date(2026, 4, 1)), ("令和元年5月1日", dt.date(2019, 5, 1)), ("R8.4.1", dt.date(2026, 4, 1)),
    ("平成10年7月14日", dt.date(1998, 7, 14)), ("Ｈ１０．７．１４", dt.date(1998, 7, 14)), ("昭和60年1月2日", dt.date(1985, 1, 2)),
    ("２０２６／１１／１０", dt.date(2026, 11, 10)), ("2026年11月10日", dt.date(2026, 11, 10)),
    (46336, dt.date(2026, 11, 10)), (46336.0, dt.date(2026, 11, 10)), ("20261110", dt.date(2026, 11, 10)),
    (dt.datetime(2026, 11, 10), dt.date(2026, 11, 10)),
])
def test_dates_read_as_the_day_they_mean(typed, meant):
    assert read_date(typed) == meant


def test_a_date_outside_its_era_is_refused_with_the_era_named():
    with pytest.raises(CellError, match="平成は1989年01月08日から2019年04月30日まで"):
        read_date("平成31年5月1日")
    assert read_date("来週") == "来週"  # left for the schema to refuse with the forms it accepts


@pytest.mark.parametrize("typed, meant", [("185,000円", 185000), ("１８５，０００円", 185000), ("¥185,000", 185000),
                                          (185000.0, 185000), ("185000", 185000)])
def test_amounts_read_as_whole_yen(typed, meant):
    assert read_number(typed, "yen") == meant


def test_yes_no_and_lists_in_one_cell():
    layout = default_layout()
    facilities = layout.by_id()["epa_job_offer.facilities"].column_by_key()
    assert read_value(facilities["new_facility"], "○") is True
    assert read_value(facilities["countries"], "インドネシア、フィリピン") == ["インドネシア", "フィリピン"]
    with pytest.raises(CellError, match="はい / いいえ"):
        read_value(facilities["new_facility"], "たぶん")


# ── formgen sheet ─────────────────────────────────────────────────────────────────────────────────

def test_formgen_sheet_writes_labels_keys_hints_dropdowns_and_text_cells(tmp_path):
    path = tmp_path / "名簿.xlsx"
    result = invoke("sheet", "帰国", "epa_annual_report", "-o", str(path))
    assert result.exit_code == 0, result.output
    book = load_workbook(path)
    assert book.sheetnames[:3] == ["帰国", "定期報告", "定期報告・候補者・介護福祉士"]
    assert {"機関", "施設", "人", "添付ファイル"} <= set(book.sheetnames)
    sheet = book["帰国"]
    labels = {c.value: c for c in sheet[1]}
    keys = {c.value: c.column_letter for c in sheet[2]}
    assert sheet.row_dimensions[2].hidden and sheet.freeze_panes == "B3"
    assert "return_date" in keys and labels["帰国日"].comment and "必須" in labels["帰国日"].comment.text
    assert sheet.column_dimensions[keys["return_date"]].number_format == "yyyy/mm/dd"
    people = book["人"]
    person_keys = {c.value: c.column_letter for c in people[2]}
    for key in ("residence_card_number", "name"):
        assert people.column_dimensions[person_keys[key]].number_format == "@"
    dropdowns = {str(v.sqref).split(":")[0][:-1]: v for v in sheet.data_validations.dataValidation if v.type == "list"}
    assert dropdowns[keys["reason"]].formula1.startswith("'選択肢'!")
    assert dropdowns[keys["person.ref"]].formula1.startswith("'人'!$A$3")
    assert book["選択肢"].sheet_state == "hidden"
    assert "formgen.epa_return_home" in book.defined_names
    assert (path.stat().st_mode & 0o777) == 0o600


def test_the_three_commands_are_registered_with_japanese_help():
    assert {"sheet", "import", "export"} <= set(LAZY_COMMANDS)
    assert "1行を1件のケースファイル" in invoke("import", "--help").output
    assert "Turn each row" in invoke("--lang", "en", "import", "--help").output


# ── formgen import ────────────────────────────────────────────────────────────────────────────────

def test_a_filled_roster_becomes_case_files_that_validate(tmp_path, parties_inbox):
    path = roster(tmp_path / "名簿.xlsx", [{"person.ref": "dewi"}, {"#case": "rina-return", "person.ref": "rina"}])
    result = invoke("import", str(path), "--into", str(parties_inbox))
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in parties_inbox.glob("*.yaml"))
    assert files == ["epa-return-home-dewi.yaml", "rina-return.yaml"]
    text = (parties_inbox / "rina-return.yaml").read_text(encoding="utf-8")
    assert "name_alphabet: RINA WIJAYA" in text and "ref: sakura-kai" in text  # people inline, parties by ref
    assert (parties_inbox / "rina-return.yaml").stat().st_mode & 0o777 == 0o600
    found = models(parties_inbox)
    assert found["epa-return-home-dewi"]["person"]["residence_card_number"] == "AB12345678CD"
    assert found["rina-return"]["return_date"] == dt.date(2026, 11, 10)


def test_errors_name_the_cell_the_label_and_the_fix_and_nothing_is_written(tmp_path, parties_inbox):
    path = roster(tmp_path / "名簿.xlsx", [
        {"#case": "a", "person.ref": "dewi", "return_date": "2026/13/40"},
        {"#case": "b", "person.ref": "rina", "departure.airport": None},
        {"#case": "c", "person.ref": "dewi", "reason": "引っ越し"},
        {"#case": "a", "person.ref": "rina"},
    ])
    keys = {c.value: c.column_letter for c in load_workbook(path)["帰国"][2]}
    result = invoke("import", str(path), "--into", str(parties_inbox))
    assert result.exit_code == 1
    output = result.output
    assert f"名簿.xlsx!帰国!{keys['return_date']}3: エラー: return_date（帰国日）: 日付「2026/13/40」は存在しない日です。" in output
    assert f"名簿.xlsx!帰国!{keys['departure.airport']}4: エラー: departure.airport（出国確認 › 出国空港）: 必須項目が" \
           "書かれていません。 → 対処: このセルに値を入れてください。" in output
    assert f"名簿.xlsx!帰国!{keys['reason']}5: エラー: reason（帰国理由）: 値「引っ越し」は使えません。 → 対処: 次のいずれか" in output
    assert "名簿.xlsx!帰国!A3: エラー: case_id（ケースID）: ケースID「a」が 名簿.xlsx!帰国!A6 と同じです。" in output
    assert "名簿.xlsx!帰国!A6: エラー: case_id（ケースID）: ケースID「a」が 名簿.xlsx!帰国!A3 と同じです。" in output
    assert "何も書き出していません" in output
    assert not list(parties_inbox.glob("*.yaml"))


def test_partial_writes_the_valid_rows_and_lists_the_others(tmp_path, parties_inbox):
    path = roster(tmp_path / "名簿.xlsx", [{"#case": "good", "person.ref": "dewi"},
                                          {"#case": "bad", "person.ref": "rina", "report_date": "いつか"}])
    result = invoke("import", str(path), "--into", str(parties_inbox), "--partial")
    assert result.exit_code == 1
    assert [p.name for p in parties_inbox.glob("*.yaml")] == ["good.yaml"]
    assert "書き出さなかった行:" in result.output and "名簿.xlsx!帰国!A4  bad" in result.output


def test_an_existing_file_changes_only_with_update_which_keeps_its_comments(tmp_path, parties_inbox):
    path = roster(tmp_path / "名簿.xlsx", [{"#case": "dewi", "person.ref": "dewi"}])
    assert invoke("import", str(path), "--into", str(parties_inbox)).exit_code == 0
    case = parties_inbox / "dewi.yaml"
    text = case.read_text(encoding="utf-8").replace("reason: 国家試験不合格", "reason: 国家試験不合格  # 本人と面談済み")
    case.write_text("# 担当: 佐藤\n" + text, encoding="utf-8")
    before = case.read_text(encoding="utf-8")
    assert invoke("import", str(path), "--into", str(parties_inbox)).exit_code == 0  # the same: nothing to do
    fill(path, "帰国", [{"return_date": dt.date(2026, 11, 12), "memo": "便を変更"}])

    refused = invoke("import", str(path), "--into", str(parties_inbox))
    assert refused.exit_code == 1 and "上書きしません" in refused.output and "--update" in refused.output
    assert case.read_text(encoding="utf-8") == before

    updated = invoke("import", str(path), "--into", str(parties_inbox), "--update")
    assert updated.exit_code == 0, updated.output
    assert "更新: " in updated.output and "~ return_date: 2026-11-12" in updated.output and "~ memo: 便を変更" in updated.output
    after = case.read_text(encoding="utf-8")
    assert after.startswith("# 担当: 佐藤\n") and "reason: 国家試験不合格  # 本人と面談済み" in after
    assert "return_date: 2026-11-12" in after
    assert models(parties_inbox)["dewi"]["memo"] == "便を変更"


def test_a_cp932_csv_as_excel_writes_it_is_read(tmp_path, parties_inbox):
    layout = default_layout()
    table = layout.cases["epa_return_home"]
    row = {**RETURN_HOME, "#case": "dewi-csv", "person.ref": "epa-person-dewi", "return_date": "令和8年11月10日",
           "contract_end_date": "２０２６／１１／９", "report_date": "2026/11/16", "destination_phone": "0312345678"}
    labels = [c.label for c in table.all_columns if c.key in row]
    values = [str(row[c.key]) if not isinstance(row[c.key], dt.date) else f"{row[c.key]:%Y/%m/%d}"
              for c in table.all_columns if c.key in row]
    csv_path = tmp_path / "帰国.csv"
    csv_path.write_bytes(("\r\n".join([",".join(labels), ",".join(values)]) + "\r\n").encode("cp932"))
    person = parties_inbox / "parties" / "epa-person-dewi.yaml"
    person.write_text("name: デウィ\nname_alphabet: DEWI\nnationality: インドネシア\nsex: 女\nbirth_date: 1998-07-14\n",
                      encoding="utf-8")
    report = run_import(csv_path, parties_inbox)
    assert not report.problems and not report.invalid, [p.render() for r in report.rows for p in r.errors]
    case = models(parties_inbox)["dewi-csv"]
    assert case["return_date"] == dt.date(2026, 11, 10) and case["contract_end_date"] == dt.date(2026, 11, 9)
    assert case["destination_phone"] == "0312345678" and case["person"]["name"] == "デウィ"

    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + csv_path.read_bytes().decode("cp932").replace("dewi-csv", "dewi-bom").encode())
    assert not run_import(bom, parties_inbox).invalid


def test_an_unknown_column_is_refused_at_its_header(tmp_path, parties_inbox):
    path = roster(tmp_path / "名簿.xlsx", [{"person.ref": "dewi"}])
    book = load_workbook(path)
    book["帰国"].cell(1, 40).value, book["帰国"].cell(2, 40).value = "帰国日(予定)", None
    book["帰国"].cell(3, 40).value = "2026-11-10"
    book.save(path)
    report = plan_import(path, parties_inbox)
    assert report.blocked
    assert any("名簿.xlsx!帰国!AN1" == str(p.position) and "帰国日(予定)" in p.render() for p in report.problems)


# ── formgen export ────────────────────────────────────────────────────────────────────────────────

def test_export_then_import_gives_every_example_case_back_unchanged(exported, tmp_path):
    report = run_import(exported, tmp_path / "inbox")
    assert report.written and not report.invalid, [p.render() for r in report.invalid for p in r.errors][:5]
    assert models(tmp_path / "inbox") == models(INBOX)
    organisations_and_facilities = sorted(p.name for p in (INBOX / "parties").glob("*.yaml")
                                          if not p.stem.endswith("-training"))  # training plans go inline
    assert sorted(p.name for p in (tmp_path / "inbox" / "parties").glob("*.yaml")) == organisations_and_facilities


def test_the_export_has_a_deadline_sheet_with_filters_frozen_headers_and_typed_cells(exported):
    book = load_workbook(exported)
    assert book.sheetnames[0] == "期限"
    deadlines = book["期限"]
    headers = [c.value for c in deadlines[1]]
    assert headers[:9] == ["対象者", "ケースID", "種類", "期限の内容", "法定の期限", "実際の期限", "状態", "提出先", "根拠"]
    assert deadlines.freeze_panes == "B2" and deadlines.auto_filter.ref.startswith("A1:")
    row = next(r for r in deadlines.iter_rows(min_row=2) if r[1].value == "epa-return-home-dewi")
    assert isinstance(row[4].value, dt.datetime) and row[2].value == "帰国" and row[8].value
    people = book["人"]
    assert people.auto_filter.ref and people.freeze_panes == "B3"
    assert {c.value for c in people["A"][2:]} >= {"dewi-ayu-lestari"}
    returns = book["帰国"]
    refs = {c.value: c.column - 1 for c in returns[2]}
    dewi = next(r for r in returns.iter_rows(min_row=3) if r[0].value == "epa-return-home-dewi")
    assert dewi[refs["institution.ref"]].value == "sakura-kai" and dewi[refs["person.ref"]].value == "dewi-ayu-lestari"
    assert isinstance(dewi[refs["return_date"]].value, dt.datetime)


def test_formula_looking_text_is_written_as_text_and_read_back_as_text(tmp_path, parties_inbox):
    from generator import api

    risky = {"reason_detail": "=HYPERLINK(\"http://example.invalid\",\"x\")", "departure.flight": "+81 GA",
             "departure.staff_title": "-主任", "memo": "@SUM(A1)", "contract_end_reason": "\t理由"}
    path = roster(tmp_path / "名簿.xlsx", [{"#case": "risky", "person.ref": "dewi", **risky}])
    assert not run_import(path, parties_inbox).invalid
    exported = tmp_path / "cases.xlsx"
    export_cases(api.check_paths([parties_inbox]), exported, TODAY)
    sheet = load_workbook(exported)["帰国"]
    keys = {c.value: c.column for c in sheet[2]}
    for key, value in risky.items():
        cell = sheet.cell(3, keys[key])
        assert (cell.value, cell.data_type, cell.quotePrefix) == (value, "s", True)
    assert "<f>" not in _sheet_xml(exported, "帰国")
    again = tmp_path / "again"
    shutil.copytree(INBOX / "parties", again / "parties")
    assert not run_import(exported, again).invalid
    case = models(again)["risky"]
    assert case["reason_detail"] == risky["reason_detail"] and case["memo"] == "@SUM(A1)"
    assert case["departure"]["flight"] == "+81 GA"


def _sheet_xml(path: Path, title: str) -> str:
    import zipfile

    book = load_workbook(path)
    index = book.sheetnames.index(title) + 1
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"xl/worksheets/sheet{index}.xml").decode()


def test_formgen_export_command_writes_an_owner_only_workbook(tmp_path):
    target = tmp_path / "cases.xlsx"
    result = invoke("export", str(INBOX / "epa-return-home-dewi.yaml"), "-o", str(target), "--today", "2026-11-20")
    assert result.exit_code == 0, result.output
    assert "ケース 1 件" in result.output and target.stat().st_mode & 0o777 == 0o600
    assert {"期限", "帰国", "機関", "施設", "人"} <= set(load_workbook(target).sheetnames)


def test_the_example_workbook_imports_into_the_example_inbox(tmp_path):
    example = Path(__file__).resolve().parent.parent / "docs" / "examples" / "roster-example.xlsx"
    inbox = tmp_path / "inbox"
    shutil.copytree(INBOX, inbox)
    report = run_import(example, inbox)
    assert report.written and not report.invalid and not report.blocked, [p.render() for p in report.problems]
    assert {p.status for p in report.parties} == {"unchanged"}  # its 機関 and 施設 are the example parties
    assert len(report.valid) >= 3 and all(r.planned.status == "new" for r in report.valid)


def test_blank_workbook_has_no_rows_and_a_kind_name_in_japanese_works(tmp_path):
    tables = blank_workbook(["epa_death"], tmp_path / "x.xlsx")
    assert tables[0].sheet == "死亡"
    assert invoke("sheet", "死亡", "-o", str(tmp_path / "y.xlsx")).exit_code == 0
    assert invoke("sheet", "引っ越し", "-o", str(tmp_path / "z.xlsx")).exit_code == 2


def test_importing_an_unedited_export_into_its_own_inbox_changes_nothing(exported, inbox_copy):
    before = {p: p.read_bytes() for p in inbox_copy.rglob("*.yaml")}
    report = run_import(exported, inbox_copy)
    assert report.written and not report.invalid and not report.blocked
    assert {r.planned.status for r in report.valid} == {"unchanged"}
    assert {p.status for p in report.parties} == {"unchanged"}
    assert {p: p.read_bytes() for p in inbox_copy.rglob("*.yaml")} == before


def test_a_sheet_saved_as_csv_with_its_hidden_key_row_is_read(tmp_path, parties_inbox):
    """Excel saves the hidden key row into the CSV too: it is recognised and skipped."""
    path = roster(tmp_path / "名簿.xlsx", [{"#case": "from-csv", "person.ref": "dewi"}])
    sheet = load_workbook(path)["帰国"]
    lines = []
    for row in sheet.iter_rows(min_row=1, max_row=3, values_only=True):
        lines.append(",".join("" if v is None else f"{v:%Y/%m/%d}" if isinstance(v, dt.datetime) else str(v)
                              for v in row))
    csv_path = tmp_path / "名簿.csv"
    csv_path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))
    people = parties_inbox / "parties" / "dewi.yaml"
    people.write_text("name: デウィ\nname_alphabet: DEWI\nnationality: インドネシア\nsex: 女\nbirth_date: 1998-07-14\n",
                      encoding="utf-8")
    report = run_import(csv_path, parties_inbox)
    assert not report.problems and not report.invalid, [p.render() for r in report.rows for p in r.errors]
    assert models(parties_inbox)["from-csv"]["return_date"] == dt.date(2026, 11, 10)
