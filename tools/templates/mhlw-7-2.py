"""介護福祉士国家試験合否結果報告書 (厚生労働省通知様式第7-2号): listed at 002:4001 but not printed;
designed in the house style of the printed 厚労省 reports (4180-4381). Content from 1548-1556, 2047-2053."""

from mhlw_style import event_report


def build():
    return event_report("厚生労働省通知様式第7-2号", "介護福祉士国家試験合否結果報告書", [
        ("受験番号", "{{ exam_number }}"),
        ("試験日", "西暦 {{ exam_date|seireki }}"),
        ("合格発表日", "西暦 {{ announcement_date|seireki }}"),
        ("合否結果", "{{ result|circle('合格') }} 合格　・　{{ result|circle('不合格') }} 不合格"),
        ("介護福祉士登録日", "西暦 {{ registration_date|seireki }}"),
        ("今後の予定", "{{ next_step|multiline }}", 2),
    ],
        "当機関受入れの上記の者の介護福祉士国家試験の合否結果について報告いたします。",
        person_heading="【受け入れている介護福祉士候補者】")
