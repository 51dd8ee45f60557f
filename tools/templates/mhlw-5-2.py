"""失踪報告書 (厚生労働省通知様式第5-2号), seed 002:4256-4295 (its title letter-spaced as printed)."""

from mhlw_style import GONE_PERSON_HEADING, event_report


def build():
    return event_report("厚生労働省通知様式第5-2号", "失 踪 報 告 書", [
        ("失 踪 の 状 況 等",),
        ("失踪発覚日", "西暦 {{ discovered_date|seireki }}"),
        ("発覚の契機及び失踪状況等", "{{ circumstances|multiline }}", 3),
        ("地方入国管理局通報先", "{{ immigration_office }}"),
        ("通報日", "西暦 {{ notified_date|seireki }}"),
    ],
        "当機関受入れの上記の者が失踪したため報告いたします。",
        person_heading=GONE_PERSON_HEADING, work_start_label="就労(就学)開始年月日")
