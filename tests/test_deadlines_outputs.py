"""The deadline outputs of a real build: per case deadlines.md/.ics/checklist, outbox-wide CSV/ICS/index.html,
and the `formgen deadlines` command (table and JSON)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import INBOX, run_formgen
from docxread import full_text, squash
from generator.deadlines.outputs import CSV_COLUMNS

TODAY = "2026-11-20"
CASES = ("epa-residence-record-ayu.yaml", "technical-intern-plan-tuan.yaml", "epa-return-home-dewi.yaml")
JSON_KEYS = {"case_id", "person", "rule_id", "title", "office", "type", "legal_due", "effective_due", "status",
             "source"}
CHROMIUM = Path("/usr/bin/chromium")
FILED = "filed:\n  residence-hellowork: 2026-07-08\n  residence-move/1-2026-05-30: 2026-06-05\n"


def _copy_inbox(target: Path) -> Path:
    shutil.copytree(INBOX, target, ignore=shutil.ignore_patterns(".schema"))
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("deadlines")
    inbox = _copy_inbox(root / "inbox")
    with (inbox / CASES[0]).open("a", encoding="utf-8") as case:
        case.write(FILED)
    outbox = root / "outbox"
    run_formgen("build", *(str(inbox / c) for c in CASES), "--out", str(outbox), "--format", "docx",
                "--today", TODAY, check=True)
    return inbox, outbox


def _calendar(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def _events(path: Path) -> dict:
    return {str(e["UID"]): e for e in _calendar(path).walk("VEVENT")}


def test_a_kind_without_forms_still_gets_its_manifest_and_deadline_files(built):
    _, outbox = built
    for case in ("epa-residence-record-ayu", "technical-intern-plan-tuan"):
        folder = outbox / case
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["forms"] == []
        for name in ("deadlines.md", "deadlines.ics", "deadlines.json", "deadlines-checklist.docx"):
            assert (folder / name).is_file(), name


def test_the_markdown_lists_legal_and_effective_dates_with_the_rule_and_its_source(built):
    _, outbox = built
    text = (outbox / "epa-residence-record-ayu" / "deadlines.md").read_text(encoding="utf-8")
    # moved on 2026-05-30 → 14 days = Saturday 2026-06-13 → Monday 2026-06-15
    assert "| 済 | 2026年6月13日（土） | 2026年6月15日（月） | 転入・転居届（住居地の届出）" in text
    assert "受入れの手引き 2334行" in text  # a citation reads as the guide's title and line
    assert "002_e5f9a0dfd8ef1d48" not in text and "epa_residence_record" not in text
    assert "在留期間更新許可申請" in text and "2027年2月28日（日） 〜 2027年5月31日（月）" in text


def test_calendar_events_are_all_day_on_the_effective_date_with_alarms_from_the_legal_date(built):
    _, outbox = built
    events = _events(outbox / "epa-residence-record-ayu" / "deadlines.ics")
    renewal = events["residence-renewal.epa-residence-record-ayu@formgen.deadlines"]
    assert renewal["DTSTART"].dt == dt.date(2027, 5, 31) and not isinstance(renewal["DTSTART"].dt, dt.datetime)
    triggers = sorted(a["TRIGGER"].dt for a in renewal.walk("VALARM"))
    assert triggers == [dt.timedelta(days=-7), dt.timedelta(days=-1)]
    annual = events["residence-annual-immigration/2027.epa-residence-record-ayu@formgen.deadlines"]
    assert annual["DTSTART"].dt == dt.date(2027, 1, 20)
    # a done deadline keeps its event (marked 済) but rings no more
    moved = events["residence-move/1-2026-05-30.epa-residence-record-ayu@formgen.deadlines"]
    assert moved["DTSTART"].dt == dt.date(2026, 6, 15) and "【済】" in str(moved["SUMMARY"])
    assert list(moved.walk("VALARM")) == []


def test_a_moved_deadline_rings_7_and_1_days_before_its_legal_date(tmp_path):
    inbox = _copy_inbox(tmp_path / "inbox")
    case = inbox / "epa-residence-record-ayu.yaml"
    run_formgen("build", str(case), "--out", str(tmp_path / "out"), "--format", "docx", "--today", "2026-06-01",
                check=True)
    event = _events(tmp_path / "out" / "epa-residence-record-ayu" / "deadlines.ics")[
        "residence-move/1-2026-05-30.epa-residence-record-ayu@formgen.deadlines"]
    assert event["DTSTART"].dt == dt.date(2026, 6, 15)          # legal 6/13 (Sat) → Monday
    triggers = sorted(a["TRIGGER"].dt for a in event.walk("VALARM"))
    assert triggers == [dt.timedelta(days=-9), dt.timedelta(days=-3)]  # 6/6 and 6/12


def test_uids_are_stable_across_builds_so_a_reimport_updates_the_events(built, tmp_path):
    inbox, outbox = built
    first = _events(outbox / "deadlines.ics")
    assert len(first) == len({*first})  # no duplicate UID
    again = tmp_path / "again"
    case = inbox / "technical-intern-plan-tuan.yaml"
    changed = tmp_path / "technical-intern-plan-tuan.yaml"
    changed.write_text(case.read_text(encoding="utf-8").replace("stage3_end: 2029-07-31", "stage3_end: 2029-09-30"),
                       encoding="utf-8")
    run_formgen("build", str(changed), "--out", str(again), "--format", "docx", "--today", TODAY, check=True)
    before = _events(outbox / "technical-intern-plan-tuan" / "deadlines.ics")
    after = _events(again / "technical-intern-plan-tuan" / "deadlines.ics")
    assert set(before) == set(after)
    uid = "ti-exam-grade2.technical-intern-plan-tuan@formgen.deadlines"
    assert (before[uid]["DTSTART"].dt, after[uid]["DTSTART"].dt) == (dt.date(2028, 7, 31), dt.date(2028, 9, 30))


def test_the_outbox_csv_has_one_row_per_deadline_of_every_case(built):
    _, outbox = built
    raw = (outbox / "deadlines.csv").read_text(encoding="utf-8")
    assert raw.startswith("\ufeff")
    rows = list(csv.DictReader(raw.lstrip("\ufeff").splitlines()))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    per_case = sum(len(json.loads((outbox / c.removesuffix(".yaml") / "deadlines.json").read_text())["deadlines"])
                   for c in CASES)
    assert len(rows) == per_case
    assert {r["case_id"] for r in rows} == {c.removesuffix(".yaml") for c in CASES}
    assert [r["effective_due"] for r in rows] == sorted(r["effective_due"] for r in rows)
    dewi = next(r for r in rows if r["rule_id"] == "epa-return-report")
    assert (dewi["legal_due"], dewi["status"], dewi["status_label"]) == ("2026-11-24", "due_soon", "7日以内")


def test_the_command_prints_json_with_the_documented_keys(built):
    inbox, _ = built
    result = run_formgen("deadlines", *(str(inbox / c) for c in CASES), "--today", TODAY, "--json", check=True)
    rows = json.loads(result.stdout)
    assert rows and all(set(row) == JSON_KEYS for row in rows)
    assert [r["legal_due"] for r in rows] == sorted(r["legal_due"] for r in rows)
    dewi = next(r for r in rows if r["rule_id"] == "epa-return-report")
    assert dewi == {"case_id": "epa-return-home-dewi", "person": "デウィ・アユ・レスタリ", "rule_id": "epa-return-report",
                    "title": "帰国確認報告書（様式8）の提出", "office": "JICWELS", "type": "deadline",
                    "legal_due": "2026-11-24", "effective_due": "2026-11-24", "status": "due_soon",
                    "source": "002_e5f9a0dfd8ef1d48.txt:2377 (2065-2071)"}


def test_within_keeps_what_is_overdue_or_due_soon_and_the_table_shows_it(built):
    inbox, _ = built
    result = run_formgen("deadlines", str(inbox / "epa-return-home-dewi.yaml"), str(inbox / CASES[0]),
                         "--today", TODAY, "--within", "7", "--json", check=True)
    assert [r["rule_id"] for r in json.loads(result.stdout)] == ["epa-return-report"]
    table = run_formgen("deadlines", str(inbox / "epa-return-home-dewi.yaml"), "--today", TODAY, check=True)
    assert "epa-return-home-dewi" in table.stdout and "7日以内" in table.stdout


def test_a_plan_that_breaks_the_temporary_return_rules_is_reported_as_a_violation(tmp_path):
    case = tmp_path / "plan.yaml"
    case.write_text((INBOX / "technical-intern-plan-tuan.yaml").read_text(encoding="utf-8")
                    .replace("return_date: 2027-08-20", "return_date: 2027-07-31"), encoding="utf-8")
    table = run_formgen("deadlines", str(case), "--today", TODAY, check=True).stdout
    line = next(line for line in table.splitlines() if "3号の一時帰国" in line)
    assert "計画に問題" in line and "2027-07-05" in line
    assert "一時帰国が1か月未満です" in table


def test_the_checklist_page_lists_each_deadline_with_a_box(built):
    _, outbox = built
    text = full_text(outbox / "epa-residence-record-ayu" / "deadlines-checklist.docx")
    assert "期限チェックリスト（事務所用・提出しません）" in text and "epa-residence-record-ayu" in text
    assert "■" in text and "□" in text and "在留期間更新許可申請" in text and "受入れの手引き 2346行" in text
    assert "〔residence-renewal〕" in text  # the `filed:` key of each item, for the office
    assert "002:" not in text and "002_" not in text and "epa_residence_record" not in text


def test_index_html_links_every_case_and_its_documents(built):
    _, outbox = built
    html = (outbox / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ja">' in html
    assert 'href="epa-return-home-dewi/mhlw-8_帰国確認報告書.docx"' in html
    assert 'href="technical-intern-plan-tuan/deadlines.ics"' in html
    assert html.count('class="deadline status-') == len(_events(outbox / "deadlines.ics"))


@pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is installed by tools/setup.sh")
def test_index_html_renders_in_headless_chromium(built, tmp_path):
    _, outbox = built
    url = (outbox / "index.html").resolve().as_uri()
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"]
    shot = tmp_path / "index.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([str(CHROMIUM), *flags, f"--user-data-dir={profile}", "--window-size=1280,1600",
                        f"--screenshot={shot}", url], capture_output=True, timeout=90)
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run([str(CHROMIUM), *flags, f"--user-data-dir={profile}", "--dump-dom", url],
                             capture_output=True, text=True, timeout=90).stdout
    assert shot.is_file() and shot.stat().st_size > 10_000
    assert _not_blank(shot)
    for case in CASES:
        assert case.removesuffix(".yaml") in dom
    assert "件を表示" in dom  # the filter script ran


def _not_blank(png: Path) -> bool:
    """More than one colour in the screenshot (read with the PNG's own zlib data, no imaging library)."""
    import struct
    import zlib

    data = png.read_bytes()
    chunks, offset = [], 8
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        if kind == b"IDAT":
            chunks.append(data[offset + 8:offset + 8 + length])
        offset += 12 + length
    pixels = zlib.decompress(b"".join(chunks))
    return len(set(pixels[i:i + 3] for i in range(0, min(len(pixels), 4_000_000), 997))) > 3


@pytest.mark.slow
def test_the_checklist_is_a_file_beside_the_packet_never_a_page_of_it(tmp_path, warm_converter):
    from pypdf import PdfReader

    inbox = _copy_inbox(tmp_path / "inbox")
    run_formgen("build", str(inbox / "epa-return-home-dewi.yaml"), "--out", str(tmp_path / "out"), "--format", "pdf",
                "--today", TODAY, check=True)
    folder = tmp_path / "out" / "epa-return-home-dewi"
    assert (folder / "deadlines-checklist.pdf").is_file() and not (folder / "deadlines-checklist.docx").exists()
    page = "".join(PdfReader(folder / "deadlines-checklist.pdf").pages[0].extract_text().split())
    assert "帰国確認報告書（様式8）の提出" in page and "2026年11月24日" in page
    packet = PdfReader(folder / "packet.pdf")
    assert [item.title for item in packet.outline] == ["表紙", "厚生労働省通知様式第8号 帰国確認報告書"]
    assert not any("期限チェックリスト" in p.extract_text() for p in packet.pages)


class NoConversion:
    """A converter that must not be used: the checklist's PDF is drawn unless PDF/A is asked for."""

    def convert(self, source, target, pdfa=False):
        raise AssertionError(f"converted {source.name}")


def _as_drawn(text: str) -> str:
    return squash(text).replace("✓", "レ")  # IPAex has no ✓: the drawn page prints the Japanese check sign


def _checklist_of(case_file: Path, stage: Path, today: dt.date = dt.date(2026, 11, 20)):
    from generator.deadlines import write_case_deadlines
    from generator.load import load_case
    from generator.validate import validate_case

    stage.mkdir(parents=True)
    case = validate_case(load_case(case_file, case_file.parent))
    return write_case_deadlines(case, case_file.stem, stage, today, NoConversion())


def test_the_drawn_checklist_pdf_says_what_its_docx_says_for_every_example_case(tmp_path):
    """Two layouts of one sheet: every cell and line of the DOCX is on the drawn PDF, row by row, for every
    example case (done, moved, immediate items, notes and other limits among them)."""
    from docxread import pdf_pages, rows

    compared = 0
    for case_file in sorted(INBOX.glob("*.yaml")):
        made = _checklist_of(case_file, tmp_path / case_file.stem)
        if made.checklist_docx is None:
            continue
        pdf = squash("".join(pdf_pages(made.checklist_pdf)))
        docx_rows = rows(made.checklist_docx)
        assert len(docx_rows) == len(made.deadlines) + 1
        for cells in docx_rows:
            assert _as_drawn("".join(cells)) in pdf, (case_file.name, cells)
        for line in full_text(made.checklist_docx).splitlines():
            assert _as_drawn(line) in pdf, (case_file.name, line)
        compared += 1
    assert compared >= 15


def test_a_long_checklist_runs_on_to_pages_that_repeat_the_header(tmp_path):
    from docxread import pdf_pages
    from generator.deadlines.outputs import checklist_pdf

    items = [{"box": "□", "legal": f"2027年1月{day}日", "effective": "", "title": f"報告その{day}", "key": f"rule-{day}",
              "office": "地方出入国在留管理官署", "status": "予定", "source": "受入れの手引き 2342行",
              "notes": "届出の期限は、事由が生じた日から14日以内（出入国管理及び難民認定法第19条の16）" * (day % 3)}
             for day in range(1, 61)]
    context = {"case_id": "case-long", "person": "テスト・タロウ", "kind": "定期報告", "today": "2026年12月1日",
               "items": items}
    pages = pdf_pages(checklist_pdf(context, tmp_path / "long.pdf"))
    assert len(pages) >= 3
    assert all("実際の期限" in page and "根拠" in page for page in pages)  # the header row on every page
    assert "期限チェックリスト（事務所用・提出しません）" in pages[0] and "filed:" in squash(pages[-1])
    every = squash("".join(pages))
    assert all(f"報告その{day}" in every and f"〔rule-{day}〕" in every for day in range(1, 61))


def test_the_dashboard_shows_the_cutover_dates_of_technical_intern_training(built):
    _, outbox = built
    html = (outbox / "index.html").read_text(encoding="utf-8")
    table = html[html.index('<table id="cutover">'):html.index("</table>", html.index('<table id="cutover">'))]
    for day, what in (("2027年3月31日", "技能実習計画の新規の認定申請の最終日"),
                      ("2027年4月1日", "育成就労制度の施行"), ("2027年6月30日", "実習開始の最終日")):
        assert day in table and what in table
    assert "育成就労 経過措置" in table
    assert "131日" in table  # 2026-11-20 → 2027-03-31


def test_the_dashboard_names_kinds_and_sources_as_people_read_them(built):
    _, outbox = built
    html = (outbox / "index.html").read_text(encoding="utf-8")
    assert "受入れの手引き 2377行" in html and "002_e5f9a0dfd8ef1d48" not in html
    assert "<td>epa_return_home</td>" not in html and "帰国確認報告書（厚生労働省通知 様式第8号）" in html


def test_the_dashboard_survives_a_damaged_case_folder(built, tmp_path):
    _, outbox = built
    copy = tmp_path / "outbox"
    shutil.copytree(outbox, copy)
    (copy / "technical-intern-plan-tuan" / "deadlines.json").write_text("{not json", encoding="utf-8")
    from generator.deadlines import write_outbox_deadlines

    write_outbox_deadlines(copy, dt.date(2026, 11, 20))
    html = (copy / "index.html").read_text(encoding="utf-8")
    assert "technical-intern-plan-tuan" in html and "epa-residence-record-ayu/deadlines.md" in html


def test_the_outbox_files_are_made_again_only_when_what_they_show_changes(built, tmp_path):
    from generator.deadlines import write_outbox_deadlines
    from generator.outbox import OUTBOX_FILES

    _, outbox = built
    copy = tmp_path / "outbox"
    shutil.copytree(outbox, copy)
    day = dt.date(2026, 11, 20)

    def written() -> dict[str, int]:  # each write replaces the file: a new inode
        return {name: (copy / name).stat().st_ino for name in OUTBOX_FILES}

    write_outbox_deadlines(copy, day)
    first = written()
    write_outbox_deadlines(copy, day)
    assert written() == first  # nothing changed: nothing written (a build of unchanged cases)
    write_outbox_deadlines(copy, day + dt.timedelta(days=1))
    after_a_day = written()
    assert all(after_a_day[name] != first[name] for name in OUTBOX_FILES)  # the statuses follow the day
    shutil.rmtree(copy / "technical-intern-plan-tuan")
    write_outbox_deadlines(copy, day + dt.timedelta(days=1))
    assert "technical-intern-plan-tuan" not in (copy / "index.html").read_text(encoding="utf-8")
    (copy / "deadlines.csv").unlink()
    write_outbox_deadlines(copy, day + dt.timedelta(days=1))
    assert (copy / "deadlines.csv").is_file()
    deadlines = copy / "epa-residence-record-ayu" / "deadlines.json"
    deadlines.write_text(deadlines.read_text(encoding="utf-8"), encoding="utf-8")  # rewritten, the same bytes
    before = written()
    write_outbox_deadlines(copy, day + dt.timedelta(days=1))
    assert all(written()[name] != before[name] for name in OUTBOX_FILES)
