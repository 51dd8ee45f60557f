"""在留資格変更報告書 (厚生労働省通知様式第4号), seed 002:4180-4213. Reason 1 is printed corrected:
the seed's 「特定活動以外の在留資格から、特定活動以外の…」 (4193) means a change from 特定活動 (cf. 2079-2081)."""

from mhlw_style import event_report

REASONS = [
    (1, "1 特定活動の在留資格から、特定活動以外の在留資格の変更の許可を受けた (変更後の在留資格: {{ status_after }})"),
    (2, "2 特定活動以外の在留資格から、特定活動の在留資格への変更の許可を受けた (変更前の在留資格: {{ status_before }})"),
    (3, "3 受入れ施設の変更に伴い、在留資格の変更の許可を受けた (変更前の受入れ施設名称: "
        "{% if reason == 3 %}{{ previous_facility_name }}{% endif %})"),
    (4, "4 受入れ機関の変更に伴い、在留資格の変更の許可を受けた (労働契約締結日: 西暦 {{ labour_contract_date|seireki }}"
        " 変更前受入れ機関名称: {{ previous_institution_name }} 変更前受入れ施設名称: "
        "{% if reason == 4 %}{{ previous_facility_name }}{% endif %})"),
    (5, "5 その他{% if other_detail %} ({{ other_detail }}){% endif %}"),
]


def build():
    return event_report("厚生労働省通知様式第4号", "在留資格変更報告書", [
        ("在留資格の変更の許可を受けた日", "西暦 {{ permission_date|seireki }}"),
        ("在留許可の変更理由",),
        *[(None, f"{{{{ reason|circle({n}) }}}} " + text) for n, text in REASONS],
    ],
        "当機関受入れの上記の者が在留許可の変更の許可を受けましたので\n報告いたします。",
        subtitle=None, widths_mm=(28, 50, 30, 72), row_height_mm=11)
