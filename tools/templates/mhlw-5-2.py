"""失踪報告書 (厚生労働省通知様式第5-2号), seed 002:4256-4295 (its title letter-spaced as printed)."""

from mhlw_style import closing, facility_block, person_table, report_title
from templatekit import new_document

GONE = "【受け入れていた看護師候補者/介護福祉士候補者/看護師/介護福祉士】"


def build():
    doc = new_document()
    report_title(doc, "厚生労働省通知様式第5-2号", "失 踪 報 告 書")
    facility_block(doc)
    person_table(doc, [
        ("失 踪 の 状 況 等",),
        ("失踪発覚日", "西暦 {{ discovered_date|seireki }}"),
        ("発覚の契機及び失踪状況等", "{{ circumstances|multiline }}", 3),
        ("地方入国管理局通報先", "{{ immigration_office }}"),
        ("通報日", "西暦 {{ notified_date|seireki }}"),
    ], person_heading=GONE, work_start_label="就労(就学)開始年月日")
    closing(doc, "当機関受入れの上記の者が失踪したため報告いたします。")
    return doc
