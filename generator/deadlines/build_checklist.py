"""Write generator/deadlines/checklist.docx, the packet's 期限チェックリスト page (a docxtpl template).

Run `.venv/bin/python -m generator.deadlines.build_checklist` after changing it. Built with
tools/templatekit.py in the house style of the forms; each Jinja tag stays inside one cell.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DESTINATION = Path(__file__).resolve().parent / "checklist.docx"
WIDTHS = (7, 33, 31, 45, 22, 16, 20)


def build():
    sys.path.insert(0, str(ROOT / "tools"))
    from templatekit import L, V, grid, new_document, p, spacer, title

    doc = new_document(size=9)
    title(doc, "期限チェックリスト（事務所用・提出しません）", size=14)
    p(doc, "{{ kind }}　{{ person }}　（ケースID {{ case_id }}）", size=10)
    p(doc, "基準日 {{ today }}。期限は法定の日付です。土日祝・年末年始（12/29〜1/3）に当たるときは「実際の期限」に"
           "移動後の日を示します。「〜」は直ちに・速やかに（その日から）。", size=8)
    spacer(doc, 4)
    header = [L("✓", align="center"), L("期限"), L("実際の期限"), L("内容・備考"), L("提出先"), L("状態"), L("根拠")]
    body = [V("{{ item.box }}", align="center"), V("{{ item.legal }}"), V("{{ item.effective }}"),
            V("{{ item.title }}{% if item.notes %}（{{ item.notes }}）{% endif %}〔{{ item.key }}〕"), V("{{ item.office }}"),
            V("{{ item.status }}"), V("{{ item.source }}")]
    n = len(WIDTHS)
    grid(doc, [header, [V("{%tr for item in items %}", span=n)], body, [V("{%tr endfor %}", span=n)]],
         WIDTHS, size=8)
    spacer(doc, 4)
    p(doc, "提出・実施したらケースファイルの filed: に「〔 〕内のキー: 提出日」を書くと「済」になります。"
           "根拠は資料名とその行です。", size=8)
    return doc


def main() -> None:
    document = build()
    document.core_properties.author = "formgen"
    document.save(str(DESTINATION))
    print(DESTINATION)


if __name__ == "__main__":
    main()
