"""Pages formgen draws itself as PDF with reportlab, without LibreOffice: the packet's cover (cover.py) and the
deadline checklist (deadlines/outputs.py). Each costs ~40 ms (measured 38-47 ms) instead of one more conversion
(~0.15-0.2 CPU-s of LibreOffice).

The fonts are the files fontconfig gives for the faces the templates name, embedded as subsets: ＭＳ 明朝 /
ＭＳ ゴシック for Japanese (IPAex明朝 / IPAexゴシック, tools/fontconfig/60-formgen-japanese.conf) and, as the forms
set them, Times New Roman / Arial for Latin letters and digits (Liberation Serif / Sans,
tools/fontconfig/61-formgen-latin.conf), which carry the Vietnamese letters IPAex lacks (Nguyễn).
"""

from __future__ import annotations

import io
import subprocess
import threading
import unicodedata
from collections.abc import Sequence
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
"""One page at a time: reportlab is not thread-safe. Its TrueType subsetting reads the registered font file
through one shared position (TTFontParser.seek, then read_*), so pages built at once by the case threads
of a batch read each other's glyph data: a KeyError or IndexError (an internal error for the case) or a
wrong font subset. A sheet takes ~40 ms; tests/test_pdf_packet.py shows the race."""
_fonts_ready = False


def _font_file(name: str) -> str:
    """The file fontconfig sets the template's face in, so that the drawn pages match the forms."""
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


def register_fonts() -> None:
    """Register the faces, once a process, before any paragraph is made in them."""
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
                    f"PDF のフォント {path} を読めません（{error}）。`make setup` で fonts-ipaexfont と "
                    "fonts-liberation2 を入れてください。",
                    f"cannot read the font {path} ({error}). Install fonts-ipaexfont and fonts-liberation2 "
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


def style(name: str, size: float, leading: float, gothic: bool = False, **more: Any):
    """A paragraph style in the forms' faces (明朝, or ゴシック), wrapped as Japanese text is."""
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(name, fontName=GOTHIC if gothic else MINCHO, fontSize=size, leading=leading,
                          wordWrap="CJK", **more)


def text(value: object, paragraph_style):
    """A paragraph of `value` as printed: NFC (ễ, not e + two accents), IPAex's box signs, Latin face for Latin."""
    from reportlab.platypus import Paragraph

    printed = unicodedata.normalize("NFC", str(value)).translate(NOT_IN_IPAEX)
    return Paragraph(with_latin_face(printed, LATIN_OF[paragraph_style.fontName]), paragraph_style)


def grid(rows: list[list], widths_mm: Sequence[float], header: bool, size: float = 10, padding: float = 2,
         side_padding: float | None = None, repeat_header: bool = False):
    """A ruled table; with `header` its first row is shaded (and, with `repeat_header`, printed on every page)."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=[w * mm for w in widths_mm], hAlign="CENTER",
                  repeatRows=1 if header and repeat_header else 0)
    commands: list[Any] = [("FONT", (0, 0), (-1, -1), MINCHO, size),  # else the table sets Helvetica (not embedded)
                           ("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("TOPPADDING", (0, 0), (-1, -1), padding), ("BOTTOMPADDING", (0, 0), (-1, -1), padding + 1)]
    if side_padding is not None:
        commands += [("LEFTPADDING", (0, 0), (-1, -1), side_padding), ("RIGHTPADDING", (0, 0), (-1, -1), side_padding)]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)))
    table.setStyle(TableStyle(commands))
    return table


def write_pdf(story: list, destination: Path, title: str, margins_mm: tuple[float, float] = (20, 18)) -> Path:
    """Lay out `story` on A4 pages and write them to `destination` in one write (a full disk fails that write)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    side, top = margins_mm
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=side * mm, rightMargin=side * mm,
                                 topMargin=top * mm, bottomMargin=top * mm, title=title, author="formgen",
                                 initialFontName=MINCHO, initialFontSize=10.5)
    with _BUILD_LOCK:
        document.build(story)
    destination.write_bytes(buffer.getvalue())
    return destination
