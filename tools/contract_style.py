"""The look of the JICWELS contracts (様式8, 様式11; seed 002:3389-3496, 3868-3979): a cover sheet,
the title, the preamble naming 甲, articles with captions, numbered paragraphs and items, the date and
the 甲/乙 execution blocks. The body text is the seed's, kept in tools/templates/<id>.body.txt.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx.shared import Mm

from templatekit import GOTHIC, L, V, grid, new_document, p, page_break, spacer, unbroken

JICWELS_BLOCK = ["〒104-0061", "東京都中央区銀座7丁目17-14 松岡銀七ビル3階", "電話(03)6206-1138",
                 "公益社団法人 国際厚生事業団", "理事長 高久 史磨"]
"""乙's block as the 2022 edition preprints it (3488-3496, 3971-3979)."""

_ARTICLE = re.compile(r"^第\s*\d+\s*条")
_PARAGRAPH = re.compile(r"^\d+\s")
_ITEM = re.compile(r"^（\d+）")
_SUBITEM = re.compile(r"^[アイウエオ]\s")


def _indented(doc, text: str, left_mm: float, hanging_mm: float = 0) -> None:
    paragraph = p(doc, text, align="justify")
    paragraph.paragraph_format.left_indent = Mm(left_mm + hanging_mm)
    paragraph.paragraph_format.first_line_indent = Mm(-hanging_mm)


def body(doc, text_file: Path, replacements: dict[str, str]) -> None:
    """Render the seed's contract text line by line; tab-separated lines form a table."""
    lines = text_file.read_text(encoding="utf-8").splitlines()
    table: list[list[str]] = []
    for line in lines + [""]:
        for old, new in replacements.items():
            line = line.replace(old, new)
        if "\t" in line:
            table.append(line.split("\t"))
            continue
        if table:
            width = max(len(row) for row in table)
            rows = [[L(c) if r == 0 else V(c) for c in row] if len(row) == width
                    else [V("")] * (width - len(row)) + [V(c) for c in row] for r, row in enumerate(table)]
            grid(doc, rows, widths_mm=[24, 70, 28, 52][:width], size=9)  # the text width, 174 mm
            spacer(doc, 2)
            table = []
        if not line:
            continue
        if line.startswith("（") and line.endswith("）") and not _ITEM.match(line):
            p(doc, line, space_before=4)
        elif _ARTICLE.match(line):
            _indented(doc, line, 0, 4)
        elif _PARAGRAPH.match(line):
            _indented(doc, line, 0, 4)
        elif _ITEM.match(line):
            _indented(doc, line, 4, 7)
        elif _SUBITEM.match(line):
            _indented(doc, line, 11, 4)
        else:
            p(doc, line, align="justify")


def cover(doc, title_lines: list[str], number_label: str) -> None:
    spacer(doc, 60)
    for line in title_lines:
        p(doc, line, align="center", bold=True, size=16, font=GOTHIC, space_after=4)
    spacer(doc, 80)
    grid(doc, [[L(number_label), V("{{ institution.institution_number }}")],
               [L("受入れ機関名"), V("{{ institution.name }}")]], widths_mm=[45, 90], row_height_mm=12)
    page_break(doc)


def execution(doc, date_expression: str, copy_label: str) -> None:
    spacer(doc, 6)
    p(doc, date_expression, align="left")
    spacer(doc, 6)
    p(doc, "甲")
    for line in (unbroken("〒{{ institution.postal_code }} {{ institution.address }}"), "{{ institution.name }}",
                 "{{ institution.representative.title }} {{ institution.representative.name }}　　印"):
        p(doc, line).paragraph_format.left_indent = Mm(10)
    spacer(doc, 6)
    p(doc, "乙 " + JICWELS_BLOCK[0])
    for line in JICWELS_BLOCK[1:]:
        p(doc, line).paragraph_format.left_indent = Mm(10)
    spacer(doc, 4)
    p(doc, copy_label, align="right", size=9)


def contract_document(form_number: str, cover_title: list[str], number_label: str, heading_lines: list[str],
                      text_file: Path, date_expression: str):
    """Cover, then the contract twice (甲保管用, 乙保管用): "本書2通を作成し…各1通" (3482, 3965)."""
    doc = new_document(size=10)
    cover(doc, cover_title, number_label)
    for index, copy in enumerate(("（甲保管用）", "（乙保管用）")):
        if index:
            page_break(doc)
        p(doc, form_number, size=9)
        for number, line in enumerate(heading_lines):
            p(doc, line, align="center", bold=True, size=12, font=GOTHIC,
              space_after=8 if number == len(heading_lines) - 1 else 0)
        body(doc, text_file, {"_____": "{{ institution.name }}"})
        execution(doc, date_expression, copy)
    return doc
