"""The house style of the 厚生労働省通知様式 event reports (seed 002:4180-4381).

The event reports print: 様式番号, title, 【受入れ施設】 block, a person table (left: the person, right:
the event), the addressee 公益社団法人 国際厚生事業団 殿, the statement, the date, the institution's
signature block with 受入れ機関番号, and "( )枚のうち( )枚目". Case kinds that use it provide
`institution`, `facility`, `person` and `report_date`. The annual set (様式1-2, 1-4, 2-2, 別紙1/2, 3,
3別紙; 002:4008-4178) repeats a page per sheet of three candidates or per candidate (sheet_loop_*).
"""

from __future__ import annotations

from collections.abc import Sequence

from templatekit import L, V, grid, heading, new_document, p, signature_block, spacer, title, unbroken

ADDRESSEE = "公益社団法人 国際厚生事業団 殿"
PERSON_HEADING = "【受け入れている看護師候補者/介護福祉士候補者/看護師/介護福祉士】"
GONE_PERSON_HEADING = "【受け入れていた看護師候補者/介護福祉士候補者/看護師/介護福祉士】"  # 様式5-1, 5-2

PERSON_ROWS = [
    ("氏名 (アルファベット氏名)", "{{ person.name }} ({{ person.name_alphabet }})"),
    ("国籍", "{{ person.nationality }}"),
    ("性別", "{{ person.sex }}"),
    ("生年月日", "西暦 {{ person.birth_date|seireki }}"),
    ("候補者番号", "{{ person.candidate_number }}"),
    ("在留カード番号 (外国人登録番号)", "{{ person.residence_card_number }}"),
    ("就労開始年月日", "西暦 {{ person.work_start_date|seireki }}"),
]


def facility_block(doc) -> None:
    heading(doc, "【受入れ施設】")
    grid(doc, [
        [L("受入れ施設名称 (施設種別)"), V("{{ facility.name }} ({{ facility.type_name }})")],
        [L("受入れ施設住所"), V(unbroken("〒{{ facility.postal_code }} {{ facility.address }}"))],
        [L("受入れ施設代表者職氏名"), V("{{ facility.representative.title }} {{ facility.representative.name }}")],
        [L("担当者職氏名 (連絡先電話番号)"),
         V("{% if facility.contacts %}{{ facility.contacts[0].title }} {{ facility.contacts[0].name }} "
           "({{ facility.contacts[0].phone|nobreak }}){% endif %}")],
    ], widths_mm=[62, 118])


def person_rows(work_start_label: str = "就労開始年月日") -> list[tuple[str, str]]:
    return [(work_start_label if label == "就労開始年月日" else label, value) for label, value in PERSON_ROWS]


def event_cells(event_rows: Sequence[tuple], height: int) -> list[list]:
    """The right half's cells row by row. An entry is (label, value), (label, value, rows) for a tall
    row, (text,) for a heading across both columns,
    (None, value) for a value across both; rows a tall entry covers get no cells."""
    cells: list[list] = []
    for entry in event_rows:
        if len(entry) == 1:
            cells.append([L(entry[0], span=2, size=8.5)])
            continue
        label, value, *tall = entry
        if label is None:
            cells.append([V(value, span=2, size=9)])
            continue
        rows = tall[0] if tall else 1
        cells.append([L(label, vspan=rows, size=8.5), V(unbroken(value), vspan=rows, size=9)])
        cells.extend([] for _ in range(rows - 1))
    while len(cells) < height:
        cells.append([L("", size=8.5), V("", size=9)])
    return cells


def person_table(doc, event_rows: Sequence[tuple], person_heading: str = PERSON_HEADING,
                 work_start_label: str = "就労開始年月日", widths_mm: Sequence[float] = (30, 55, 30, 65),
                 row_height_mm: float | None = 9) -> None:
    """Left half the person (7 rows), right half the event (see event_cells), side by side."""
    heading(doc, person_heading)
    left = person_rows(work_start_label)
    right = event_cells(event_rows, len(left))
    rows = []
    for index in range(max(len(left), len(right))):
        label, value = left[index] if index < len(left) else ("", "")
        rows.append([L(label, size=8.5), V(unbroken(value), size=9), *right[index]])
    grid(doc, rows, widths_mm=widths_mm, row_height_mm=row_height_mm)


def closing(doc, statement: str, sheet: str = "sheet", sheets: str = "sheets", sheet_count: bool = True) -> None:
    """Addressee, statement, date, signature block, 受入れ機関番号 and the sheet count (`sheet`/`sheets`
    are the Jinja expressions of this sheet's number and the count)."""
    spacer(doc, 4)
    p(doc, ADDRESSEE, size=11)
    spacer(doc, 2)
    for line in statement.split("\n"):
        p(doc, line)
    spacer(doc, 2)
    p(doc, "{{ report_date|seireki }}", align="right")
    spacer(doc, 2)
    signature_block(doc, [
        ("受入れ機関名称", "{{ institution.name }}"),
        ("受入れ機関住所", "〒{{ institution.postal_code }} {{ institution.address }}"),
        ("連絡先電話番号", "{{ institution.phone }}"),
        ("担当者職氏名", "{% if institution.contacts %}{{ institution.contacts[0].title }} "
                        "{{ institution.contacts[0].name }}{% endif %}"),
        ("代表者職氏名", "{{ institution.representative.title }} {{ institution.representative.name }}"),
    ], indent_mm=60)
    p(doc, "(受入れ機関番号 {{ institution.institution_number|nobreak }})", align="right")
    if sheet_count:
        spacer(doc, 4)
        p(doc, f"( {{{{ {sheets} }}}} )枚のうち( {{{{ {sheet} }}}} )枚目", align="right")


def report_title(doc, form_number_text: str, text: str, subtitle: str | None = "(受入れ施設記載用)") -> None:
    p(doc, form_number_text, size=9)
    title(doc, text)
    if subtitle:
        p(doc, subtitle, align="center", size=9, space_after=4)


def event_report(form_number_text: str, text: str, event_rows: Sequence[tuple], statement: str,
                 subtitle: str | None = "(受入れ施設記載用)", **person_table_options):
    """A whole event report (様式4-8): title, the facility, the person beside the event, the closing."""
    doc = new_document()
    report_title(doc, form_number_text, text, subtitle=subtitle)
    facility_block(doc)
    person_table(doc, event_rows, **person_table_options)
    closing(doc, statement)
    return doc


# --- the annual report set (様式1-2, 1-4, 2-2, 別紙1/2, 3, 3別紙): one facility, many candidates -----------

def sheet_loop_start(doc, loop: str) -> None:
    """Repeat what follows (up to sheet_loop_end) per item, each on its own page (docxtpl {%p %})."""
    p(doc, f"{{%p for {loop} %}}")


def sheet_loop_end(doc) -> None:
    p(doc, "{%p if not loop.last %}")
    doc.add_page_break()
    p(doc, "{%p endif %}")
    p(doc, "{%p endfor %}")


def column_cells(body: str, columns: int = 3, size: float = 9) -> list:
    """Three candidate columns of a sheet: `body` uses C for the column's candidate; blank columns stay
    empty except for `body`'s fixed text outside the {% if %}."""
    return [V(body.replace("C", f"s.columns[{i}]"), size=size) for i in range(columns)]


def when_column(text: str) -> str:
    return "{% if C %}" + text + "{% endif %}"


CANDIDATE_ROWS = [
    ("氏名 (アルファベット氏名)", when_column("{{ C.person.name }}") + "\n(" + when_column("{{ C.person.name_alphabet }}") + ")"),
    ("国籍", when_column("{{ C.person.nationality }}")),
    ("性別", when_column("{{ C.person.sex }}")),
    ("生年月日", "西暦 {{ C.person.birth_date|seireki if C else '　年　月　日' }}"),
    ("候補者番号", when_column("{{ C.person.candidate_number|nobreak }}")),
    ("在留カード番号 (外国人登録番号)", when_column("{{ C.person.residence_card_number }}")),
    ("就労開始年月日", "西暦 {{ C.person.work_start_date|seireki if C else '　年　月　日' }}"),
    ("就業日数", when_column("{{ C.working_days }}") + " 日"),
]
"""The candidate columns of 様式1-2 (002:4030-4039), C standing for the column's candidate."""


def candidate_table(doc, rows, person_heading: str) -> None:
    """A label column and three candidate columns (one sheet of `s in candidate_sheets`)."""
    heading(doc, person_heading)
    grid(doc, [[L(label, size=8.5), *column_cells(body)] for label, body in rows],
         widths_mm=[36, 48, 48, 48], row_height_mm=8)


def small_label(text: str):
    """A 9 pt label: 【受入れ施設】's long labels on one line."""
    return L(text, size=9)


def facility_requirements(doc) -> None:
    """【受入れ施設】 of 様式1-2 (002:4010-4028), also used by the designed 1-4."""
    heading(doc, "【受入れ施設】")
    fs = "facility_status"
    grid(doc, [
        [small_label("受入れ施設名称(施設種別)"), V("{{ facility.name }} ({{ facility.type_name }})", span=3)],
        [small_label("受入れ施設住所"), V(unbroken("〒{{ facility.postal_code }} {{ facility.address }}")), small_label("施設設立年月"),
         V(f"{{{{ {fs}.established_date|seireki }}}}")],
        [small_label("受入れ施設代表者職氏名"), V("{{ facility.representative.title }} {{ facility.representative.name }}", span=3)],
        [small_label("担当者職氏名(連絡先電話番号)"),
         V("{% if facility.contacts %}{{ facility.contacts[0].title }} {{ facility.contacts[0].name }} "
           "({{ facility.contacts[0].phone|nobreak }}){% endif %}", span=3)],
        [L("(平成20年厚生労働省告示509号別表第3に掲げる施設の場合、同一敷地内において一体的に運営されている施設であって"
           "同告示別表第1又は第2に掲げるものに該当する施設名称及び施設種別", span=2, size=8),
         V(f"{{% if {fs}.integrated_facility_name %}}{{{{ {fs}.integrated_facility_name }}}} "
           f"({{{{ {fs}.integrated_facility_type }}}}){{% endif %}})", span=2)],
        [small_label("入所定員数"), V(f"{{{{ {fs}.capacity }}}} 人"), small_label("入所者数"), V(f"{{{{ {fs}.residents }}}} 人")],
        [small_label("介護職員数 常勤"),
         V(f"{{{{ {fs}.care_staff_fulltime }}}} 人(内介護福祉士資格取得者 {{{{ {fs}.care_staff_fulltime_certified }}}} 人)、"
           f"非常勤 {{{{ {fs}.care_staff_parttime }}}} 人、常勤換算 {{{{ {fs}.care_staff_fte }}}} 人", span=3)],
        [L("(指定介護療養型医療施設の場合、介護保険の指定を受けた病床数", span=2, size=8),
         V(f"{{{{ {fs}.long_term_care_beds }}}})", span=2)],
    ], widths_mm=[50, 62, 28, 40])


def strike_paragraph(doc, parts, size: float | None = None):
    """One paragraph of runs; each part is text or (text, struck). Jinja tags must be parts of their own."""
    from templatekit import _run  # the run helper keeps a tag inside one run
    paragraph = p(doc)
    for part in parts:
        text, struck = (part, False) if isinstance(part, str) else part
        run = _run(paragraph, text, size=size)
        if struck:
            run.font.strike = True
    return paragraph
