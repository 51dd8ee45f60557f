"""受入れ施設の要件遵守状況の報告(資格取得後、病院・介護施設) (厚生労働省通知様式第1-4号): listed at
002:3990 but not printed; designed after 様式1-2 (4008-4059) for EPA 介護福祉士."""

from mhlw_style import (
    CANDIDATE_ROWS,
    candidate_table,
    closing,
    facility_requirements,
    report_title,
    sheet_loop_end,
    sheet_loop_start,
    when_column,
)
from templatekit import new_document, p

ROWS = [
    *CANDIDATE_ROWS[:7],
    ("介護福祉士登録年月日", "西暦 {{ C.registration_date|seireki if C else '　年　月　日' }}"),
    ("登録番号", when_column("{{ C.registration_number }}")),
    ("在留期間満了日", "西暦 {{ C.person.residence_card_expiry|seireki if C else '　年　月　日' }}"),
    CANDIDATE_ROWS[7],
]


def build():
    doc = new_document(size=10)
    sheet_loop_start(doc, "s in candidate_sheets")
    report_title(doc, "厚生労働省通知様式第1-4号", "受入れ施設の要件遵守状況の報告(資格取得後、病院・介護施設)", subtitle=None)
    p(doc, "({{ status_date|seireki }}現在)", align="center", size=9)
    facility_requirements(doc)
    candidate_table(doc, ROWS, "【受け入れている介護福祉士】")
    closing(doc, "受入れ施設の要件遵守状況について上記のとおりであることを報告します。", sheet="s.number", sheets="s.total")
    sheet_loop_end(doc)
    return doc
