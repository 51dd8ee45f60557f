"""The house style of formgen's JITCO 帰国旅費立替払制度 forms (様式1, 3, 4, 6, 8).

The seed (003_ecca0ff951baa801.txt) names these forms but prints none of them, so they share one
designed look: 様式番号 top left, date top right, addressee, title, a statement, labelled tables, and the
applicant's signature block (the 代表者 signs: 003:29-37, 85). Case kind: jitco_airfare_advance.
"""

from __future__ import annotations

from collections.abc import Sequence

from templatekit import L, V, grid, heading, p, signature_block, spacer, title, unbroken

ADDRESSEE = "財団法人 国際研修協力機構 理事長 殿"  # the body's name as the seed prints it (003:5)
LABEL_WIDTH = 48
VALUE_WIDTH = 132

PERSON_ROWS = [
    ("区分", "{{ trainee_type|mark('研修生') }} 研修生　　{{ trainee_type|mark('技能実習生') }} 技能実習生"),
    ("氏名", "{{ person.name }}"),
    ("アルファベット氏名", "{{ person.name_alphabet }}"),
    ("国籍・性別", "{{ person.nationality }}　{{ person.sex }}"),
    ("生年月日", "{{ person.birth_date|seireki }}"),
    ("旅券番号", "{{ person.passport_number }}"),
]


def header(doc, form_number: str, heading_text: str, date_expr: str) -> None:
    """（様式N）, date on the right, addressee, centred title."""
    p(doc, f"（JITCO 帰国旅費立替払制度 {form_number}）", size=9)
    p(doc, date_expr, align="right")
    spacer(doc, 2)
    p(doc, ADDRESSEE, size=11)
    title(doc, heading_text)


def applicant_signature(doc, role_label: str = "申請者（{{ applicant_role }}）") -> None:
    signature_block(doc, [
        (role_label, ""),
        ("名　　称", "{{ applicant.name }}"),
        ("所 在 地", "〒{{ applicant.postal_code }} {{ applicant.address }}"),
        ("電話番号", "{{ applicant.phone }}"),
        ("代表者職氏名", "{{ applicant.representative.title }}　{{ applicant.representative.name }}"),
    ], indent_mm=60)


def labelled(doc, rows: Sequence[tuple[str, str]], widths_mm: Sequence[float] = (LABEL_WIDTH, VALUE_WIDTH),
             size: float = 9.5) -> None:
    """A two-column table: shaded label, value."""
    grid(doc, [[L(label, size=9), V(unbroken(value), size=size)] for label, value in rows], widths_mm=widths_mm)


def section(doc, text: str) -> None:
    heading(doc, text, size=10, space_before=5)


def person_brief(doc) -> None:
    """Who the form is about (the short block of 様式3/4/6)."""
    section(doc, "帰国する研修生・技能実習生")
    labelled(doc, PERSON_ROWS)
