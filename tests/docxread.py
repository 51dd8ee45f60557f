"""Reading produced documents back the way a person would: the text of a DOCX, the cell beside a label."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from docx import Document
from docx.table import Table


def _tables(container) -> list[Table]:
    found = []
    for table in container.tables:
        found.append(table)
        for row in table.rows:
            for cell in row.cells:
                found.extend(_tables(cell))
    return found


def paragraphs(path: Path) -> list[str]:
    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in _tables(document):
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    for section in document.sections:
        for part in (section.header, section.footer):
            texts.extend(p.text for p in part.paragraphs)
    return texts


def full_text(path: Path) -> str:
    return "\n".join(paragraphs(path))


def rows(path: Path) -> list[list[str]]:
    """Every table row's cell texts (merged cells repeat, as python-docx reports them)."""
    document = Document(str(path))
    return [[cell.text for cell in row.cells] for table in _tables(document) for row in table.rows]


def value_beside(path: Path, label: str, occurrence: int = 0) -> str:
    """The text of the first cell to the right of the cell whose text is `label` (its n-th occurrence)."""
    seen = 0
    for cells in rows(path):
        for index, text in enumerate(cells):
            if text.strip() == label:
                if seen == occurrence:
                    for right in cells[index + 1:]:
                        if right != text:
                            return right
                seen += 1
    raise AssertionError(f"no cell labelled {label!r} (occurrence {occurrence}) in {path}")


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of a PDF in the order the page draws it, as pypdf reads it, but ten times
    faster (poppler's pdftotext -raw)."""
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout
    return text.decode("utf-8").split("\f")[:-1]


def squash(text: str) -> str:
    """Without white space: the extraction breaks lines inside table cells and spaces out digits."""
    return re.sub(r"\s+", "", text)
