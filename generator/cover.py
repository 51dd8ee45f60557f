"""The packet's cover sheet (表紙): an A4 PDF drawn directly with reportlab (generator/drawing.py), in the faces
the forms use.

It names the office the packet goes to (提出先; when its documents go to several offices — JITCO's
様式1 to the local office, 様式3/4/6 later to the head office — each office with the documents it
receives), the case, the documents enclosed with their pages in
the packet, the documents the user must still add (□ checklist, from the manifests' attachments_to_add)
and the requirement warnings of the build.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.drawing import grid, register_fonts, style, text, write_pdf


@dataclass
class Enclosure:
    """One part of the packet as the cover lists it."""

    title: str
    official_id: str
    first_page: int = 0
    pages: int = 0
    supplied: bool = False  # a file the user gave (case field attachments), not a generated form

    @property
    def page_range(self) -> str:
        last = self.first_page + self.pages - 1
        return f"{self.first_page}" if self.pages <= 1 else f"{self.first_page}-{last}"


@dataclass
class CoverOffice:
    """An office the packet's documents go to, and which of them."""

    name: str
    lines: list[str]
    documents: list[str] = field(default_factory=list)


@dataclass
class CoverSheet:
    offices: list[CoverOffice]
    case_lines: list[tuple[str, str]]
    enclosures: list[Enclosure]
    to_add: list[str]
    warnings: list[str] = field(default_factory=list)
    made_on: dt.date = field(default_factory=dt.date.today)
    cleaned: list[str] = field(default_factory=list)
    """Titles of the attachments whose active content (scripts, links, embedded files) was removed."""


def write_cover(sheet: CoverSheet, destination: Path, title: str = "提出書類一式（表紙）") -> Path:
    register_fonts()
    from reportlab.platypus import Flowable, Spacer

    body = style("body", 10.5, 15)
    small = style("small", 9.5, 13)
    bold = style("bold", 10.5, 15, gothic=True)
    heading = style("heading", 11, 15, gothic=True, spaceBefore=10, spaceAfter=3)
    office = style("office", 12, 17, gothic=True)
    centred = style("title", 16, 22, gothic=True, alignment=1, spaceBefore=4, spaceAfter=6)
    right = style("right", 10.5, 15, alignment=2)
    note = style("note", 8.5, 15, alignment=2, spaceBefore=14)
    centre = style("centre", 10.5, 15, alignment=1)
    header = style("h", 10.5, 15, gothic=True, alignment=1)

    made = sheet.made_on
    story: list[Flowable] = [text(f"作成日 {made.year}年{made.month}月{made.day}日", right), text(title, centred),
                             text("【提出先】", heading)]
    for number, place in enumerate(sheet.offices):
        story += [Spacer(1, 5)] if number else []
        story += [text(place.name, office)] + [text(line, body) for line in place.lines]
        if len(sheet.offices) > 1:
            story.append(text(f"提出する書類: {'、'.join(place.documents)}", bold))
    story += [text("【案件】", heading),
              grid([[text(label, bold), text(value, body)] for label, value in sheet.case_lines], [40, 130], False),
              text("【同封書類（提出順）】", heading)]
    rows = [[text(h, header) for h in ("No.", "書類名", "様式", "ページ")]]
    rows += [[text(n, centre), text(e.title + ("（添付）" if e.supplied else ""), body), text(e.official_id or "—", body),
              text(e.page_range, centre)] for n, e in enumerate(sheet.enclosures, 1)]
    story.append(grid(rows, [12, 74, 64, 20], True))
    if sheet.cleaned:
        story.append(Spacer(1, 2))
        story.append(text(f"※ 添付（{'、'.join(sheet.cleaned)}）は、JavaScript・リンク・埋め込みファイルなどの動作する内容を取り除いて綴じています。", small))
    if sheet.to_add:
        story.append(text("【別途そろえて添付する書類（確認欄）】", heading))
        story += [text(f"□ {item}", body) for item in sheet.to_add]
    if sheet.warnings:
        story.append(text("【確認事項（要件チェックの警告）】", heading))
        story += [text(f"・{warning}", small) for warning in sheet.warnings]
    story += [Spacer(1, 4), text("この表紙は formgen が作成しました。提出前に内容と添付書類を確認してください。", note)]
    return write_pdf(story, destination, title)
