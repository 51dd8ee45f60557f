"""Big documents convert in pieces: a DOCX of many pages is split at its page breaks, the pieces are
converted in parallel on the warm converters, and their PDFs are joined into the document's PDF.

LibreOffice lays out one huge document far slower than the same pages as several documents, and a
single conversion of it runs into the time limit (a 様式3-2 of 150 facilities is 19 MB of XML, one
facility a page). A piece is the package with only word/document.xml changed: a run of the body's
blocks ending before a page-break paragraph; the next piece starts with that paragraph, break and all.
LibreOffice then begins the piece with a blank page and lays out the next one exactly as in the whole
document (the break paragraph leaves its empty line at the top of the new page; without the break, the
piece's first page starts a line higher and its last table rows move on). The blank first page of each
later piece is dropped when the pieces are joined; a piece whose first page is not blank makes the
document convert whole. Only documents without section breaks in the body and without page-number
fields are split (a piece cannot know its page number).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lxml import etree

BODY = "word/document.xml"
SPLIT_ABOVE = 2_000_000  # bytes of word/document.xml: smaller documents convert whole
PIECE_BYTES = 1_000_000  # about this much XML per piece
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = re.compile(rb"<w:t(?:\s[^>]*)?>[^<]*</w:t>")
NAMESPACE_DECLARATION = re.compile(rb'\sxmlns(?::\w+)?="[^"]*"')
PAGE_FIELD = re.compile(rb'(?:instrText[^>]*>|w:instr=")\s*(?:PAGE|NUMPAGES|SECTIONPAGES)\b')


def _is_page_break_paragraph(element) -> bool:
    """A paragraph that holds nothing but a page break (what a form's loop puts between its pages)."""
    if element.tag != f"{W}p":
        return False
    breaks = element.findall(f"{W}r/{W}br")
    return (len(breaks) == 1 and breaks[0].get(f"{W}type") == "page"
            and not element.findall(f".//{W}t") and not element.findall(f".//{W}drawing"))


def _splittable(body_xml: bytes) -> bool:
    return len(body_xml) > SPLIT_ABOVE and PAGE_FIELD.search(body_xml) is None


def pieces_of(body_xml: bytes) -> list[bytes] | None:
    """The document.xml of each piece, or None when the document is not to be split."""
    if not _splittable(body_xml):
        return None
    root = etree.fromstring(body_xml, etree.XMLParser(huge_tree=True))
    body = root.find(f"{W}body")
    if body is None:
        return None  # not a Word body: nothing to split
    blocks = list(body)
    final = blocks.pop() if blocks and blocks[-1].tag == f"{W}sectPr" else None
    if final is None or body.findall(f".//{W}pPr/{W}sectPr"):
        return None  # section breaks in the body: a piece would need its own section's properties
    opening = body_xml[:body_xml.index(b"<w:body>") + len(b"<w:body>")]
    closing = etree.tostring(final, encoding="UTF-8") + b"</w:body></w:document>"
    pieces: list[bytes] = []
    current: list[bytes] = []
    size = 0
    for block in blocks:
        if _is_page_break_paragraph(block) and size >= PIECE_BYTES:
            pieces.append(opening + b"".join(current) + closing)
            current, size = [_serialized(block)], 0  # the break too: see the module's docstring
            continue
        current.append(_serialized(block))
        size += len(current[-1])
    pieces.append(opening + b"".join(current) + closing)
    return pieces if len(pieces) > 1 else None


def _serialized(element) -> bytes:
    """A block's XML without the namespace declarations lxml repeats on it (the root declares them)."""
    text = etree.tostring(element, encoding="UTF-8")
    end = text.index(b">")
    return NAMESPACE_DECLARATION.sub(b"", text[:end]) + text[end:]


def write_piece(source: Path, body_xml: bytes, target: Path) -> Path:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as piece:
        for info in original.infolist():
            piece.writestr(info, body_xml if info.filename == BODY else original.read(info))
    return target


def convert_in_pieces(docx: Path, pdf: Path, convert: Callable[[Path, Path], object], workers: int) -> bool:
    """Convert a big `docx` piece by piece into `pdf`; False (nothing done) when it is not to be split."""
    with zipfile.ZipFile(docx) as package:
        pieces = pieces_of(package.read(BODY))
    if pieces is None:
        return False
    sources = [write_piece(docx, xml, docx.with_name(f".{docx.stem}.piece-{n:04d}.docx")) for n, xml in enumerate(pieces)]
    targets = [s.with_suffix(".pdf") for s in sources]
    from pypdf import PdfReader, PdfWriter  # a DOCX-only build never loads the PDF library

    try:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            list(pool.map(convert, sources, targets))
        readers = [PdfReader(target) for target in targets]
        if not all(len(r.pages) > 1 and not (r.pages[0].extract_text() or "").strip() for r in readers[1:]):
            return False  # not the blank page a leading break makes: the whole document is converted instead
        writer = PdfWriter()
        for number, reader in enumerate(readers):
            writer.append(reader, pages=(1, len(reader.pages)) if number else None)
        with open(pdf, "wb") as handle:
            writer.write(handle)
    finally:
        for path in sources + targets:
            path.unlink(missing_ok=True)
    return True
