"""A job offer with many facilities: its 様式3-2 is split at page breaks, converted in pieces and joined."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image
from pypdf import PdfReader

from conftest import ROOT
from docxread import pdf_pages
from generator import api, bigdocs, convert
from generator.api import BuildOptions
from generator.convert import convert_docx

sys.path.insert(0, str(ROOT))
from benchmarks.cases import big_job_offer  # noqa: E402

pytestmark = pytest.mark.slow
FACILITIES = 9
"""Four pages each: 36 pages. The limits are scaled down with it (below), so that it splits into as many
pieces as a 27-facility offer does with the real limits; every border between pieces is compared."""


@pytest.fixture(autouse=True)
def smaller_limits(monkeypatch):
    monkeypatch.setattr(bigdocs, "SPLIT_ABOVE", bigdocs.SPLIT_ABOVE // 3)
    monkeypatch.setattr(bigdocs, "PIECE_BYTES", bigdocs.PIECE_BYTES // 3)


@pytest.fixture(scope="module")
def big_docx(tmp_path_factory) -> Path:
    """The 様式3-2 of a job offer with FACILITIES facilities, as the pipeline renders it."""
    folder = tmp_path_factory.mktemp("big")
    big_job_offer(FACILITIES, folder / "inbox")
    api.build([folder / "inbox"], BuildOptions(out_dir=folder / "outbox", formats="docx"))
    return next((folder / "outbox").glob("*/jicwels-3-2_*.docx"))


def _text_runs(body_xml: bytes) -> str:
    """The text of every w:t, whichever way the XML writes it (the rendered body keeps Jinja's `<w:t></w:t>`
    and character references, a piece is written by lxml)."""
    root = etree.fromstring(body_xml, etree.XMLParser(huge_tree=True))
    return "\x00".join(t.text or "" for t in root.iter(f"{bigdocs.W}t")) + "\x00"


def test_a_big_document_is_split_at_its_page_breaks_into_valid_pieces(big_docx):
    body = zipfile.ZipFile(big_docx).read(bigdocs.BODY)
    assert len(body) > bigdocs.SPLIT_ABOVE
    pieces = bigdocs.pieces_of(body)
    assert pieces is not None and len(pieces) >= 3
    assert "".join(map(_text_runs, pieces)) == _text_runs(body)  # every text run, once, in order
    with_page_field = body.replace(b"<w:t>", b"<w:instrText> PAGE </w:instrText><w:t>", 1)
    assert bigdocs.pieces_of(with_page_field) is None  # a piece cannot know its page number


def _page_images(pdf: Path, folder: Path) -> list[bytes]:
    """Every page rendered at 40 dpi in gray: what the pages look like (extracted text groups glyphs
    differently from one PDF to another even when the pages look alike)."""
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "40", "-gray", str(pdf), str(folder / "page")], check=True)
    return [Image.open(page).tobytes() for page in sorted(folder.glob("page-*.pgm"))]


def test_the_pieces_make_the_same_pages_as_the_whole_document(big_docx, tmp_path, monkeypatch, worker_converter):
    """The pipeline's conversion step (generator/convert.py) on the big document, in pieces and whole."""
    (tmp_path / "pieces").mkdir()
    docx = Path(shutil.copy(big_docx, tmp_path / "pieces" / big_docx.name))
    split_pdf, whole_pdf = docx.with_suffix(".pdf"), tmp_path / "whole.pdf"
    in_pieces = []
    real = bigdocs.convert_in_pieces
    monkeypatch.setattr(convert, "convert_in_pieces", lambda *args: in_pieces.append(real(*args)) or in_pieces[-1])
    convert_docx(docx, split_pdf, worker_converter, pdfa=False)
    assert in_pieces == [True]  # converted in pieces, not whole after all
    monkeypatch.setattr(bigdocs, "SPLIT_ABOVE", 10**9)
    convert_docx(docx, whole_pdf, worker_converter, pdfa=False)
    split, whole = PdfReader(split_pdf), PdfReader(whole_pdf)
    assert len(split.pages) == len(whole.pages)
    pieces, whole_pages = _page_images(split_pdf, tmp_path / "s"), _page_images(whole_pdf, tmp_path / "w")
    differ = [n for n, (a, b) in enumerate(zip(pieces, whole_pages, strict=True), 1) if a != b]
    assert differ == [], f"pages {differ} of the pieces do not look like those of the whole document"
    texts = pdf_pages(split_pdf)
    for number in (1, FACILITIES // 2, FACILITIES):
        assert any(f"{number} / {FACILITIES}" in text for text in texts), number
    assert sorted(p.name for p in (tmp_path / "pieces").iterdir()) == sorted([docx.name, split_pdf.name])  # no piece left


def test_pieces_whose_first_page_is_not_blank_make_the_document_convert_whole(big_docx, tmp_path):
    """Should LibreOffice stop beginning a piece with the blank page of its leading break, nothing is dropped:
    convert_in_pieces declines, the caller converts the whole document, and no piece is left."""
    from reportlab.pdfgen import canvas

    def converter_without_blank_pages(source: Path, target: Path) -> Path:
        sheet = canvas.Canvas(str(target))
        for page in (1, 2):
            sheet.drawString(72, 720, f"{source.stem} {page}")
            sheet.showPage()
        sheet.save()
        return target

    docx = Path(shutil.copy(big_docx, tmp_path / big_docx.name))
    assert bigdocs.convert_in_pieces(docx, tmp_path / "out.pdf", converter_without_blank_pages, 2) is False
    assert sorted(p.name for p in tmp_path.iterdir()) == [docx.name]
