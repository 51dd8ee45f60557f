"""死亡報告書 (厚生労働省通知様式第5-1号), seed 002:4215-4254."""

from mhlw_style import closing, facility_block, person_table, report_title
from templatekit import new_document

GONE = "【受け入れていた看護師候補者/介護福祉士候補者/看護師/介護福祉士】"


def build():
    doc = new_document()
    report_title(doc, "厚生労働省通知様式第5-1号", "死亡報告書")
    facility_block(doc)
    person_table(doc, [
        ("死亡の状況等",),
        ("死亡日", "西暦 {{ death_date|seireki }}"),
        ("死亡原因・経緯", "{{ circumstances|multiline }}", 5),
    ], person_heading=GONE, work_start_label="就労(就学)開始年月日")
    closing(doc, "当機関受入れの上記の者が死亡したため報告いたします。")
    return doc
