"""Reading what people type: YAML 1.2 values as typed, Japanese dates and digits, located and friendly
messages, sensitive fields masked, odd files, and parties that refer to each other.

Each case is a copy of the demo's 帰国確認報告書 (epa-return-home-dewi.yaml) with one thing changed,
read and validated in process.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import INBOX, ROOT
from generator import load as load_module
from generator import yamlread
from generator.exceptions import InvalidInput
from generator.load import CASE_ID_PATTERN, PARSED, is_regular_file, is_valid_case_id, load_case, load_data, parse_yaml
from generator.messages import Msg
from generator.problems import Position, Problem
from generator.validate import validate_case

CASE = "epa-return-home-dewi.yaml"
SOURCE = (INBOX / CASE).read_text(encoding="utf-8")


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    target = tmp_path / "inbox"
    target.mkdir()
    shutil.copytree(INBOX / "parties", target / "parties")
    return target


def write(inbox: Path, text: str, name: str = CASE) -> Path:
    path = inbox / name
    path.write_text(text, encoding="utf-8")
    return path


def edited(old: str, new: str) -> str:
    assert old in SOURCE
    return SOURCE.replace(old, new, 1)


def read(path: Path, root: Path):
    """(the validated case, None) or (None, the rendered problems)."""
    try:
        return validate_case(load_case(path, root)), None
    except InvalidInput as error:
        return None, [p.render("ja") for p in error.problems]


def problems_of(path: Path, root: Path, lang: str = "ja") -> list[str]:
    try:
        validate_case(load_case(path, root))
    except InvalidInput as error:
        return [p.render(lang) for p in error.problems]
    raise AssertionError("the case was accepted")


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


# --- values as typed (YAML 1.2, the schema decides the type) -----------------------------------------

def test_a_phone_number_keeps_its_leading_zero(inbox):
    case, _ = read(write(inbox, edited("destination_phone: +62 22 0000 1234", "destination_phone: 0220001111")), inbox)
    assert case.destination_phone == "0220001111"


def test_numbers_typed_into_text_fields_are_text(inbox):
    text = edited("candidate_number: ID-K-2022-0457", "candidate_number: 2022123").replace(
        "flight: GA 881", "flight: 1:30")
    case, _ = read(write(inbox, text), inbox)
    assert case.person.candidate_number == "2022123"
    assert case.departure.flight == "1:30"  # not sexagesimal (YAML 1.1 read it as 90)


def test_yes_and_no_are_text_in_yaml_1_2(inbox):
    path = write(inbox, edited("sex: 女", "sex: no"))
    assert problems_of(path, inbox) == [
        f"{path}:10:3: エラー: person.sex（帰国者 › 性別）: 値「no」は使えません。 → 対処: 次のいずれかを書いてください: '男' or '女'"]


def test_a_comma_that_split_a_flow_mapping_is_pointed_out_with_the_quoting(inbox):
    path = write(inbox, edited("  airport: 成田国際空港\n", "  airport: 成田国際空港\n").replace(
        "departure:\n  date: 2026-11-10\n  airport: 成田国際空港\n  flight: GA 881\n  staff_title: 介護主任\n  staff_name: 田中 美咲\n",
        "departure: {date: 2026-11-10, airport: 成田国際空港, flight: 1便 5,000円, staff_title: 介護主任, staff_name: 田中 美咲}\n"))
    line = line_of(path.read_text(encoding="utf-8"), "departure:")
    assert problems_of(path, inbox) == [
        f"{path}:{line}:61: エラー: departure.000円（出国確認）: 「{{ }}」の中ではカンマ（,）が区切りになるため、"
        "「1便 5,000円」が「1便 5」と「000円」に分かれました。 → 対処: 値を引用符で囲んでください: flight: \"1便 5,000円\""]


def test_a_blank_value_is_never_shown_as_none(inbox):
    path = write(inbox, edited("sex: 女", "sex:").replace("airport: 成田国際空港", "airport:"))
    messages = problems_of(path, inbox)
    assert messages == [
        f"{path}:10:3: エラー: person.sex（帰国者 › 性別）: 空欄です。値を書いてください。 → 対処: 次のいずれかを書いてください: '男' or '女'",
        f"{path}:22:3: エラー: departure.airport（出国確認 › 出国空港）: 空欄です。値を書いてください。",
    ]
    assert not any("None" in m for m in messages)


# --- YAML syntax errors in the user's language --------------------------------------------------------

def test_a_full_width_colon_is_reported_on_its_own_line(inbox):
    path = write(inbox, edited("  sex: 女", "  sex：女"))
    assert problems_of(path, inbox) == [
        f"{path}:10:6: エラー: YAML として読めません: 全角の「：」が使われています。"
        " → 対処: 半角の「:」に直し、後ろに半角スペースを入れてください（例: sex: 女）。"]
    assert problems_of(path, inbox, "en") == [
        f"{path}:10:6: error: not valid YAML: a full-width colon '：' is used. → fix: use the ASCII ':' followed by a "
        "space (e.g. sex: F)."]


def test_a_missing_space_after_the_colon_is_named(inbox):
    path = write(inbox, edited("  sex: 女", "  sex:女"))
    assert problems_of(path, inbox) == [
        f"{path}:10:6: エラー: YAML として読めません: 「:」の後に半角スペースがありません。"
        " → 対処: 「sex: 女」のように、コロンの後に半角スペースを入れてください。"]


def test_a_tab_is_named(inbox):
    path = write(inbox, edited("  sex: 女", "\tsex: 女"))
    assert problems_of(path, inbox) == [
        f"{path}:10:1: エラー: YAML として読めません: タブ文字が使われています。"
        " → 対処: インデントにはタブではなく半角スペースを使ってください。"]


def test_duplicate_keys_name_both_lines(inbox):
    path = write(inbox, edited("report_date: 2026-11-16", "report_date: 2026-11-16\nreport_date: 2026-11-17"))
    assert problems_of(path, inbox) == [
        f"{path}:29:1: エラー: report_date（報告日）: キー「report_date」が重複しています（28 行目と 29 行目）。"
        " → 対処: どちらか一方を削除してください。"]


# --- Japanese dates, amounts and digits ---------------------------------------------------------------

@pytest.mark.parametrize("typed", ["令和8年11月10日", "R8.11.10", "2026年11月10日", "2026/11/10", "令和８年１１月１０日",
                                   "r8.11.10", "2026-11-10"])
def test_japanese_dates_are_read(inbox, typed):
    case, problems = read(write(inbox, edited("return_date: 2026-11-10", f"return_date: {typed}")), inbox)
    assert problems is None and case.return_date == dt.date(2026, 11, 10)


def test_the_first_year_of_an_era_is_gannen(inbox):
    case, _ = read(write(inbox, edited("birth_date: 1998-07-14", "birth_date: 令和元年5月1日")), inbox)
    assert case.person.birth_date == dt.date(2019, 5, 1)


@pytest.mark.parametrize("typed, message", [
    ("令和8年2月29日", "日付「令和8年2月29日」は存在しない日です。 → 対処: 月と日を確かめてください。"),
    ("平成32年1月1日", "日付「平成32年1月1日」はその元号の期間にありません。"),
    ("9999-12-31", "日付「9999-12-31」は扱える範囲（1900-01-01〜2100-12-31）の外です。"),
])
def test_impossible_and_implausible_dates_are_refused_with_the_label(inbox, typed, message):
    path = write(inbox, edited("return_date: 2026-11-10", f"return_date: {typed}"))
    messages = problems_of(path, inbox)
    assert messages[0].startswith(f"{path}:16:1: エラー: return_date（帰国日）: {message}")


def test_a_date_outside_the_range_from_a_workbook_is_an_input_error(inbox):
    path = write(inbox, SOURCE)
    loaded = load_case(path, inbox)
    loaded.data["return_date"] = dt.date(9999, 12, 31)
    with pytest.raises(InvalidInput) as raised:
        validate_case(loaded)
    assert "return_date（帰国日）: 日付「9999-12-31」は扱える範囲" in raised.value.problems[0].render()


@pytest.mark.parametrize("typed", ["185,000", "185,000円", "１８５，０００", "185000"])
def test_amounts_are_read_in_the_forms_people_type(typed):
    from pydantic import TypeAdapter

    from schemas.types import Yen

    assert TypeAdapter(Yen).validate_python(typed) == 185000


def test_phone_postal_and_card_numbers_are_normalised_but_names_are_not(inbox):
    text = (edited("residence_card_number: AB12345678CD", "residence_card_number: ＡＢ１２３４５６７８ＣＤ")
            .replace("destination_phone: +62 22 0000 1234", "destination_phone: ０２２－０００－１１１１")
            .replace("name: デウィ・アユ・レスタリ", "name: ﾃﾞｳｨ・アユ　レスタリ"))
    case, problems = read(write(inbox, text), inbox)
    assert problems is None
    assert case.person.residence_card_number == "AB12345678CD"
    assert case.destination_phone == "022-000-1111"
    assert case.person.name == "ﾃﾞｳｨ・アユ　レスタリ"  # printed exactly as typed


# --- one-line fields ----------------------------------------------------------------------------------

@pytest.mark.parametrize("value, message", [
    ('"成田\\n国際空港"', "改行やタブは入れられません（1行の項目です）。"),
    ("成田\u202e国際空港", "制御文字（U+202E）が含まれています。"),
])
def test_one_line_fields_refuse_line_breaks_and_bidi_controls(inbox, value, message):
    path = write(inbox, edited("airport: 成田国際空港", f"airport: {value}"))
    assert problems_of(path, inbox)[0].startswith(f"{path}:22:3: エラー: departure.airport（出国確認 › 出国空港）: {message}")


def test_free_text_may_have_line_breaks(inbox):
    case, _ = read(write(inbox, edited("reason_detail: 在留期間の満了前に本人が帰国を希望した",
                                       "reason_detail: |\n  在留期間の満了前に\n  本人が帰国を希望した")), inbox)
    assert case.reason_detail == "在留期間の満了前に\n本人が帰国を希望した\n"


def test_a_newline_in_a_file_name_cannot_forge_a_log_line(inbox):
    path = write(inbox, edited("sex: 女", "sex: x"), name="dewi\n2026-01-01 00:00:00 built ok.yaml")
    messages = problems_of(path, inbox)
    assert all("\n" not in m and m.startswith(str(path).replace("\n", "\\n") + ":") for m in messages)
    assert len(messages) == 2  # the case id made from the name, and the value on line 10


# --- case ids from file names -------------------------------------------------------------------------

def test_a_japanese_file_name_is_a_case_id(inbox):
    path = write(inbox, SOURCE, name="サントス_帰国報告.yaml")
    assert load_case(path, inbox).case_id == "サントス_帰国報告"
    assert read(path, inbox)[1] is None


@pytest.mark.parametrize("name", ["index.html", "deadlines.csv", "Deadlines.ICS", "../x", ".hidden", "a/b", "x" * 101,
                                  "trailing.", "-rf"])
def test_unsafe_and_reserved_case_ids_are_refused(name):
    assert not is_valid_case_id(name) and not CASE_ID_PATTERN.match(name)


def test_a_file_name_that_cannot_be_a_case_id_says_rename_or_add_case_id(inbox):
    path = write(inbox, SOURCE, name="index.html.yaml")
    assert problems_of(path, inbox) == [
        f"{path}:1:1: エラー: ファイル名から作ったケースID「index.html」は使えません。"
        " → 対処: ファイル名を変えるか、case_id: を書いてください。出力フォルダの一覧などに使う名前です。"]


# --- sensitive fields are masked by field -------------------------------------------------------------

@pytest.mark.parametrize("typed", ["AB12345678CDX", "AB1234567890CD", "AB-1234-5678-CD", "AB.1234.5678.CD",
                                   "ＡＢ１２３４５６７８ＣＤＸ", "ab12345678c"])
def test_a_mistyped_card_number_is_never_echoed(inbox, typed):
    path = write(inbox, edited("residence_card_number: AB12345678CD", f"residence_card_number: {typed}")
                 .replace("sex: 女", f"sex: {typed}"))  # echoed by another field's message too
    with pytest.raises(InvalidInput) as raised:
        validate_case(load_case(path, inbox))
    shown = "\n".join(p.render(lang) + str(p.as_dict(lang)) for p in raised.value.problems for lang in ("ja", "en"))
    assert typed not in shown and typed.replace("-", "").replace(".", "") not in shown
    assert "person.residence_card_number（帰国者 › 在留カード番号）: 在留カード番号の形式が違います" in shown


def test_a_mistyped_passport_number_is_never_echoed(inbox):
    path = write(inbox, edited("  residence_card_number: AB12345678CD", "  passport_number: P-1234567\n  sex2: P-1234567"))
    with pytest.raises(InvalidInput) as raised:
        validate_case(load_case(path, inbox))
    shown = "\n".join(p.render() for p in raised.value.problems)
    assert "P-1234567" not in shown and "旅券番号の形式が違います（今は9文字）" in shown


def test_sensitive_fields_are_marked_in_the_schemas():
    from generator.validate import sensitive_field_names

    assert sensitive_field_names() == {"residence_card_number", "passport_number"}


# --- odd files ----------------------------------------------------------------------------------------

@pytest.mark.timeout(20)
def test_a_fifo_named_yaml_is_reported_not_read(inbox):
    fifo = inbox / "pipe.yaml"
    os.mkfifo(fifo)
    assert not is_regular_file(fifo) and is_regular_file(write(inbox, SOURCE))
    with pytest.raises(InvalidInput) as raised:
        load_case(fifo, inbox)
    assert raised.value.problems[0].render() == (
        f"{fifo}:1:1: エラー: 通常のファイルではありません（名前付きパイプ・デバイスなど）。読み込みません。"
        " → 対処: ケースファイルそのものを置いてください。")


@pytest.mark.timeout(20)
def test_a_fifo_as_a_parties_file_is_reported_not_read(inbox):
    os.mkfifo(inbox / "parties" / "pipe.yaml")
    path = write(inbox, edited("{ref: sakura-kai}", "{ref: pipe}"))
    with pytest.raises(InvalidInput) as raised:
        load_case(path, inbox)
    assert "通常のファイルではありません" in raised.value.problems[0].render()


# --- parties: one budget per case, each file parsed once ----------------------------------------------

def _parties_chain(inbox: Path, files: int) -> Path:
    for number in range(files):
        following = f"{{ref: chain{number + 1:02d}}}" if number + 1 < files else "終わり"
        (inbox / "parties" / f"chain{number:02d}.yaml").write_text(
            f"name: 法人{number}\nleft: {following}\nright: {following}\n", encoding="utf-8")
    return write(inbox, edited("{ref: sakura-kai}", "{ref: chain00}"))


@pytest.mark.timeout(20)
def test_parties_that_refer_to_each_other_twice_stop_at_one_budget(inbox):
    path = _parties_chain(inbox, 15)
    with pytest.raises(InvalidInput) as raised:
        load_case(path, inbox)
    problem = raised.value.problems[0]
    assert problem.position.file.parent == inbox / "parties"
    assert "参照（ref:）の展開が多すぎます（1件のケースで 2,000 回まで）。" in problem.render()


def test_a_short_chain_of_parties_resolves_with_positions_in_each_file(inbox):
    loaded = load_case(_parties_chain(inbox, 4), inbox)
    assert loaded.data["institution"]["left"]["right"]["name"] == "法人2"
    assert loaded.positions[("institution", "left", "right", "name")] == Position(
        inbox / "parties" / "chain02.yaml", 1, 1)


def test_each_case_and_parties_file_is_parsed_once_until_it_changes(inbox, monkeypatch):
    parsed = []
    real = load_module.parse_yaml
    monkeypatch.setattr(load_module, "parse_yaml", lambda text, file, *a, **k: parsed.append(file) or real(text, file, *a, **k))
    first, second = write(inbox, SOURCE, "a.yaml"), write(inbox, SOURCE, "b.yaml")
    load_case(first, inbox), load_case(second, inbox)
    party = inbox / "parties" / "sakura-kai.yaml"
    assert parsed.count(party) == 1
    party.write_text(party.read_text(encoding="utf-8").replace("山田 一郎", "山田 一朗"), encoding="utf-8")
    assert load_case(first, inbox).data["institution"]["representative"]["name"] == "山田 一朗"
    assert parsed.count(party) == 2
    assert parsed.count(first) == 1 and parsed.count(second) == 1
    first.write_text(first.read_text(encoding="utf-8").replace("DEWI", "DEWA"), encoding="utf-8")
    assert "DEWA" in str(load_case(first, inbox).data) and parsed.count(first) == 2
    assert len(PARSED._entries) <= PARSED.size


def test_parties_given_with_the_data_resolve_the_same_way(inbox):
    from generator.load import GivenParty

    data, positions, problems = parse_yaml(SOURCE.replace("{ref: sakura-kai}", "{ref: 名簿の法人}"), inbox / CASE)
    given = {"名簿の法人": GivenParty({"name": "社会福祉法人みどり会"}, {(): Position(inbox / "x.xlsx", 1, 1)})}
    loaded = load_data(data, positions, inbox / CASE, inbox, parties=given)
    assert not problems and loaded.data["institution"] == {"name": "社会福祉法人みどり会"}


@pytest.mark.parametrize("text, where", [
    ("a: " + "[" * 39 + "1" + "]" * 39, None),  # 40 levels below the top: the limit
    ("a: " + "[" * 40 + "1" + "]" * 40, "x.yaml:1:44"),  # the 41st: the value 1 itself
    ("kind: " + "[" * 60_000 + "]" * 60_000, "x.yaml:1:47"),  # composing stops at the first node too deep
    ("".join(" " * n + "a:\n" for n in range(60)), "x.yaml:41:41"),  # block nesting alike
])
def test_nesting_past_the_limit_is_refused_at_the_first_node_too_deep(text, where):
    if where is None:
        parse_yaml(text, Path("x.yaml"))
        return
    with pytest.raises(InvalidInput) as refused:
        parse_yaml(text, Path("x.yaml"))
    assert [p.render("en").split(" (")[0] for p in refused.value.problems] == [f"{where}: error: nested too deeply"]


def test_problems_render_on_one_line_whatever_they_hold():
    problem = Problem(Msg("a\nb", "a\nb"), Position(Path("x\ny.yaml"), 1, 2), hint=Msg("c\u202ed", "c"))
    assert problem.render("ja") == "x\\ny.yaml:1:2: エラー: a\\nb → 対処: c\\u202ed"


def test_no_case_takes_a_folder_name_the_outbox_uses():
    from generator.load import safe_folder_name

    assert safe_folder_name(None, Path("サントス_帰国報告.yaml")) == "サントス_帰国報告"
    assert safe_folder_name("../x", Path("index.html.yaml")).startswith("case-")


MODELS_ON_DEMAND = r"""
import json, sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from generator import api
from schemas import KINDS, case_adapter

folder = Path(sys.argv[1])
sources = [api.CaseSource(path, folder) for path in sorted(folder.glob("*.yaml"))]
with ThreadPoolExecutor(len(sources)) as threads:  # the first validations of a kind, all at once
    checked = list(threads.map(api.check_source, sources))
print(json.dumps({
    "errors": [p.render() for c in checked for p in c.errors],
    "dumps": sorted(json.dumps(c.case.model_dump(mode="json"), sort_keys=True) for c in checked if c.case),
    "built": sorted(kind for kind, model in KINDS.items() if model.__pydantic_complete__)
             + (["the union of all kinds"] if case_adapter.pydantic_complete else []),
}))
"""


def test_a_process_builds_the_model_of_the_kind_it_reads_once_even_from_many_threads_at_once(tmp_path):
    """The case models are built when first used (defer_build): a `formgen` start does not pay for all 18
    kinds. Eight threads validating their first case of a kind at the same moment all get the real model."""
    folder = tmp_path / "inbox"
    shutil.copytree(INBOX / "parties", folder / "parties")
    for n in range(8):
        (folder / f"dewi-{n}.yaml").write_text(SOURCE, encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", MODELS_ON_DEMAND, str(folder)], capture_output=True,
                            text=True, check=True)
    seen = json.loads(result.stdout)
    assert seen["errors"] == []
    assert len(seen["dumps"]) == 8 and len(set(seen["dumps"])) == 1
    assert seen["built"] == ["epa_return_home"]


# ── libyaml reads what ruamel.yaml reads ────────────────────────────────────────────────────────────

READ_BOTH_WAYS = [
    "{a: b, c}", "x: {a: b, c: }", "x: [a, b]", 'x: {a: "x, y"}', "x: {a: b,c}", "x: {a: 1, b: 2, c}\n",
    "a: &x {b: 1}\nc: *x\n", "a: &x [*x]\n", "a: *undefined\n", "a: &x 1\nb: &x 2\nc: *x\n",
    "a: !!int 5\n", "a: !foo 5\n", "a: ! 5\n", "!!map {a: 1}\n", "a: !!binary aGVsbG8=\n", "a: !!set {b}\n",
    "<<: {a: 1}\n", "'<<': 1\n", "a: {<<: 2}\n",
    "a: ~\nb: null\nc: ''\nd:\ne: \"~\"\nf: Null\ng: NULL\nh: nUll\n",
    "a: |\n  x\n  y\n", "a: >-\n  x\n  y\n", "a: |+\n x\n\n", "a: |2\n   x\n", "a: >\n x\n\n y\n",
    "a: 1\n---\nb: 2\n", "---\na: 1\n...\n", "--- a\n", "a: 1\na: 2\n", "? a\n: b\n", "? [a]\n: b\n", "? a\n",
    'a: "\\/"\n', 'a: "\\u00e9\\x41\\e\\N\\_\\L\\P\\0"\n', 'a: "\\q"\n', 'a: "\\ud800"\n', 'a: "\\U0001F600"\n',
    "a: b # comment\n", "a: b#c\n", "a: 'it''s'\n", "k" * 1100 + ": v\n", "- a\n- b\n",
    "a: 0123\nb: 1_000\nc: 0o12\nd: yes\ne: 2024-01-01\nf: 1:30\ng: .inf\nh: 0x1F\ni: +1\n",
    "a: [1, 2,]\n", "a: {b: 1,}\n", "a: {b: [1, {c: d}]}\n", "\ufeffa: 1\n", 'a: "multi\n  line"\n',
    "a: x\n  y\n", "a:b\n", "a: b: c\n", "a: @x\n", 'a: "unterminated\n', "a: [1, 2\n", "a: b\n c: d\n",
    '{"a":b}\n', 'x: {"a":b}\n', "{a: b}: c\n", "", "   \n", "# only a comment\n", "&a a: 1\n", "a: &anchor\n",
    "a: !!str\n", "名前: \"山田\t太郎\"\n", "a: x\x85y\n", "a: x\u2028y\n", "a: 'x\n\n  y'\n", "a: 1\r\nb: 2\r\n",
    "a: 1\rb: 2\r", "a: \x07\n", "[a, b]: c\n", "a: - b\n", "- - a\n", "a:\n- b\n- c\n", "a: \"x\" y\n",
    "x: {a: 1,\n b: 2}\n", "x: {a: 1\n}\n", "x: [a: 1, b]\n", "x: [a: 1: 2]\n", "a: ]\n", "a: {\n",
    "!<tag:yaml.org,2002:str> x\n", "%TAG !e! tag:example.com,2000:\n--- !e!x 1\n", "%YAML 1.1\n---\na: yes\n",
    "%YAML 1.2\n---\na: 1\n", 'a: "%x"\n', "a:\n  b:\n    c: [d, {e: f}]\n  g: h\n", "a: 'x' # c\nb: \"y\"  \n",
    "- a: 1\n  b: 2\n- c\n", "a:\n  - b: 1\n    c: 2\n", "a: |-\n\n  x\n", "a: 全角：コロン\n", "名前：山田\n",
    "a: 'x\ty'\n", "a:\tb\n", "a: b\t\n", "\ta: b\n", "a: {b: c d, e: f}\n", "a: ? b\n", "a: {? b}\n",
    "a: [b, ? c : d]\n", "a: 1 # x\n# y\nb: 2\n", "a: >+\n\n", "a: |\n", "a: b\n...\n---\nc: d\n", "...\n",
    "a: \"\\\n  b\"\n", "a: !!null ''\n", "a: !!str ~\n", "? |\n  block key\n: v\n", "a: [*x]\n", "*x\n",
]
"""Texts where YAML 1.1 and 1.2, libyaml and ruamel.yaml, could part: flow entries, anchors, tags, merge keys,
nulls, block scalars, escapes, directives, line separators, tabs, errors."""


def _reading(text: str, path: Path):
    try:  # a smaller budget: the billion laughs stop sooner, the same way
        return ("read",) + yamlread.parse_yaml(text, path, budget=yamlread.Budget(20_000))
    except InvalidInput as refused:
        return ("refused", refused.problems)


def _by_ruamel(monkeypatch, text: str, path: Path):
    with monkeypatch.context() as patched:
        patched.setattr(yamlread, "_compose_fast", lambda _text: (_ for _ in ()).throw(yamlread._Unsure("")))
        return _reading(text, path)


@pytest.mark.filterwarnings("ignore::ruamel.yaml.error.ReusedAnchorWarning")  # "a: &x 1\nb: &x 2"
@pytest.mark.parametrize("text", READ_BOTH_WAYS)
def test_libyaml_and_ruamel_read_a_tricky_text_alike(monkeypatch, text):
    assert _reading(text, Path("x.yaml")) == _by_ruamel(monkeypatch, text, Path("x.yaml"))


def test_every_yaml_file_of_the_repository_reads_alike_and_the_cases_take_the_fast_way(monkeypatch):
    files = sorted(p for folder in (ROOT / "inbox", ROOT / "tests") for p in folder.rglob("*.y*ml"))
    fast = 0
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace")
        assert _reading(text, path) == _by_ruamel(monkeypatch, text, path), path
        with contextlib.suppress(yamlread._Unsure):
            yamlread._compose_fast(text)
            fast += 1
    assert len(files) > 150
    assert fast >= len(files) - 15  # those with a tab, a directive, a syntax error go to ruamel.yaml


def test_a_text_only_ruamel_reads_is_read_by_it(monkeypatch):
    """Each guard sends its text to ruamel.yaml: the tab (its message is explained), YAML 1.1's line
    separators, a directive, a depth, and whatever libyaml refuses."""
    for text in ("a:\tb\n", "a: x\u2028y\n", "a: x\x85y\n", "%YAML 1.2\n---\na: 1\n",
                 "a: " + "[" * 41 + "]" * 41, "a: [1, 2\n", "a: \ud800\n"):
        with pytest.raises(yamlread._Unsure):
            yamlread._compose_fast(text)
    assert yamlread._compose_fast("a: 1\n").value[0][1].value == "1"
