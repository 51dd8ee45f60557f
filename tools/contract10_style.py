"""The layout the Japanese and English 雇用契約書 (JICWELS 様式10-2) share: jicwels-10-2.py and jicwels-10-2-en.py
print the same clauses in the same places (seed 002:3498-3866) and differ only in their texts.
"""

from __future__ import annotations

from collections.abc import Callable

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from templatekit import GOTHIC, L, V, grid, loop_rows, new_document, p, spacer, title

BODY_INDENT_MM = 5
WIDTH_MM = 174
PARTY_TABLE_SIZE = 9.5


def yes_no(expression: str, yes: str = "有", no: str = "無") -> str:
    return f"{{{{ '{yes}' if {expression} else '{no}' }}}}"


def contract_document(header: str, heading: str, subtitle: str, preamble: str):
    """A new contract: the page header, numbered footer, title, subtitle and the opening paragraph."""
    doc = new_document(size=10, margins_mm=(18, 18, 16, 18))
    page_header(doc, header)
    page_footer_number(doc, "- ", " -")
    title(doc, heading, size=16, space_after=0)
    p(doc, subtitle, align="center", space_after=8)
    p(doc, preamble, align="justify", space_after=6)
    return doc


def page_header(doc, text: str) -> None:
    header = doc.sections[0].header
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.font.size = Pt(8.5)


def page_footer_number(doc, prefix: str = "", suffix: str = "") -> None:
    """A centred page number (a PAGE field) in the footer."""
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if prefix:
        paragraph.add_run(prefix).font.size = Pt(8.5)
    run = paragraph.add_run()
    run.font.size = Pt(8.5)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    if suffix:
        paragraph.add_run(suffix).font.size = Pt(8.5)


def party_table(doc, heading: str, rows: list, widths_mm: list[float], space_before: float = 0) -> None:
    """X. (the employer) or Y. (the worker): a bold heading over a label/value table."""
    p(doc, heading, bold=True, font=GOTHIC, space_before=space_before, space_after=2)
    grid(doc, rows, widths_mm=widths_mm, size=PARTY_TABLE_SIZE)


def clause(doc, text: str) -> None:
    """A numbered clause heading, e.g. "1. 雇用契約の期間"."""
    paragraph = p(doc, text, bold=True, font=GOTHIC, space_before=7, space_after=2)
    paragraph.paragraph_format.keep_with_next = True


def body(doc, text: str = "", indent_mm: float = BODY_INDENT_MM, space_after: float = 1, size: float | None = None,
         keep: bool = False):
    paragraph = p(doc, text, align="justify", space_after=space_after, size=size)
    paragraph.paragraph_format.left_indent = Mm(indent_mm)
    if keep:
        paragraph.paragraph_format.keep_with_next = True
    return paragraph


def indented_grid(doc, rows, widths_mm, size: float | None = 9.5):
    """A table set in from the left margin like the clause text."""
    table = grid(doc, rows, widths_mm, size=size)
    _indent_table(table)
    return table


def indented_loop(doc, header, cells, loop, widths_mm, size: float | None = 9.5):
    table = loop_rows(doc, header, cells, loop, widths_mm, size=size)
    _indent_table(table)
    return table


def _indent_table(table) -> None:
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    properties = table._tbl.tblPr
    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), str(int(Mm(BODY_INDENT_MM + 1).twips)))
    indent.set(qn("w:type"), "dxa")
    properties.append(indent)


def allowance_rows(items: str, header: tuple[str, str, str], name: Callable[[str], str],
                   method: Callable[[str], str]) -> list:
    """The a.–e. rows the model prints under A. / B. (002:3559-3571), filled in order.

    `name` and `method` give the Jinja expression that prints one allowance's name / method."""
    rows = [[L("", size=9), L(header[0], align="center"), L(header[1], align="center"),
             L(header[2], align="center")]]
    for index, letter in enumerate("abcde"):
        have = f"{items}|length > {index}"
        item = f"{items}[{index}]"
        rows.append([
            V(f"{letter}.", align="center"),
            V(f"{{% if {have} %}}{name(item)}{{% endif %}}"),
            V(f"{{% if {have} and {item}.amount is not none %}}{{{{ {item}.amount|yen }}}}{{% endif %}}", align="right"),
            V(f"{{% if {have} %}}{method(item)}{{% endif %}}"),
        ])
    return rows


def allowance_tables(doc, headings: tuple[str, str, str], rows: Callable[[str], list],
                     widths_mm: list[float]) -> None:
    """Clause 4 (2): the heading, then A. the fixed and B. the variable allowances."""
    allowances, fixed, variable = headings
    body(doc, allowances, keep=True).paragraph_format.space_before = Pt(3)
    body(doc, fixed, keep=True)
    indented_grid(doc, rows("fixed_allowances"), widths_mm=widths_mm)
    body(doc, variable, keep=True).paragraph_format.space_before = Pt(3)
    indented_grid(doc, rows("variable_allowances"), widths_mm=widths_mm)


def yes_no_detail_clauses(doc, clauses: list[tuple[int, str, str]], line: Callable[[str], str]) -> None:
    """Clauses 9-11 (昇給, 賞与, 退職金): a heading and one "(有 / 無)" line each."""
    for number, name, field in clauses:
        clause(doc, f"{number}. {name}")
        body(doc, line(field))


def text_clauses(doc, texts: list[tuple[str, list[str]]]) -> None:
    """Clauses without blanks to fill: a heading and its paragraphs."""
    for heading_text, paragraphs in texts:
        clause(doc, heading_text)
        for text in paragraphs:
            body(doc, text)


def other_terms(doc, heading: str, terms: list[tuple[str, str]], blank: str, english: bool = False) -> None:
    """Clause 32: each term's label over its entry; `blank` formats the entry (`{}` = the Jinja expression).
    The English version prints each entry's English field (`…_en`) where the case gives one."""
    clause(doc, heading)
    for label, field in terms:
        entry = f"other_terms.{field}_en or other_terms.{field}" if english else f"other_terms.{field}"
        body(doc, label, keep=True)
        body(doc, blank.format(f"{{{{ {entry} or '' }}}}"), indent_mm=9)


def signatures(doc, witness: str, parties: list[list[str]], certificate: str, certifiers: list[list[str]]) -> None:
    """The parties' signatures, then the sending agency's and JICWELS's certificate with theirs."""
    spacer(doc, 8)
    p(doc, witness, space_after=4).paragraph_format.keep_with_next = True
    signature_columns(doc, parties)
    spacer(doc, 16)
    p(doc, certificate, align="justify", space_after=4).paragraph_format.keep_with_next = True
    signature_columns(doc, certifiers, sign_space_mm=20)


def term_clause(doc, heading: str, term: str, renewal: str, rows: list, widths_mm: list[float]) -> None:
    """Clause 1: the term in words, then a table of its dates."""
    clause(doc, heading)
    body(doc, term)
    body(doc, renewal, space_after=3)
    indented_grid(doc, rows, widths_mm=widths_mm)


def wage_clause(doc, heading: str, base_pay: list, base_pay_widths_mm: list[float],
                allowance_headings: tuple[str, str, str], allowances: Callable[[str], list],
                allowance_widths_mm: list[float]) -> None:
    """Clause 4: the base pay on one row, then the allowance tables."""
    clause(doc, heading)
    indented_grid(doc, [base_pay], widths_mm=base_pay_widths_mm)
    allowance_tables(doc, allowance_headings, allowances, allowance_widths_mm)


def overtime_clause(doc, heading: str, exists: str, over_60_hours: str, rates: str, rates_apply: str, unit: str,
                    band_header: list, band_cells: list[str], other: str, remarks: str) -> None:
    """Clause 5: whether there is overtime, then its premium rates band by band."""
    clause(doc, heading)
    body(doc, exists)
    body(doc, over_60_hours)
    body(doc, rates, keep=True)
    body(doc, rates_apply, indent_mm=9, keep=True)
    body(doc, unit, indent_mm=9, keep=True)
    indented_loop(doc, band_header, band_cells, "for b in overtime.bands", widths_mm=[50, 40, 40, 39])
    body(doc, other, indent_mm=9)
    body(doc, remarks)


def holiday_work_clause(doc, heading: str, exists: str, rates: str, statutory: str, non_statutory: str,
                        remarks: str) -> None:
    """Clause 6: whether there is holiday work and its two premium rates."""
    clause(doc, heading)
    body(doc, exists)
    body(doc, rates)
    body(doc, statutory, indent_mm=9)
    body(doc, non_statutory, indent_mm=9)
    body(doc, remarks)


def night_work_clause(doc, heading: str, exists: str, rate: str, rules: list[tuple[str, str]], remarks: str) -> None:
    """Clause 7: whether there is night work, its rate, and the A.–C. rules each with its "other" blank."""
    clause(doc, heading)
    body(doc, exists)
    body(doc, rate)
    for rule, other in rules:
        body(doc, rule, indent_mm=9)
        body(doc, other, indent_mm=13)
    body(doc, remarks)


def pay_dates_clause(doc, heading: str, rows: list, method: str) -> None:
    """Clause 8: closing and pay days of the base wage and the allowances, then the method of payment."""
    clause(doc, heading)
    indented_grid(doc, rows, widths_mm=[35, 60, 74])
    body(doc, method).paragraph_format.space_before = Pt(3)


def working_hours_clause(doc, heading: str, times: str, fixed_heading: str, fixed: str, shift_heading: str,
                         shift: str, shift_header: list, shift_cells: list[str], remarks: str) -> None:
    """Clause 12: A. fixed hours, or B. a variable / shift system with its combinations of hours."""
    clause(doc, heading)
    body(doc, times, keep=True)
    body(doc, fixed_heading, keep=True)
    body(doc, fixed, indent_mm=9)
    body(doc, shift_heading, keep=True)
    body(doc, shift, indent_mm=9, keep=True)
    indented_loop(doc, shift_header, shift_cells,
                  "for s in (working_hours.shift_system.shifts if working_hours.shift_system else [])",
                  widths_mm=[54, 38, 38, 39])
    body(doc, remarks).paragraph_format.space_before = Pt(2)


def leave_clause(doc, heading: str, annual: str, annual_header: list, annual_cells: list[str], annual_remarks: str,
                 hourly: str, substitute: str, other: str, other_paid: str, other_unpaid: str) -> None:
    """Clause 13: annual paid leave by months of service, then the other kinds of leave."""
    clause(doc, heading)
    body(doc, annual, keep=True)
    indented_loop(doc, annual_header, annual_cells, "for g in leave.annual", widths_mm=[60, 60])
    body(doc, annual_remarks).paragraph_format.space_before = Pt(2)
    body(doc, hourly)
    body(doc, substitute)
    body(doc, other)
    body(doc, other_paid, indent_mm=9)
    body(doc, other_unpaid, indent_mm=9)


def _rule_above(paragraph) -> None:
    """A line above the paragraph: the place to sign on (the seed's <hr/> over the signatory)."""
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "4"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)


def signature_columns(doc, columns: list[list[str]], sign_space_mm: float = 14) -> None:
    """Side-by-side signature blocks without borders: blank space to sign, a rule, then the lines."""
    table = doc.add_table(rows=1, cols=len(columns))
    table.autofit = False
    width = WIDTH_MM / len(columns)
    for cell, lines in zip(table.rows[0].cells, columns, strict=False):
        cell.width = Mm(width)
        space = cell.paragraphs[0]
        space.paragraph_format.space_before = Pt(sign_space_mm * 2.83)
        for index, line in enumerate(lines):
            paragraph = cell.add_paragraph()
            paragraph.paragraph_format.left_indent = Mm(4)
            paragraph.paragraph_format.right_indent = Mm(8)
            paragraph.add_run(line)
            if index == 0:
                _rule_above(paragraph)
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    row_properties.append(OxmlElement("w:cantSplit"))  # a signature block never breaks across pages
    for column in table._tbl.tblGrid.findall(qn("w:gridCol")):
        column.set(qn("w:w"), str(int(Mm(width).twips)))
