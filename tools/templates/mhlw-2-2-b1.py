"""研修評価表(研修責任者記載) (厚生労働省通知様式第2-1・2-2号別紙1), seed 002:4103-4117: three
candidates per sheet, each item scored 1-5 (the chosen score circled), 合計点 computed."""

import sys
from pathlib import Path

from mhlw_style import column_cells, report_title, sheet_loop_end, sheet_loop_start, when_column
from templatekit import L, grid, new_document, p

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
from schemas.epa_annual_report import EVALUATION_ITEMS  # noqa: E402  (one list of items for schema and form)


def score_marks(value: str) -> str:
    """1 2 3 4 5 with the chosen one circled (①-⑤), as a respondent circles it on paper."""
    return ("{% for n in range(1, 6) %}{{ '①②③④⑤'[n - 1] if " + value + " == n else n }}"
            "{% if not loop.last %}　{% endif %}{% endfor %}")


def build():
    doc = new_document(size=10)
    sheet_loop_start(doc, "s in candidate_sheets")
    report_title(doc, "厚生労働省通知様式第2-1・2-2号別紙1", "研修評価表(研修責任者記載)", subtitle=None)
    p(doc, "研修責任者職氏名　{{ facility_status.training_manager.title }} {{ facility_status.training_manager.name }}",
      space_after=4)
    rows = [
        [L("氏名 (アルファベット氏名)", size=8.5),
         *column_cells(when_column("{{ C.person.name }}") + "\n(" + when_column("{{ C.person.name_alphabet }}") + ")")],
        [L("候補者番号", size=8.5), *column_cells(when_column("{{ C.person.candidate_number }}"))],
        [L("就労開始年月日(研修年次)", size=8.5),
         *column_cells("{{ C.person.work_start_date|seireki if C else '　年　月　日' }}\n(研修 "
                       + when_column("{{ C.printed_training_year }}") + " 年目)")],
    ]
    for name, label, low, high in EVALUATION_ITEMS:
        rows.append([L(label, size=8.5), *column_cells(
            when_column(score_marks(f"C.supervisor_evaluation.{name}")) + f"\n{low}\t{high}", size=8.5)])
    rows.append([L("合計点", size=8.5), *column_cells(when_column("{{ C.supervisor_evaluation.total }}") + " 点")])
    rows.append([L("自由記載欄", size=8.5),
                 *column_cells(when_column("{{ C.supervisor_evaluation.comment|multiline }}"), size=8.5)])
    table = grid(doc, rows, widths_mm=[42, 46, 46, 46], row_height_mm=12)
    table.rows[-1].height = table.rows[-1].height * 3
    sheet_loop_end(doc)
    return doc
