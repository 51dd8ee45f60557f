"""The house style of the 厚生労働省通知様式 event reports (seed 002:4180-4381).

Every report prints: 様式番号, title, 【受入れ施設】 block, a person table (left: the person, right:
the event), the addressee 公益社団法人 国際厚生事業団 殿, the statement, the date, the institution's
signature block with 受入れ機関番号, and "( )枚のうち( )枚目". Case kinds that use it provide
`institution`, `facility`, `person` and `report_date`.
"""

from __future__ import annotations

from collections.abc import Sequence

from templatekit import L, V, grid, heading, p, signature_block, spacer, title

ADDRESSEE = "公益社団法人 国際厚生事業団 殿"
PERSON_HEADING = "【受け入れている看護師候補者/介護福祉士候補者/看護師/介護福祉士】"

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
        [L("受入れ施設住所"), V("〒{{ facility.postal_code }} {{ facility.address }}")],
        [L("受入れ施設代表者職氏名"), V("{{ facility.representative.title }} {{ facility.representative.name }}")],
        [L("担当者職氏名 (連絡先電話番号)"),
         V("{% if facility.contacts %}{{ facility.contacts[0].title }} {{ facility.contacts[0].name }} "
           "({{ facility.contacts[0].phone }}){% endif %}")],
    ], widths_mm=[55, 125])


def person_table(doc, event_rows: Sequence[tuple[str, str]], person_heading: str = PERSON_HEADING) -> None:
    """Left half the person (7 rows), right half the event rows (label, value), side by side."""
    heading(doc, person_heading)
    rows = []
    height = max(len(PERSON_ROWS), len(event_rows))
    for index in range(height):
        left = PERSON_ROWS[index] if index < len(PERSON_ROWS) else ("", "")
        right = event_rows[index] if index < len(event_rows) else ("", "")
        rows.append([L(left[0], size=8.5), V(left[1], size=9), L(right[0], size=8.5), V(right[1], size=9)])
    grid(doc, rows, widths_mm=[30, 55, 30, 65])


def closing(doc, statement: str) -> None:
    """Addressee, statement, date, signature block, 受入れ機関番号 and the sheet count."""
    spacer(doc, 4)
    p(doc, ADDRESSEE, size=11)
    spacer(doc, 2)
    p(doc, statement)
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
    ], indent_mm=70)
    p(doc, "(受入れ機関番号 {{ institution.institution_number }})", align="right")
    spacer(doc, 4)
    p(doc, "( {{ sheets }} )枚のうち( {{ sheet }} )枚目", align="right")


def report_title(doc, form_number_text: str, text: str, subtitle: str | None = "(受入れ施設記載用)") -> None:
    p(doc, form_number_text, size=9)
    title(doc, text)
    if subtitle:
        p(doc, subtitle, align="center", size=9, space_after=4)
