"""The packet's cover sheet (表紙): an A4 PDF drawn directly with reportlab, in the faces the forms use.

It names the office the packet goes to (提出先; when its documents go to several offices — JITCO's
様式1 to the local office, 様式3/4/6 later to the head office — each office with the documents it
receives), the case, the documents enclosed with their pages in
the packet, the documents the user must still add (□ checklist, from the manifests' attachments_to_add)
and the requirement warnings of the build. Drawn without LibreOffice: a cover costs ~20 ms instead of one
more conversion (~0.1-0.2 s) per case. The fonts are the files fontconfig gives for the faces the
templates name, embedded as subsets: ＭＳ 明朝 / ＭＳ ゴシック for Japanese (IPAex明朝 / IPAexゴシック,
tools/fontconfig/60-formgen-japanese.conf) and, as the forms set them, Times New Roman / Arial for Latin
letters and digits (Liberation Serif / Sans, tools/fontconfig/61-formgen-latin.conf), which carry the
Vietnamese letters IPAex lacks (Nguyễn).
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from generator.exceptions import ExternalProgramError
from generator.messages import Msg

MINCHO, GOTHIC = "IPAexMincho", "IPAexGothic"
SERIF, SANS = "LiberationSerif", "LiberationSans"
FACES = {  # reportlab name: (the face a template names, the family fontconfig must give, the usual file)
    MINCHO: ("ＭＳ 明朝", "IPAexMincho", "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"),
    GOTHIC: ("ＭＳ ゴシック", "IPAexGothic", "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
    SERIF: ("Times New Roman", "Liberation Serif", "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"),
    SANS: ("Arial", "Liberation Sans", "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"),
}
LATIN_OF = {MINCHO: SERIF, GOTHIC: SANS}
LATIN_RANGES = ((0x20, 0x24F), (0x300, 0x36F), (0x1E00, 0x1EFF))
"""What the forms set in the Latin face: ASCII, Latin-1 and Extended, combining accents, Vietnamese."""
# check-box signs that IPAex lacks (they would print as empty boxes), in the signs Japanese forms use
NOT_IN_IPAEX = str.maketrans({"☐": "□", "☒": "■", "☑": "■", "✓": "レ", "✔": "レ"})
_FONTS_LOCK = threading.Lock()
_BUILD_LOCK = threading.Lock()
"""One cover at a time: reportlab is not thread-safe. Its TrueType subsetting reads the registered font file
through one shared position (TTFontParser.seek, then read_*), so covers built at once by the case threads
of a batch read each other's glyph data: a KeyError or IndexError (an internal error for the case) or a
wrong font subset. A cover takes ~30 ms; tests/test_pdf_packet.py shows the race."""
_fonts_ready = False


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


def _font_file(name: str) -> str:
    """The file fontconfig sets the template's face in, so that the cover matches the forms."""
    template_face, family, fallback = FACES[name]
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", template_face], capture_output=True, text=True,
                               timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        found = ""
    return found if found.lower().endswith(".ttf") and family.lower() in _face_names(found) else fallback


def _face_names(path: str) -> str:
    try:
        return subprocess.run(["fc-scan", "-f", "%{family}", path], capture_output=True, text=True,
                              timeout=10).stdout.lower()
    except (OSError, subprocess.SubprocessError):
        return ""


def _register_fonts() -> None:
    global _fonts_ready
    with _FONTS_LOCK:
        if _fonts_ready:
            return
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError, TTFont

        for family in FACES:
            path = _font_file(family)
            try:
                pdfmetrics.registerFont(TTFont(family, path))
            except (OSError, TTFError) as error:
                raise ExternalProgramError(Msg(
                    f"表紙のフォント {path} を読めません（{error}）。`make setup` で fonts-ipaexfont と "
                    "fonts-liberation2 を入れてください。",
                    f"cannot read the cover's font {path} ({error}). Install fonts-ipaexfont and fonts-liberation2 "
                    "with `make setup`.")) from None
        _fonts_ready = True


def _is_latin(character: str) -> bool:
    return any(low <= ord(character) <= high for low, high in LATIN_RANGES)


def with_latin_face(text: str, latin_face: str) -> str:
    """Paragraph markup of `text` (escaped) with its runs of Latin letters and digits in `latin_face`."""
    runs, start = [], 0
    for index in range(1, len(text) + 1):
        if index == len(text) or _is_latin(text[index]) != _is_latin(text[start]):
            run = escape(text[start:index])
            runs.append(f'<font face="{latin_face}">{run}</font>' if _is_latin(text[start]) else run)
            start = index
    return "".join(runs)


def write_cover(sheet: CoverSheet, destination: Path, title: str = "提出書類一式（表紙）") -> Path:
    _register_fonts()
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    body = ParagraphStyle("body", fontName=MINCHO, fontSize=10.5, leading=15, wordWrap="CJK")
    small = ParagraphStyle("small", parent=body, fontSize=9.5, leading=13)
    bold = ParagraphStyle("bold", parent=body, fontName=GOTHIC)
    heading = ParagraphStyle("heading", parent=bold, fontSize=11, spaceBefore=10, spaceAfter=3)
    office = ParagraphStyle("office", parent=bold, fontSize=12, leading=17)
    centred = ParagraphStyle("title", parent=bold, fontSize=16, leading=22, alignment=1, spaceBefore=4, spaceAfter=6)
    right = ParagraphStyle("right", parent=body, alignment=2)
    note = ParagraphStyle("note", parent=body, fontSize=8.5, alignment=2, spaceBefore=14)

    def text(value: object, style=body) -> Paragraph:
        printed = unicodedata.normalize("NFC", str(value)).translate(NOT_IN_IPAEX)  # ễ, not e + two accents
        return Paragraph(with_latin_face(printed, LATIN_OF[style.fontName]), style)

    def grid(rows: list[list], widths_mm: list[float], header: bool) -> Table:
        table = Table(rows, colWidths=[w * mm for w in widths_mm], hAlign="CENTER")
        style: list[Any] = [("FONT", (0, 0), (-1, -1), MINCHO, 10),  # else the table sets Helvetica (not embedded)
                 ("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)))
        table.setStyle(TableStyle(style))
        return table

    made = sheet.made_on
    story: list[Flowable] = [text(f"作成日 {made.year}年{made.month}月{made.day}日", right), text(title, centred),
             text("【提出先】", heading)]
    for number, place in enumerate(sheet.offices):
        story += [Spacer(1, 5)] if number else []
        story += [text(place.name, office)] + [text(line) for line in place.lines]
        if len(sheet.offices) > 1:
            story.append(text(f"提出する書類: {'、'.join(place.documents)}", bold))
    story += [text("【案件】", heading),
              grid([[text(label, bold), text(value)] for label, value in sheet.case_lines], [40, 130], False),
              text("【同封書類（提出順）】", heading)]
    centre = ParagraphStyle("centre", parent=body, alignment=1)
    rows = [[text(h, ParagraphStyle("h", parent=bold, alignment=1)) for h in ("No.", "書類名", "様式", "ページ")]]
    rows += [[text(n, centre), text(e.title + ("（添付）" if e.supplied else "")), text(e.official_id or "—"),
              text(e.page_range, centre)] for n, e in enumerate(sheet.enclosures, 1)]
    story.append(grid(rows, [12, 74, 64, 20], True))
    if sheet.cleaned:
        story.append(Spacer(1, 2))
        story.append(text(f"※ 添付（{'、'.join(sheet.cleaned)}）は、JavaScript・リンク・埋め込みファイルなどの動作する内容を取り除いて綴じています。", small))
    if sheet.to_add:
        story.append(text("【別途そろえて添付する書類（確認欄）】", heading))
        story += [text(f"□ {item}") for item in sheet.to_add]
    if sheet.warnings:
        story.append(text("【確認事項（要件チェックの警告）】", heading))
        story += [text(f"・{warning}", small) for warning in sheet.warnings]
    story += [Spacer(1, 4), text("この表紙は formgen が作成しました。提出前に内容と添付書類を確認してください。", note)]
    buffer = io.BytesIO()  # in memory first: a full disk fails one plain write
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                                 topMargin=18 * mm, bottomMargin=18 * mm, title=title, author="formgen",
                                 initialFontName=MINCHO, initialFontSize=10.5)
    with _BUILD_LOCK:
        document.build(story)
    destination.write_bytes(buffer.getvalue())
    return destination
