"""Building blocks for authoring the forms' DOCX templates with python-docx.

A form's template source is tools/templates/<form-id>.py with `build() -> Document`;
`python tools/build_templates.py` writes forms/<form-id>/template.docx from it. The DOCX is the
artefact formgen uses: a template author may instead edit the DOCX in Word (each Jinja tag typed in
one go so that it stays in one run) and delete the source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

MINCHO = "ＭＳ 明朝"
GOTHIC = "ＭＳ ゴシック"
LATIN = {MINCHO: "Times New Roman", GOTHIC: "Arial"}
"""The face of a run's Latin letters and digits beside its Japanese face (Word's w:ascii beside w:eastAsia):
IPAex has no Vietnamese letters (Số, Nguyễn), which these faces (Liberation Serif/Sans on Linux) carry."""
VALIGN = {"top": WD_CELL_VERTICAL_ALIGNMENT.TOP, "center": WD_CELL_VERTICAL_ALIGNMENT.CENTER,
          "bottom": WD_CELL_VERTICAL_ALIGNMENT.BOTTOM}
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


def _set_fonts(rpr_owner, font: str) -> None:
    """`font` (a Japanese face) for Japanese text, its LATIN companion for Latin letters and digits."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    latin = LATIN.get(font, font)
    for attribute, face in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", font), ("w:cs", latin)):
        fonts.set(qn(attribute), face)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "ja-JP")


def new_document(size: float = 10.5, margins_mm: Sequence[float] = (15, 18, 15, 18)) -> DocxDocument:
    """A4 portrait, ＭＳ 明朝 with Times New Roman for Latin (IPAex明朝 and Liberation Serif where Word's fonts
    are not installed)."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = (Mm(m) for m in margins_mm)
    for style_name in ("Normal", "Table Grid"):
        _set_fonts(doc.styles[style_name].element, MINCHO)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(size)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.15
    doc.core_properties.language = "ja-JP"
    return doc


def text_width_mm(doc: DocxDocument) -> float:
    section = doc.sections[0]
    width, left, right = section.page_width, section.left_margin, section.right_margin
    assert width is not None and left is not None and right is not None, "new_document sets the page"
    return (width - left - right) / 36000


def _run(paragraph, text: str, bold: bool = False, size: float | None = None, font: str | None = None,
         underline: bool = False):
    run = paragraph.add_run(text)
    if "{{" in text:  # a filter may split the text (nobreak, multiline): keep the spaces at its ends
        for element in run._r.findall(qn("w:t")):
            element.set(qn("xml:space"), "preserve")
    run.bold = bold or None
    run.underline = underline or None
    if size:
        run.font.size = Pt(size)
    if font:
        _set_fonts(run._element, font)
    return run


def p(doc_or_cell, text: str = "", align: str = "left", bold: bool = False, size: float | None = None,
      space_before: float = 0, space_after: float = 0, font: str | None = None, underline: bool = False):
    """One paragraph; `text` goes into a single run so that Jinja tags stay whole."""
    paragraph = doc_or_cell.add_paragraph()
    paragraph.alignment = ALIGN[align]
    paragraph.paragraph_format.space_before = Pt(space_before)
    paragraph.paragraph_format.space_after = Pt(space_after)
    if text:
        _run(paragraph, text, bold, size, font, underline)
    return paragraph


def form_number(doc, text: str) -> None:
    """The 様式番号 line at the top left, e.g. （厚生労働省通知様式第8号）."""
    p(doc, text, size=9)


def title(doc, text: str, size: float = 16, space_after: float = 8) -> None:
    p(doc, text, align="center", bold=True, size=size, space_before=6, space_after=space_after, font=GOTHIC)


def heading(doc, text: str, size: float = 10.5, space_before: float = 6) -> None:
    p(doc, text, bold=True, size=size, space_before=space_before, space_after=2, font=GOTHIC)


CELL_LINE_SPACING = 1.0
"""Single-spaced cells: at the body's 1.15 LibreOffice sets a cell's last line on its bottom border."""
CELL_PADDING_MM = 0.25
"""Above and below a cell's text, so that a two-line cell does not touch its borders."""
CELL_SIDE_MARGIN_MM = 1.9  # left and right, the table style's (108 twips)


def _cell_paragraph(paragraph, align: str):
    paragraph.alignment = ALIGN[align]
    paragraph.paragraph_format.line_spacing = CELL_LINE_SPACING
    return paragraph


def _cell_text(cell, text: str, align: str, bold: bool, size: float | None, width_mm: float) -> None:
    """The cell's lines as paragraphs; a tab in a line sets what follows it flush right (←低い\t高い→)."""
    paragraph = _cell_paragraph(cell.paragraphs[0], align)
    lines = text.split("\n") if text else []
    for index, line in enumerate(lines):
        if index:
            paragraph = _cell_paragraph(cell.add_paragraph(), align)
        if "\t" in line:
            paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(width_mm - 2 * CELL_SIDE_MARGIN_MM),
                                                              WD_TAB_ALIGNMENT.RIGHT)
        if line:
            _run(paragraph, line, bold, size)


def _cell_margins(table, top_bottom_mm: float) -> None:
    """Top and bottom cell margins of the whole table (left and right stay the style's 1.9 mm)."""
    margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
    if margins is None:
        margins = OxmlElement("w:tblCellMar")
        table._tbl.tblPr.append(margins)
    for side in ("top", "bottom"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(int(Mm(top_bottom_mm).twips)))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)


def _shade(cell, fill: str = "EDEDED") -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


class Cell:
    """A table cell's text and look. Plain strings in a grid are value cells, left aligned."""

    def __init__(self, text: str = "", align: str = "left", bold: bool = False, size: float | None = None,
                 label: bool = False, span: int = 1, vspan: int = 1):
        self.text, self.align, self.bold, self.size = text, align, bold, size
        self.label, self.span, self.vspan = label, span, vspan


def L(text: str, span: int = 1, vspan: int = 1, align: str = "left", size: float | None = None) -> Cell:  # noqa: N802
    """A label cell (shaded, as the official forms print their headings)."""
    return Cell(text, align=align, label=True, span=span, vspan=vspan, size=size)


def V(text: str = "", span: int = 1, vspan: int = 1, align: str = "left", size: float | None = None,  # noqa: N802
      bold: bool = False) -> Cell:
    """A value cell."""
    return Cell(text, align=align, span=span, vspan=vspan, size=size, bold=bold)


def grid(doc, rows: Sequence[Sequence[Cell | str | None]], widths_mm: Sequence[float], size: float | None = None,
         row_height_mm: float | None = None, borders: bool = True, padding_mm: float = CELL_PADDING_MM,
         valign: str = "center"):
    """A bordered table. Each row lists its cells left to right; `span`/`vspan` merge cells, and the
    places a merge covers are simply left out of the following rows (or given as None)."""
    table = doc.add_table(rows=len(rows), cols=len(widths_mm))
    if borders:
        table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _cell_margins(table, padding_mm)
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for item in row:
            while (r, c) in covered:
                c += 1
            if c >= len(widths_mm):
                raise ValueError(f"row {r} has more cells than the {len(widths_mm)} columns")
            if item is None:
                c += 1
                continue
            cell = item if isinstance(item, Cell) else Cell(str(item))
            target = table.cell(r, c)
            if cell.span > 1 or cell.vspan > 1:
                target = target.merge(table.cell(r + cell.vspan - 1, c + cell.span - 1))
                for rr in range(r, r + cell.vspan):
                    for cc in range(c, c + cell.span):
                        if (rr, cc) != (r, c):
                            covered.add((rr, cc))
            _cell_text(target, cell.text, cell.align, cell.bold, cell.size or size, sum(widths_mm[c:c + cell.span]))
            target.vertical_alignment = VALIGN[valign]
            if cell.label:
                _shade(target)
            c += cell.span
    for grid_column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=False):
        grid_column.set(qn("w:w"), str(int(Mm(width).twips)))
    for row in table.rows:
        for cell in row.cells:
            span = cell._tc.grid_span
            start = cell._tc.grid_offset
            cell.width = Mm(sum(widths_mm[start:start + span]))
    if row_height_mm:
        for row in table.rows:
            row.height = Mm(row_height_mm)
    return table


def loop_rows(doc, header: Sequence[Cell | str], cells: Sequence[str], loop: str, widths_mm: Sequence[float],
              size: float | None = None):
    """A table whose body repeats per item: `loop` is e.g. "for f in facilities" (docxtpl {%tr %})."""
    n = len(widths_mm)
    rows: list[list[Cell | str]] = [list(header), [V(f"{{%tr {loop} %}}", span=n)], [V(c) for c in cells],
                                    [V("{%tr endfor %}", span=n)]]
    return grid(doc, rows, widths_mm, size=size)


def spacer(doc, points: float = 6) -> None:
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(points)


PLAIN_TAG = re.compile(r"\{\{ ?([\w.\[\]]+) ?\}\}")


def unbroken(text: str) -> str:
    """`text` with each plain value tag ({{ a.b }}, {{ a[0].b }}) through the nobreak filter: the value's
    hyphens do not wrap (〒260-0099, 1-2-3, 043-000-1234, ID-K-2024-0101)."""
    return PLAIN_TAG.sub(lambda tag: "{{ " + tag.group(1) + "|nobreak }}", text)


SEAL_COLUMN_MM = 9
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
TAG_EMS = 5  # a value a label prints (e.g. 技能実習生) is taken as five characters wide


def label_width_mm(labels: Sequence[str], size: float) -> float:
    """A column wide enough for each label on one line: a Japanese character 1 em, a Latin one half."""
    def ems(label: str) -> float:
        tags = len(TAG.findall(label))
        return tags * TAG_EMS + sum(1 if ord(ch) >= 0x2E80 else 0.5 for ch in TAG.sub("", label))
    return max(ems(label) for label in labels) * size * 25.4 / 72 + 2 * CELL_SIDE_MARGIN_MM + 1


def signature_block(doc, lines: Sequence[tuple[str, str]], seal: bool = True, indent_mm: float = 85,
                    size: float | None = None):
    """The signer's block at the right: a borderless table of label and value, so that a long value wraps
    under itself, and 印 in a column of its own on the last line, so that it never drops to a line of its
    own. A line with an empty value is a caption across the block (e.g. 申請者（技能実習団体）). Values do
    not wrap at their hyphens (see unbroken)."""
    size = size or doc.styles["Normal"].font.size.pt
    label_mm = label_width_mm([label for label, value in lines if value], size)
    # the cells' side margins reach out of the text area, so that the text starts at indent_mm and 印 ends
    # at the right margin
    value_mm = text_width_mm(doc) - indent_mm + 2 * CELL_SIDE_MARGIN_MM - label_mm - SEAL_COLUMN_MM
    rows = []
    for index, (label, value) in enumerate(lines):
        value = unbroken(value)
        if not value:
            rows.append([V(label, span=3)])
        elif seal and index == len(lines) - 1:
            rows.append([V(label), V(value), V("印", align="right")])
        else:
            rows.append([V(label), V(value, span=2)])
    table = grid(doc, rows, widths_mm=[label_mm, value_mm, SEAL_COLUMN_MM], size=size, borders=False,
                 padding_mm=0, valign="top")
    indent(table, indent_mm)
    return table


def indent(table, left_mm: float) -> None:
    """Start the table `left_mm` from the left margin (its text, as a paragraph's left indent does)."""
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    existing = table._tbl.tblPr.find(qn("w:tblInd"))
    if existing is not None:
        table._tbl.tblPr.remove(existing)
    element = OxmlElement("w:tblInd")
    element.set(qn("w:w"), str(int(Mm(left_mm - CELL_SIDE_MARGIN_MM).twips)))
    element.set(qn("w:type"), "dxa")
    table._tbl.tblPr.append(element)


def page_break(doc) -> None:
    doc.add_page_break()
