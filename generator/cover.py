"""The packet's cover sheet (表紙), written as an A4 DOCX and converted by the same converters as the forms.

It names the office the packet goes to (提出先), the case, the documents enclosed with their pages in
the packet, the documents the user must still add (☐ checklist, from the manifests' attachments_to_add)
and the requirement warnings of the build.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

MINCHO = "ＭＳ 明朝"  # set in IPAex明朝 through tools/fontconfig/60-formgen-japanese.conf
GOTHIC = "ＭＳ ゴシック"


@dataclass
class Enclosure:
    """One part of the packet as the cover lists it."""

    title: str
    official_id: str
    first_page: int = 0
    pages: int = 0
    supplied: bool = False  # a file the user gave (case field attachments), not a generated form

    @property
    def page_range(self) -> str:
        last = self.first_page + self.pages - 1
        return f"{self.first_page}" if self.pages <= 1 else f"{self.first_page}-{last}"


@dataclass
class CoverSheet:
    submit_to_name: str
    submit_to_lines: list[str]
    case_lines: list[tuple[str, str]]
    enclosures: list[Enclosure]
    to_add: list[str]
    warnings: list[str] = field(default_factory=list)
    made_on: dt.date = field(default_factory=dt.date.today)


def _fonts(element, font: str) -> None:
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font)


def _paragraph(container, text: str = "", size: float = 10.5, font: str = MINCHO, bold: bool = False,
               align: str = "left", before: float = 0, after: float = 0):
    paragraph = container.add_paragraph()
    paragraph.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                           "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    paragraph.paragraph_format.space_before, paragraph.paragraph_format.space_after = Pt(before), Pt(after)
    run = paragraph.add_run(text)
    run.font.size, run.bold = Pt(size), bold
    _fonts(run._element, font)
    return paragraph


def _cell(cell, text: str, bold: bool = False, align: str = "left", size: float = 10) -> None:
    cell.text = ""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.LEFT
    run = paragraph.add_run(text)
    run.font.size, run.bold = Pt(size), bold
    _fonts(run._element, GOTHIC if bold else MINCHO)


def _heading(document, text: str) -> None:
    _paragraph(document, f"【{text}】", size=11, font=GOTHIC, bold=True, before=10, after=3)


def _table(document, header: list[str], rows: list[list[str]], widths_mm: list[float]):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header):
        _cell(cell, text, bold=True, align="center")
    for row in rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, row)):
            _cell(cell, text, align="center" if index in (0, len(row) - 1) else "left")
    _widths(table, widths_mm)
    return table


def _widths(table, widths_mm: list[float]) -> None:
    """Both the grid and the cells: LibreOffice reads the grid, Word the cells."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)


def write_cover(sheet: CoverSheet, destination: Path) -> Path:
    document = new_docx()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(18)
    section.left_margin = section.right_margin = Mm(20)
    for style_name in ("Normal", "Table Grid"):
        _fonts(document.styles[style_name].element, MINCHO)
    document.styles["Normal"].paragraph_format.space_after = Pt(0)
    document.core_properties.language = "ja-JP"

    _paragraph(document, f"作成日 {sheet.made_on.year}年{sheet.made_on.month}月{sheet.made_on.day}日", align="right")
    _paragraph(document, "提出書類一式（表紙）", size=16, font=GOTHIC, bold=True, align="center", before=6, after=8)

    _heading(document, "提出先")
    _paragraph(document, sheet.submit_to_name, size=12, font=GOTHIC, bold=True)
    for line in sheet.submit_to_lines:
        _paragraph(document, line)

    _heading(document, "案件")
    case_table = document.add_table(rows=0, cols=2)
    case_table.style = "Table Grid"
    for label, value in sheet.case_lines:
        cells = case_table.add_row().cells
        _cell(cells[0], label, bold=True)
        _cell(cells[1], value)
    _widths(case_table, [40, 130])

    _heading(document, "同封書類（提出順）")
    rows = [[str(n), e.title + ("（添付）" if e.supplied else ""), e.official_id or "—", e.page_range]
            for n, e in enumerate(sheet.enclosures, 1)]
    _table(document, ["No.", "書類名", "様式", "ページ"], rows, [12, 88, 50, 20])

    if sheet.to_add:
        _heading(document, "別途そろえて添付する書類（確認欄）")
        for item in sheet.to_add:
            _paragraph(document, f"□ {item}", size=10.5, after=2)

    if sheet.warnings:
        _heading(document, "確認事項（要件チェックの警告）")
        for warning in sheet.warnings:
            _paragraph(document, f"・{warning}", size=9.5, after=2)

    _paragraph(document, "この表紙は formgen が作成しました。提出前に内容と添付書類を確認してください。",
               size=8.5, align="right", before=14)
    document.save(str(destination))
    return destination
