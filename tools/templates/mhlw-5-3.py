"""不法就労活動報告書 (厚生労働省通知様式第5-3号), seed 002:4297-4342. The addressee is printed
corrected: the seed's 公益団法人 (4324) is 公益社団法人."""

from mhlw_style import event_report


def build():
    return event_report("厚生労働省通知様式第5-3号", "不法就労活動報告書", [
        ("不法就労活動が行われていると思料された日", "西暦 {{ discovered_date|seireki }}"),
        ("不法就労活動の内容及び発覚の契機", "{{ details|multiline }}", 4),
        ("通報日", "西暦 {{ notified_date|seireki }}"),
        ("地方入国管理局通報先", "{{ immigration_office }}"),
    ],
        "当機関受入れの上記の者が、入管法第十九条第一項の規定に\n違反していると思料いたしますので報告いたします。",
        work_start_label="就労(就学)開始年月日", widths_mm=(30, 52, 36, 62))
