"""死亡報告書 (厚生労働省通知様式第5-1号), seed 002:4215-4254."""

from mhlw_style import GONE_PERSON_HEADING, event_report


def build():
    return event_report("厚生労働省通知様式第5-1号", "死亡報告書", [
        ("死亡の状況等",),
        ("死亡日", "西暦 {{ death_date|seireki }}"),
        ("死亡原因・経緯", "{{ circumstances|multiline }}", 5),
    ],
        "当機関受入れの上記の者が死亡したため報告いたします。",
        person_heading=GONE_PERSON_HEADING, work_start_label="就労(就学)開始年月日")
