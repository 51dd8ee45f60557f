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

import contextlib
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
CUT_MARK = "formgen-piece-cut"
PAGE_FIELD = re.compile(rb'(?:instrText[^>]*>|w:instr=")\s*(?:PAGE|NUMPAGES|SECTIONPAGES)\b')


def _is_page_break_paragraph(element) -> bool:
    """A paragraph that holds nothing but a page break (what a form's loop puts between its pages)."""
    if element.tag != f"{W}p":
        return False
    breaks = element.findall(f"{W}r/{W}br")
    return (len(breaks) == 1 and breaks[0].get(f"{W}type") == "page"
            and not element.findall(f".//{W}t") and not element.findall(f".//{W}drawing"))


def _splittable(body_xml: bytes) -> bool:
    # the plain search first: the pattern's alternatives are tried at each of a big body's million "w:"
    return len(body_xml) > SPLIT_ABOVE and (b"instr" not in body_xml or PAGE_FIELD.search(body_xml) is None)


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
    if final is None or (body_xml.count(b"<w:sectPr") > 1 and body.findall(f".//{W}pPr/{W}sectPr")):
        return None  # section breaks in the body: a piece would need its own section's properties
    opening = body_xml[:body_xml.index(b"<w:body>") + len(b"<w:body>")]
    closing = etree.tostring(final, encoding="UTF-8") + b"</w:body></w:document>"
    pieces: list[bytes] = []
    current: list[bytes] = []
    size = 0
    for run in _runs_from_each_break(root, body, final, blocks):
        if size >= PIECE_BYTES:  # a piece ends before a page-break paragraph: see the module's docstring
            pieces.append(opening + b"".join(current) + closing)
            current, size = [], 0
        current.append(run)
        size += len(run)
    pieces.append(opening + b"".join(current) + closing)
    return pieces if len(pieces) > 1 else None


def _runs_from_each_break(root, body, final, blocks) -> list[bytes]:
    """The body's blocks as XML, cut before each page-break paragraph: the whole body is written once, with a
    mark where it is to be cut (writing each block alone cost ten times as much, and repeated the namespaces)."""
    for block in blocks:
        if _is_page_break_paragraph(block):
            block.addprevious(etree.ProcessingInstruction(CUT_MARK))
    body.remove(final)
    written = etree.tostring(root, encoding="UTF-8")
    inside = written[written.index(b"<w:body>") + len(b"<w:body>"):written.rindex(b"</w:body>")]
    return inside.split(etree.tostring(etree.ProcessingInstruction(CUT_MARK)))


def write_piece(source: Path, body_xml: bytes, target: Path) -> Path:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as piece:
        for info in original.infolist():
            piece.writestr(info, body_xml if info.filename == BODY else original.read(info))
    return target


TEXT_OPERATORS = frozenset({"Tj", "TJ", "'", '"'})


def _prints_text(page) -> bool:
    """Whether a page's content shows any text (the first page of a later piece must be the blank one)."""
    import pikepdf

    return any(str(instruction.operator) in TEXT_OPERATORS for instruction in pikepdf.parse_content_stream(page))


def convert_in_pieces(docx: Path, pdf: Path, convert: Callable[[Path, Path], object], workers: int) -> bool:
    """Convert a big `docx` piece by piece into `pdf`; False (nothing done) when it is not to be split."""
    with zipfile.ZipFile(docx) as package:
        pieces = pieces_of(package.read(BODY))
    if pieces is None:
        return False
    sources = [write_piece(docx, xml, docx.with_name(f".{docx.stem}.piece-{n:04d}.docx")) for n, xml in enumerate(pieces)]
    targets = [s.with_suffix(".pdf") for s in sources]
    import pikepdf  # a DOCX-only build never loads the PDF library

    try:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            list(pool.map(convert, sources, targets))
        with contextlib.ExitStack() as opened, pikepdf.Pdf.new() as joined:
            parts = [opened.enter_context(pikepdf.open(target)) for target in targets]
            if not all(len(part.pages) > 1 and not _prints_text(part.pages[0]) for part in parts[1:]):
                return False  # not the blank page a leading break makes: the whole document is converted instead
            for number, part in enumerate(parts):
                joined.pages.extend(part.pages[1:] if number else part.pages)
            joined.save(pdf, min_version=max(part.pdf_version for part in parts),
                        stream_decode_level=pikepdf.StreamDecodeLevel.none)
    finally:
        for path in sources + targets:
            path.unlink(missing_ok=True)
    return True
