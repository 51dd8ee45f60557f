"""雇用契約終了報告書 (厚生労働省通知様式第6-1号), seed 002:4344-4381; the person heading printed
corrected (看護福祉士 → 介護福祉士, 4353). Filled from `contract_end`, which both epa_contract_end and
a return home that ends the contract provide."""

from mhlw_style import event_report

AFTER = ("{{ contract_end.after_status|circle('帰国') }} 帰国・{{ contract_end.after_status|circle('転職') }} 転職・"
         "{{ contract_end.after_status|circle('その他') }} その他"
         "{% if contract_end.after_detail %} ({{ contract_end.after_detail }}){% endif %}\n"
         "(転職の場合には転職先の名称・住所)\n"
         "{{ contract_end.new_employer_name }} {{ contract_end.new_employer_address }}")


def build():
    return event_report("厚生労働省通知様式第6-1号", "雇用契約終了報告書", [
        ("雇用契約を終了させる日", "西暦 {{ contract_end.end_date|seireki }}"),
        ("雇用契約終了の理由", "{{ contract_end.reason|multiline }}", 3),
        ("雇用契約終了後の看護師等の状況", AFTER, 3),
    ],
        "当機関受入れの上記の者との雇用契約を終了させていただきますので\n報告いたします。",
        subtitle=None)
