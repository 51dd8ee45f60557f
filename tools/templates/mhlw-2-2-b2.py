"""研修評価表(候補者記載) (厚生労働省通知様式第2-1・2-2号別紙2), seed 002:4119-4143: one per candidate,
written by the candidate; scores 1-5 (the chosen one circled), 合計点 computed."""

import sys
from pathlib import Path

from mhlw_style import report_title, sheet_loop_end, sheet_loop_start
from templatekit import L, V, grid, new_document

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
from schemas.epa_annual_report import EVALUATION_ITEMS  # noqa: E402


def build():
    doc = new_document(size=10)
    sheet_loop_start(doc, "c in candidates")
    report_title(doc, "厚生労働省通知様式第2-1・2-2号別紙2", "研修評価表(候補者記載)", subtitle=None)
    grid(doc, [
        [L("候補者氏名(日本語)"), V("{{ c.person.name }}")],
        [L("候補者氏名(アルファベット)"), V("{{ c.person.name_alphabet }}")],
        [L("候補者番号"), V("{{ c.person.candidate_number }}")],
        [L("就労開始年月日(研修年次)"), V("西暦 {{ c.person.work_start_date|seireki }} (研修 {{ c.printed_training_year }} 年目)")],
    ], widths_mm=[50, 130])
    evaluation = "c.self_evaluation"
    rows = [[L("項目", align="center"), *[L(str(n), align="center") for n in range(1, 6)],
             L("(自由記載欄)", align="center")]]
    for index, (name, label, low, high) in enumerate(EVALUATION_ITEMS):
        marks = [V(f"{{{{ '{'①②③④⑤'[n - 1]}' if {evaluation}.{name} == {n} else '{n}' }}}}", align="center")
                 for n in range(1, 6)]
        comment = [V(f"{{{{ {evaluation}.comment|multiline }}}}", vspan=2 * len(EVALUATION_ITEMS), size=9)] \
            if index == 0 else []
        rows.append([L(label, vspan=2, size=8.5), *marks, *comment])
        rows.append([V(low, span=3, size=7.5), V(high, span=2, align="right", size=7.5)])
    rows.append([L("合計点"), V(f"{{{{ {evaluation}.total }}}} 点", span=5, align="center"), V("")])
    grid(doc, rows, widths_mm=[62, 12, 12, 12, 12, 12, 58], row_height_mm=7)
    sheet_loop_end(doc)
    return doc
