"""Write generator/deadlines/checklist.docx, the packet's 期限チェックリスト page (a docxtpl template).

Run `.venv/bin/python -m generator.deadlines.build_checklist` after changing it. Built with
tools/templatekit.py in the house style of the forms; each Jinja tag stays inside one cell.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.deadlines import outputs as sheet

ROOT = Path(__file__).resolve().parents[2]
DESTINATION = Path(__file__).resolve().parent / "checklist.docx"
FIELDS = {name: "{{ " + name + " }}" for name in ("kind", "person", "case_id", "today")}


def build():
    sys.path.insert(0, str(ROOT / "tools"))
    from templatekit import L, V, grid, new_document, p, spacer, title

    doc = new_document(size=9)
    title(doc, sheet.CHECKLIST_HEADING, size=14)
    p(doc, sheet.CHECKLIST_CASE_LINE.format(**FIELDS), size=10)
    p(doc, sheet.CHECKLIST_INTRO.format(**FIELDS), size=8)
    spacer(doc, 4)
    header = [L(column, align="center" if n == 0 else "left") for n, column in enumerate(sheet.CHECKLIST_COLUMNS)]
    body = [V("{{ item.box }}", align="center"), V("{{ item.legal }}"), V("{{ item.effective }}"),
            V("{{ item.title }}{% if item.notes %}（{{ item.notes }}）{% endif %}〔{{ item.key }}〕"), V("{{ item.office }}"),
            V("{{ item.status }}"), V("{{ item.source }}")]
    n = len(sheet.CHECKLIST_WIDTHS_MM)
    grid(doc, [header, [V("{%tr for item in items %}", span=n)], body, [V("{%tr endfor %}", span=n)]],
         sheet.CHECKLIST_WIDTHS_MM, size=8)
    spacer(doc, 4)
    p(doc, sheet.CHECKLIST_FOOTER, size=8)
    return doc


def main() -> None:
    document = build()
    document.core_properties.author = "formgen"
    from build_templates import docx_bytes  # tools/, on the path since build(): the forms' reproducible packaging

    DESTINATION.write_bytes(docx_bytes(document))
    print(DESTINATION)


if __name__ == "__main__":
    main()
