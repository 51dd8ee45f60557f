"""受入れ施設の要件遵守状況の報告(介護施設) (厚生労働省通知様式第1-2号), seed 002:4008-4059: three
candidates per sheet, one sheet per three candidates with "( N )枚のうち( M )枚目"."""

from mhlw_style import (
    CANDIDATE_ROWS,
    candidate_table,
    closing,
    facility_requirements,
    report_title,
    sheet_loop_end,
    sheet_loop_start,
)
from templatekit import L, V, grid, new_document


def build():
    doc = new_document(size=10)
    sheet_loop_start(doc, "s in candidate_sheets")
    report_title(doc, "厚生労働省通知様式第1-2号", "受入れ施設の要件遵守状況の報告(介護施設)", subtitle=None)
    facility_requirements(doc)
    grid(doc, [[L("研修責任者職氏名", size=9), V("{{ facility_status.training_manager.title }} "
                                        "{{ facility_status.training_manager.name }}")]], widths_mm=[50, 130])
    candidate_table(doc, CANDIDATE_ROWS, "【受け入れている介護福祉士候補者】")
    closing(doc, "受入れ施設の要件遵守状況について上記のとおりであることを報告します。", sheet="s.number", sheets="s.total")
    sheet_loop_end(doc)
    return doc
