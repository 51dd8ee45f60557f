"""Is this PDF the conversion of this DOCX? Checked before a converted PDF is accepted.

A converter can hand back a blank page, a truncated file or somebody else's document (a remote endpoint
is someone else's machine). A PDF is accepted when it opens, its page count is plausible for the DOCX
(at least one page per forced page start, not absurdly many), and the characters its fonts print are
the characters of the DOCX's text, give or take a few (LibreOffice embeds font subsets with ToUnicode
maps, so this needs no text extraction: ~3 ms with qpdf through pikepdf, a fifth of pypdf's time). What
it cannot tell apart: another case's PDF of the same form with values written in the same characters.
"""

from __future__ import annotations

import re
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pikepdf

BODY = "word/document.xml"
TEXT_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
TEXT_RUN = re.compile(rb"<[wa]:t(?:\s[^>]*)?>([^<]+)</[wa]:t>")
ALWAYS_ALLOWED = frozenset("0123456789-/.,:()%")  # page numbers, list numbers and other field results
PAGE_BREAK = re.compile(rb'<w:br\b[^>]*w:type="page"|<w:pageBreakBefore(?:\s*/>|\s+w:val="(?:1|true|on)")')
PARAGRAPH_OR_ROW = re.compile(rb"<w:p[ >]|<w:tr[ >]")
WHITESPACE = re.compile(r"\s+")
TOLERANCE = 3  # characters one side has and the other lacks (field results, symbols drawn differently)
XML_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}


@dataclass(frozen=True)
class Expectation:
    """What the PDF of a DOCX must look like."""

    min_pages: int
    max_pages: int
    characters: frozenset[str]  # every character of the DOCX's text


def _unescape(text: str) -> str:
    return re.sub(r"&(?:amp|lt|gt|quot|apos);", lambda m: XML_ENTITIES[m.group(0)], text)


def expectation(docx: Path) -> Expectation:
    with zipfile.ZipFile(docx) as package:
        names = package.namelist()
        body = package.read(BODY)
        parts = [package.read(name) for name in names if TEXT_PARTS.fullmatch(name)]
    text = "".join(_unescape(m.decode("utf-8")) for part in parts for m in TEXT_RUN.findall(part))
    breaks = len(PAGE_BREAK.findall(body))
    blocks = len(PARAGRAPH_OR_ROW.findall(body))
    return Expectation(min_pages=breaks + 1, max_pages=2 * (breaks + blocks) + 2,
                       characters=frozenset(WHITESPACE.sub("", text)))


HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)


def _utf16(hex_text: bytes) -> str:
    return bytes.fromhex(hex_text.decode()).decode("utf-16-be", errors="replace")


def _mapped_characters(cmap: bytes) -> set[str]:
    """The characters a ToUnicode CMap maps glyphs to: what the font prints (LibreOffice embeds subsets)."""
    found = set(_utf16(b"".join(dst for block in BFCHAR.findall(cmap) for dst in HEX.findall(block)[1::2])))
    for block in BFRANGE.findall(cmap):
        values = HEX.findall(block)
        for low, high, first in zip(values[0::3], values[1::3], values[2::3], strict=False):
            start = _utf16(first)
            if len(start) == 1:
                found.update(chr(ord(start) + n) for n in range(int(high, 16) - int(low, 16) + 1))
            else:
                found.update(start)
    return found


def printed_characters(pdf: pikepdf.Pdf) -> set[str]:
    """Every character the PDF's fonts can print, from their ToUnicode maps (fonts are shared by pages)."""
    characters: set[str] = set()
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
        if not isinstance(fonts, pikepdf.Dictionary):
            continue
        for font in fonts.values():
            if font.objgen in seen and font.objgen != (0, 0):
                continue
            seen.add(font.objgen)
            cmap = font.get("/ToUnicode") if isinstance(font, pikepdf.Dictionary) else None
            if isinstance(cmap, pikepdf.Stream):
                characters |= _mapped_characters(cmap.read_bytes())
    return {c for c in characters if not c.isspace()}


_PAGES: dict[tuple, int] = {}
_PAGES_LOCK = threading.Lock()


def _file_key(pdf: Path) -> tuple:
    info = pdf.stat()
    return str(pdf), info.st_ino, info.st_size, info.st_mtime_ns


def _remember_pages(key: tuple, pages: int) -> None:
    with _PAGES_LOCK:
        if len(_PAGES) > 4096:
            _PAGES.clear()
        _PAGES[key] = pages


def page_count(pdf: Path) -> int:
    """The pages of a PDF, read once while the file stays the same: a build asks for them after the
    conversion's check (which counted them), for a sheet count and for the cover's list."""
    key = _file_key(pdf)
    with _PAGES_LOCK:
        if key in _PAGES:
            return _PAGES[key]
    with pikepdf.open(pdf) as opened:
        pages = len(opened.pages)
    _remember_pages(key, pages)
    return pages


def problem(docx: Path, pdf: Path) -> str | None:
    """Why `pdf` is not the conversion of `docx` (English, for the log and the error message), or None."""
    expected = expectation(docx)
    try:
        key = _file_key(pdf)
        with pikepdf.open(pdf) as opened:
            pages = len(opened.pages)
            printed = printed_characters(opened)
    except (OSError, pikepdf.PdfError, ValueError, KeyError, TypeError, AttributeError) as error:
        return f"the PDF does not open ({type(error).__name__})"
    if not expected.min_pages <= pages <= expected.max_pages:
        return f"{pages} pages where the document has {expected.min_pages} to {expected.max_pages}"
    if expected.characters and not printed:
        return "it has no text"
    foreign = printed - expected.characters - ALWAYS_ALLOWED
    if len(foreign) > max(TOLERANCE, len(printed) // 20):
        return f"it prints text that is not in the document ({''.join(sorted(foreign)[:12])}…)"
    missing = expected.characters - printed
    if len(missing) > max(TOLERANCE, len(expected.characters) // 20):
        return f"it lacks text of the document ({''.join(sorted(missing)[:12])}…)"
    _remember_pages(key, pages)
    return None
