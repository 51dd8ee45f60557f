"""What is filed, as a 行政書士 would read it before filing: every example packet rendered by real
LibreOffice, read back with pypdf. The packets hold only filed documents (the deadline checklist and
the office's own sheets are files beside them), print no internal code on any page (no kind id, case id,
source file name, hash or citation), name the office each document goes to (JITCO 本部 for 様式3/4/6),
and the records (score, follow-up) produce their documents."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import INBOX, ROOT
from docxread import pdf_pages, squash
from generator import api
from generator.sources import SEED_NAMES, SHORT
from schemas import KINDS

pytestmark = pytest.mark.slow
TODAY = "2026-11-20"
KIND_IDS = re.compile(r"(?<![\w-])(?:{})(?![\w-])".format("|".join(sorted(KINDS, key=len, reverse=True))))
FIELD_NAMES = re.compile(r"(?<![\w@./-])(?=[a-z0-9.]*_)[a-z][a-z0-9]*(?:[._][a-z0-9]+)+")
"""A case file's field (trip.special_circumstances) or a kind id: the filed pages speak Japanese."""


def build_pdfs(inbox: Path, out: Path, converter, *names: str) -> api.BuildReport:
    import datetime as dt

    options = api.BuildOptions(out_dir=out, formats="both", today=dt.date.fromisoformat(TODAY))
    report = api.build(api.check_paths([inbox / n for n in names] if names else [inbox]), options, converter)
    assert report.exit_code == 0, [(r.source, r.error) for r in report.failed]
    return report


@pytest.fixture(scope="module")
def demo(tmp_path_factory, worker_converter) -> Path:
    root = tmp_path_factory.mktemp("filed")
    inbox = root / "inbox"
    shutil.copytree(INBOX, inbox, ignore=shutil.ignore_patterns(".schema"))
    build_pdfs(inbox, root / "outbox", worker_converter)
    return root / "outbox"


def case_folders(outbox: Path) -> list[Path]:
    return sorted(p for p in outbox.iterdir() if (p / "manifest.json").is_file())


def pages_of(pdf: Path) -> list[str]:
    pages = pdf_pages(pdf)
    assert len(pages) == len(PdfReader(pdf).pages)
    return pages



def filed_forms(folder: Path) -> list[dict]:
    from generator.catalogue import load_catalogue

    internal = {form.id for form in load_catalogue() if form.internal}
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return [form for form in manifest["forms"] if form["id"] not in internal]


def test_every_document_of_every_example_case_converts_to_a_pdf_the_check_accepts(demo):
    """The demo build converted every DOCX on the converters and checked each PDF against its document
    (generator/pdfcheck.py; a refused PDF fails the build, which the fixture asserts)."""
    documents = sorted(demo.glob("*/*.docx"))
    catalogue_forms = {p.parent.name for p in (ROOT / "forms").glob("*/manifest.yaml")}
    made = {form["id"] for folder in case_folders(demo) for form in json.loads(
        (folder / "manifest.json").read_text(encoding="utf-8"))["forms"]}
    assert made == catalogue_forms, sorted(catalogue_forms ^ made)  # every form of the catalogue, once at least
    assert documents and all(d.with_suffix(".pdf").is_file() for d in documents), \
        [d.name for d in documents if not d.with_suffix(".pdf").is_file()]
    assert all(len(PdfReader(d.with_suffix(".pdf")).pages) >= 1 for d in documents)


def test_no_filed_page_prints_a_kind_id_a_field_name_a_case_id_a_source_file_or_a_citation(demo):
    leaks = []
    for folder in case_folders(demo):
        packet = folder / "packet.pdf"
        if not packet.exists():
            continue
        for number, text in enumerate(pages_of(packet), 1):
            flat = squash(text)
            found = (FIELD_NAMES.findall(text) + SEED_NAMES.findall(flat) + [m.group(0) for m in SHORT.finditer(text)]
                     + ([folder.name] if folder.name in flat else []))
            if found:
                leaks.append((folder.name, number, found))
        title = PdfReader(packet).metadata.title
        if folder.name in title or KIND_IDS.search(title):
            leaks.append((folder.name, "metadata", title))
    assert leaks == []


def test_every_case_with_documents_to_file_has_a_packet_of_exactly_those(demo):
    for folder in case_folders(demo):
        filed = filed_forms(folder)
        packet = folder / "packet.pdf"
        if not filed:
            assert not packet.exists(), folder.name
            continue
        outline = [item.title for item in PdfReader(packet).outline]
        assert outline == ["表紙"] + [f"{f['official_id']} {f['title']}" for f in filed], folder.name
        pages = sum(len(PdfReader(folder / name).pages) for f in filed for name in f["files"] if name.endswith(".pdf"))
        assert len(PdfReader(packet).pages) == 1 + pages, folder.name


def test_the_office_sheets_are_files_beside_the_packet_never_pages_of_it(demo):
    dewi = demo / "epa-return-home-dewi"
    assert (dewi / "deadlines-checklist.pdf").is_file()
    assert not any("期限チェックリスト" in text for text in pages_of(dewi / "packet.pdf"))
    trainee = demo / "trainee-tran"  # its only document is the office's checklist of what to gather
    assert (trainee / "trainee-checklist_申請書類チェックリスト.pdf").is_file() and not (trainee / "packet.pdf").exists()
    checklist = squash(pages_of(dewi / "deadlines-checklist.pdf")[0])
    assert "事務所用・提出しません" in checklist and "受入れの手引き2377行" in checklist
    assert "002_e5f9a0dfd8ef1d48" not in checklist and "epa_return_home" not in checklist


def test_the_cover_names_the_kind_in_japanese_and_each_office_with_its_documents(demo):
    cover = pages_of(demo / "jitco-airfare-advance-nguyen" / "packet.pdf")[0]
    flat = squash(cover)
    assert "種類JITCO帰国旅費立替払申請" in flat  # the kind's Japanese name, not jitco_airfare_advance
    local, head = flat.index("JITCO東京駐在事務所"), flat.index("JITCO本部能力開発部援助課")
    assert local < head
    assert "帰国旅費立替払申請書" in flat[local:head] and "資金繰りの申立書" in flat[local:head]
    sent_later = flat[head:flat.index("【案件】")]
    for title in ("領収書兼誓約書", "航空券受け取り確認書", "帰国状況報告書"):
        assert title in sent_later and title not in flat[local:head]
    assert "03-6430-1182" in sent_later and "立替払決定通知書" in sent_later


def test_a_packet_of_the_head_office_forms_alone_names_the_head_office(demo, tmp_path, worker_converter):
    inbox = tmp_path / "inbox"
    shutil.copytree(INBOX / "parties", inbox / "parties")
    text = (INBOX / "jitco-airfare-advance-nguyen.yaml").read_text(encoding="utf-8")
    (inbox / "later.yaml").write_text(text + "filed:\n  jitco-1: 2026-09-10\n", encoding="utf-8")
    build_pdfs(inbox, tmp_path / "out", worker_converter, "later.yaml")
    cover = squash(pages_of(tmp_path / "out" / "later" / "packet.pdf")[0])
    offices = cover[cover.index("【提出先】"):cover.index("【案件】")]
    assert offices.startswith("【提出先】JITCO本部能力開発部援助課") and "駐在事務所" not in offices
    assert "〒105-0013" not in offices  # the head office's address is not in the source: none is printed


def test_the_score_record_produces_its_score_sheet(demo):
    text = squash("".join(pages_of(demo / "score-kakuu-kumiai" / "packet.pdf")[1:]))
    assert "優良な監理団体の要件点数表" in text and "架空町技能交流協同組合" in text
    for item in ("①Ⅰ", "①Ⅶ", "②Ⅰ", "②Ⅳ", "③Ⅳ-2", "④Ⅲ", "⑤Ⅲ"):
        assert item in text, item
    assert "合計80120" in text and "合計80点／120点" in text and "優良要件に適合します" in text
    assert "（※訂正）" in text and "5点の誤りとして計算" in text  # 001:72's 50点, corrected and noted
    seiko = squash("".join(pages_of(demo / "score-kakuu-seiko" / "packet.pdf")[1:]))
    assert "優良な実習実施者の要件点数表" in seiko and "合計66点／120点" in seiko and "6点足りない" in seiko


def test_the_followup_record_produces_its_sheet_with_the_next_contact_and_the_3go_outlook(demo):
    text = squash("".join(pages_of(demo / "followup-nguyen-van-an" / "packet.pdf")[1:]))
    assert "帰国後フォローアップ記録" in text and "グエン・ヴァン・アン（NGUYENVANAN）" in text
    assert "次回の連絡予定日2027年7月10日" in text
    assert "技能実習の終了（2027年4月1日）後も3号に進める" in text and "2027年3月31日までに3号の計画の認定を申請" in text
    budi = squash("".join(pages_of(demo / "followup-budi" / "packet.pdf")[1:]))
    assert "帰国後の連絡の記録はまだありません" in budi and "予定日を過ぎています" in budi
