"""PDFs and packet.pdf from real LibreOffice: one build of a small inbox, shared by the tests of this module.

The inbox: the demo return-home case with a contract-end decision (→ 様式第8号 + 様式第6-1号) and a
user attachment, and the plain demo case. The forms are a copy of the two 厚労省 reports, so that a
form being edited elsewhere does not change what is measured here.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject

from conftest import INBOX, ROOT, builds_converting_on, run_formgen
from docxread import squash

pytestmark = pytest.mark.slow

FORMS = ("mhlw-8", "mhlw-6-1")
REPORT = "mhlw-8_帰国確認報告書.pdf"
CONTRACT_END = "mhlw-6-1_雇用契約終了報告書.pdf"
A4 = (595.3, 841.9)
EMBEDDED_FACES = {"IPAexMincho", "IPAexGothic", "LiberationSerif", "LiberationSerif-Bold", "LiberationSans",
                  "LiberationSans-Bold"}
"""Japanese in IPAex (ＭＳ 明朝/ゴシック), Latin letters and digits in Liberation (Times New Roman/Arial)."""


def blank_pdf(path: Path, pages: int) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595.28, height=841.89)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def small_inbox(root: Path) -> tuple[Path, Path]:
    """(inbox, forms): two return-home cases, one with 2 documents and a 2-page attachment."""
    inbox, forms = root / "inbox", root / "forms"
    shutil.copytree(INBOX / "parties", inbox / "parties")
    for form in FORMS:
        shutil.copytree(ROOT / "forms" / form, forms / form)
    text = (INBOX / "epa-return-home-dewi.yaml").read_text(encoding="utf-8")
    (inbox / "epa-return-home-dewi.yaml").write_text(text, encoding="utf-8")
    both = text.replace("contract_end_date: 2026-11-09",
                        "contract_end_date: 2026-11-09\ncontract_end_decision_date: 2026-10-20")
    both += "attachments:\n  - title: 在留カードの写し\n    file: attachments/zairyu-card.pdf\n"
    (inbox / "epa-return-home-dewi-end.yaml").write_text(both, encoding="utf-8")
    blank_pdf(inbox / "attachments" / "zairyu-card.pdf", 2)
    return inbox, forms


def build(inbox: Path, forms: Path, out: Path, *args: str):
    return run_formgen("build", str(inbox), "--out", str(out), *args,
                       env={"FORMGEN_FORMS": str(forms), "FORMGEN_CONVERT_TIMEOUT": "60"})


@pytest.fixture(scope="module")
def built(tmp_path_factory, worker_converter) -> Path:
    root = tmp_path_factory.mktemp("pdf")
    inbox, forms = small_inbox(root)
    with builds_converting_on(worker_converter):
        result = build(inbox, forms, root / "outbox", "--format", "both")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "outbox"


def text_of(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)



def fonts_of(pdf: Path, pages: slice = slice(None)) -> dict[str, bool]:
    """Base font name → embedded, for every font of the pages."""
    found: dict[str, bool] = {}
    for page in PdfReader(pdf).pages[pages]:
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            font = font.get_object()
            descriptors = [font] + [d.get_object() for d in font.get("/DescendantFonts", [])]
            embedded = any(
                any(key in (d.get("/FontDescriptor") or {}) for key in ("/FontFile", "/FontFile2", "/FontFile3"))
                for d in descriptors)
            found[str(font["/BaseFont"]).split("+", 1)[-1]] = embedded
    return found


def is_a4(page) -> bool:
    box: RectangleObject = page.mediabox
    return abs(float(box.width) - A4[0]) < 1 and abs(float(box.height) - A4[1]) < 1


def test_each_document_pdf_carries_the_filled_values(built):
    report = squash(text_of(built / "epa-return-home-dewi" / REPORT))
    for value in ("デウィ・アユ・レスタリ", "DEWI AYU LESTARI", "AB12345678CD", "ID-K-2022-0457", "成田国際空港 GA 881",
                  "西暦 2026年11月10日", "公益社団法人 国際厚生事業団 殿", "社会福祉法人さくら福祉会"):
        assert squash(value) in report, value
    contract_end = squash(text_of(built / "epa-return-home-dewi-end" / CONTRACT_END))
    assert "雇用契約終了報告書" in contract_end and "デウィ・アユ・レスタリ" in contract_end


def test_pdfs_are_a4_and_set_in_embedded_ipaex_mincho_and_gothic(built):
    pdfs = sorted(built.glob("*/*.pdf"))
    assert len(pdfs) >= 5  # 3 documents + 2 packets
    for pdf in pdfs:
        assert all(is_a4(page) for page in PdfReader(pdf).pages), pdf
        fonts = fonts_of(pdf)
        assert fonts and all(fonts.values()), (pdf, fonts)  # every font embedded
    # the forms and the cover: the faces the templates name set in IPAex (ＭＳ 明朝/ゴシック, Japanese) and
    # Liberation (Times New Roman/Arial, Latin letters and digits), not a fallback
    forms = [built / "epa-return-home-dewi" / REPORT, built / "epa-return-home-dewi-end" / CONTRACT_END]
    for pdf in forms:
        assert set(fonts_of(pdf)) <= EMBEDDED_FACES, (pdf, fonts_of(pdf))
    assert {"IPAexMincho", "IPAexGothic", "LiberationSerif"} <= set(fonts_of(forms[0]))
    cover = fonts_of(built / "epa-return-home-dewi" / "packet.pdf", slice(0, 1))
    assert set(cover) == {"IPAexMincho", "IPAexGothic", "LiberationSerif", "LiberationSans"}, cover


def packet_parts(folder: Path) -> list[Path]:
    """The filed documents only: the deadline checklist is the office's own sheet, a file beside the packet."""
    return [folder / CONTRACT_END, folder / REPORT] if (folder / CONTRACT_END).exists() else [folder / REPORT]


def test_packet_is_cover_plus_parts_plus_attachments_with_a_bookmark_each(built):
    folder = built / "epa-return-home-dewi-end"
    packet = PdfReader(folder / "packet.pdf")
    parts = sum(len(PdfReader(p).pages) for p in packet_parts(folder))
    assert len(packet.pages) == 1 + parts + 2  # cover + parts + the 2-page attachment
    titles = [item.title for item in packet.outline]
    assert titles[0] == "表紙"
    assert titles[-3:] == ["厚生労働省通知様式第6-1号 雇用契約終了報告書", "厚生労働省通知様式第8号 帰国確認報告書",
                           "添付: 在留カードの写し"]
    assert len(titles) == 1 + len(packet_parts(folder)) + 1
    pages = [packet.get_destination_page_number(item) for item in packet.outline]
    assert pages == sorted(pages) and pages[0] == 0 and pages[-1] == len(packet.pages) - 2
    metadata = packet.metadata
    assert metadata.title == "提出書類一式 帰国確認報告書（厚生労働省通知 様式第8号）（デウィ・アユ・レスタリ）"
    assert "帰国確認報告書" in metadata.subject and "国際厚生事業団" in metadata.subject
    assert metadata.creation_date is not None


def test_the_cover_names_the_office_the_case_the_pages_and_what_to_add(built):
    folder = built / "epa-return-home-dewi-end"
    packet = PdfReader(folder / "packet.pdf")
    cover = packet.pages[0].extract_text()
    assert "提出書類一式（表紙）" in cover
    assert "公益社団法人 国際厚生事業団（JICWELS）" in cover
    assert "デウィ・アユ・レスタリ" in cover and "帰国確認報告書（厚生労働省通知 様式第8号）" in cover
    assert "epa-return-home-dewi" not in cover and "epa_return_home" not in cover  # no case id, no kind id
    assert "期限チェックリスト" not in cover  # not filed: not an enclosure
    assert "□ 航空券（搭乗券）の写し" in cover  # the manifest's attachments_to_add
    assert "社会福祉法人さくら福祉会" in cover
    # the page each part starts on, as the cover lists it, is where its bookmark points
    starts = {item.title: packet.get_destination_page_number(item) + 1 for item in packet.outline}
    rows = squash(cover)  # a row of the enclosure table: title, form, first page (or range)
    assert f"帰国確認報告書厚生労働省通知様式第8号{starts['厚生労働省通知様式第8号 帰国確認報告書']}" in rows
    first = starts["添付: 在留カードの写し"]
    assert f"在留カードの写し（添付）—{first}-{first + 1}" in rows


def test_covers_written_at_the_same_time_are_each_whole(tmp_path, monkeypatch):
    """The case threads of a batch write their covers at once. reportlab reads a font file through one shared
    position while it subsets the font; with a thread switch forced after each of its seeks, two covers at once
    read each other's glyph data (KeyError 2584 without generator/drawing.py's lock) or differ from themselves."""
    import datetime as dt
    import threading
    import time

    from reportlab import rl_config
    from reportlab.pdfbase import ttfonts

    from generator.cover import CoverOffice, CoverSheet, Enclosure, write_cover

    def sheet(name: str) -> CoverSheet:
        return CoverSheet([CoverOffice("公益社団法人国際厚生事業団", ["〒105-0001 東京都港区架空1-1-1"])],
                          [("氏名", name), ("施設", "特別養護老人ホーム架空苑")], [Enclosure("帰国確認報告書", "様式第8", 2, 1)],
                          [], made_on=dt.date(2026, 12, 1))

    monkeypatch.setattr(rl_config, "invariant", 1)  # the same bytes for the same cover
    names = ["グエン・ヴァン・アン NGUYỄN VĂN AN", "デウィ・アユ・レスタリ DEWI AYU LESTARI"]
    alone = [write_cover(sheet(name), tmp_path / f"alone-{n}.pdf").read_bytes() for n, name in enumerate(names)]
    seek = ttfonts.TTFontParser.seek

    def seek_then_let_others_run(parser, position):
        seek(parser, position)
        time.sleep(0)

    monkeypatch.setattr(ttfonts.TTFontParser, "seek", seek_then_let_others_run)
    outcomes: list[object] = []

    def write(n: int) -> None:
        try:
            for round_ in range(2):
                outcomes.append(write_cover(sheet(names[n]), tmp_path / f"together-{n}-{round_}.pdf").read_bytes() == alone[n])
        except Exception as error:  # noqa: BLE001 - what the case would have failed with
            outcomes.append(f"{type(error).__name__}: {error}")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(len(names))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == [True] * 4


def test_single_page_reports_say_sheet_1_of_1_in_the_packet(built):
    packet_text = text_of(built / "epa-return-home-dewi" / "packet.pdf")
    assert re.search(r"\(\s*1\s*\)\s*枚のうち\s*\(\s*1\s*\)\s*枚目", packet_text)


def test_pdfa_writes_pdfa_2b(tmp_path, warm_converter):
    inbox, forms = small_inbox(tmp_path)
    (inbox / "epa-return-home-dewi-end.yaml").unlink()
    result = build(inbox, forms, tmp_path / "outbox", "--format", "pdf", "--pdfa")
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "outbox" / "epa-return-home-dewi"
    assert not (folder / REPORT.replace(".pdf", ".docx")).exists()  # --format pdf: no DOCX
    for name in (REPORT, "deadlines-checklist.pdf"):  # the checklist too: converted, not drawn, for PDF/A
        xmp = PdfReader(folder / name).xmp_metadata
        assert xmp is not None, name
        raw = xmp.stream.get_data().decode("utf-8")
        assert re.search(r"pdfaid:part(>|=\")2", raw) and re.search(r"pdfaid:conformance(>|=\")B", raw), raw[:500]


def test_a_missing_or_unreadable_attachment_is_refused_with_its_line(tmp_path):
    inbox, forms = small_inbox(tmp_path)
    case = inbox / "epa-return-home-dewi-end.yaml"
    line = next(i for i, text in enumerate(case.read_text(encoding="utf-8").splitlines(), 1)
                if "zairyu-card.pdf" in text)
    (inbox / "attachments" / "zairyu-card.pdf").unlink()
    result = build(inbox, forms, tmp_path / "outbox", "--format", "docx")
    assert result.returncode == 1
    assert f"{case}:{line}:" in result.stderr and "attachments/zairyu-card.pdf" in result.stderr
    assert not (tmp_path / "outbox" / "epa-return-home-dewi-end").exists()
    (inbox / "attachments" / "zairyu-card.pdf").write_text("not a pdf", encoding="utf-8")
    result = run_formgen("validate", str(case), env={"FORMGEN_FORMS": str(forms)})
    assert result.returncode == 1 and "PDF として読めません" in result.stderr


class TwoPagesConverter:
    """Stands in for LibreOffice: every 'PDF' has two pages, as a long report would."""

    def __init__(self):
        self.calls = 0

    def convert(self, source: Path, target: Path, pdfa: bool = False) -> Path:
        self.calls += 1
        return blank_pdf(target, 2)


def test_a_report_that_runs_to_two_pages_is_rendered_again_with_the_real_sheet_count(tmp_path):
    from docxread import full_text
    from generator.artifacts import Document
    from generator.catalogue import _read_manifest
    from generator.context import case_context
    from generator.convert import convert_documents
    from generator.load import load_case
    from generator.render import render_docx
    from generator.validate import validate_case

    form = _read_manifest(ROOT / "forms" / "mhlw-8")
    context = case_context(validate_case(load_case(INBOX / "epa-return-home-dewi.yaml", INBOX)))
    document = Document(form, render_docx(form, context, tmp_path / "report.docx"))
    assert "( 1 )枚のうち( 1 )枚目" in full_text(document.docx)
    converter = TwoPagesConverter()
    convert_documents([document], converter, context)
    assert converter.calls == 2 and document.pdf == tmp_path / "report.pdf"
    assert "( 2 )枚のうち( 1 )枚目" in full_text(document.docx)
