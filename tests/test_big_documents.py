"""A job offer with many facilities: its 様式3-2 is split at page breaks, converted in pieces and joined."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT
from generator import api, bigdocs
from generator.api import BuildOptions
from generator.libreoffice import ConverterPool, ConverterSettings

sys.path.insert(0, str(ROOT))
from benchmarks.cases import big_job_offer  # noqa: E402

pytestmark = pytest.mark.slow
FACILITIES = 24


@pytest.fixture(scope="module")
def offer(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    big_job_offer(FACILITIES, folder / "inbox")
    return folder


def test_a_big_document_is_split_at_its_page_breaks_into_valid_pieces(offer, tmp_path):
    api.build([offer / "inbox"], BuildOptions(out_dir=tmp_path, formats="docx"))
    docx = next(tmp_path.glob("*/jicwels-3-2_*.docx"))
    body = zipfile.ZipFile(docx).read(bigdocs.BODY)
    assert len(body) > bigdocs.SPLIT_ABOVE
    pieces = bigdocs.pieces_of(body)
    assert pieces is not None and len(pieces) >= 2
    text = [b"".join(bigdocs.TEXT.findall(piece)) for piece in pieces]
    assert b"".join(text) == b"".join(bigdocs.TEXT.findall(body))  # every text run, once, in order
    with_page_field = body.replace(b"<w:t>", b"<w:instrText> PAGE </w:instrText><w:t>", 1)
    assert bigdocs.pieces_of(with_page_field) is None  # a piece cannot know its page number


def test_the_pieces_make_the_same_pages_as_the_whole_document(offer, tmp_path, monkeypatch):
    with ConverterPool(ConverterSettings(count=2)) as pool:
        api.build([offer / "inbox"], BuildOptions(out_dir=tmp_path / "pieces", formats="both"), pool)
        monkeypatch.setattr(bigdocs, "SPLIT_ABOVE", 10**9)
        api.build([offer / "inbox"], BuildOptions(out_dir=tmp_path / "whole", formats="both"), pool)
    split = PdfReader(next((tmp_path / "pieces").glob("*/jicwels-3-2_*.pdf")))
    whole = PdfReader(next((tmp_path / "whole").glob("*/jicwels-3-2_*.pdf")))
    assert len(split.pages) == len(whole.pages)
    for n in (0, len(whole.pages) // 2, len(whole.pages) - 1):
        assert split.pages[n].extract_text() == whole.pages[n].extract_text()
    for number in (1, FACILITIES // 2, FACILITIES):
        assert any(f"{number} / {FACILITIES}" in page.extract_text() for page in split.pages)
    assert not list((tmp_path / "pieces").glob("*/.*piece*"))  # no piece is left in the outputs
