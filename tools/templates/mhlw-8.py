"""帰国確認報告書 (厚生労働省通知様式第8号): listed at 002:4002 but not printed; designed in the house
style of the printed 厚労省 reports (4180-4381). The event block records what the facility confirmed
at departure (出国確認, 002:2065)."""

from mhlw_style import event_report


def build():
    return event_report("厚生労働省通知様式第8号", "帰国確認報告書", [
        ("帰国日", "西暦 {{ return_date|seireki }}"),
        ("帰国理由", "{{ reason }}{% if reason_detail %} ({{ reason_detail }}){% endif %}"),
        ("雇用契約終了日", "西暦 {{ contract_end_date|seireki }}"),
        ("出国確認日", "西暦 {{ departure.date|seireki }}"),
        ("出国空港・便名", "{{ departure.airport }}{% if departure.flight %} {{ departure.flight }}{% endif %}"),
        ("出国を確認した者 (職氏名)", "{{ departure.staff_title }} {{ departure.staff_name }}"),
        ("帰国後の連絡先", "{{ destination_address }}{% if destination_phone %} ({{ destination_phone }}){% endif %}"),
    ],
        "当機関受入れの上記の者が帰国したことを出国する空港にて確認しましたので報告いたします。",
        person_heading="【帰国した看護師候補者/介護福祉士候補者】")
