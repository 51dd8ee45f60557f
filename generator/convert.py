"""Pipeline step 5: DOCX → PDF on the warm LibreOffice converters (see generator/libreoffice.py).

The documents of one case are converted in parallel when converters are free, and a big document
in pieces (generator/bigdocs.py). A 厚労省 report prints
"( {{ sheets }} )枚のうち( {{ sheet }} )枚目"; the context says 1 of 1, and a report whose PDF comes out
longer is rendered again with the real sheet count and converted again.
"""

from __future__ import annotations

import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

from generator.artifacts import Document
from generator.bigdocs import convert_in_pieces
from generator.render import render_docx


def page_count(pdf: Path) -> int:
    from generator.pdfcheck import page_count as pages  # a DOCX-only build never loads the PDF library

    return pages(pdf)


SHEET_COUNT_TAG = re.compile(rb"\{\{\s*sheets\s*\}\}")  # not a form's own numbering (e.g. s.total)


@lru_cache(maxsize=128)
def _prints_sheet_count(template: Path, modified: float) -> bool:
    with zipfile.ZipFile(template) as package:
        return any(SHEET_COUNT_TAG.search(package.read(name))
                   for name in package.namelist() if name.startswith("word/"))


def prints_sheet_count(template: Path) -> bool:
    return _prints_sheet_count(template, template.stat().st_mtime)


def convert_docx(docx: Path, pdf: Path, converter, pdfa: bool) -> Path:
    """One DOCX → PDF; a big document in pieces on all converters at once (generator/bigdocs.py)."""
    def convert(source: Path, target: Path) -> Path:
        return converter.convert(source, target, pdfa=pdfa)

    if not convert_in_pieces(docx, pdf, convert, getattr(converter, "capacity", 1)):
        convert(docx, pdf)
    return pdf


def _convert_one(document: Document, converter, context: dict | None, pdfa: bool) -> None:
    docx = document.docx
    assert docx is not None, "a document is converted before its DOCX is dropped"
    pdf = convert_docx(docx, docx.with_suffix(".pdf"), converter, pdfa)
    sheets = page_count(pdf)
    if sheets > 1 and context is not None and prints_sheet_count(document.form.template_path):
        render_docx(document.form, {**context, "sheets": sheets}, docx)
        convert_docx(docx, pdf, converter, pdfa)
    document.pdf = pdf


def convert_documents(documents: list[Document], converter, context: dict | None = None, pdfa: bool = False) -> None:
    """Set `document.pdf` for each document; nothing when there is no converter (DOCX only).

    `converter` is the build's (generator.pipeline.Converter); `context` lets a multi-page report be
    rendered again with its real sheet count.
    """
    if converter is None or not documents:
        return
    if len(documents) == 1:
        _convert_one(documents[0], converter, context, pdfa)
        return
    with ThreadPoolExecutor(max_workers=len(documents)) as workers:
        for finished in [workers.submit(_convert_one, d, converter, context, pdfa) for d in documents]:
            finished.result()
