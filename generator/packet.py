"""Pipeline step 6: one packet.pdf per case, ready to file.

packet.pdf = the cover sheet (generator/cover.py: 提出先 — each office with the documents it receives —,
             the case, the enclosed documents with their pages in the packet, a □ checklist of what the
             user must add, requirement warnings; drawn with reportlab)
           + the case's documents in filing order (manifest `order`)
           + the user's attachment PDFs (case field `attachments: [{title, file}]`, in the given order;
             paths relative to the case file; checked at validation time by `attachment_problems`),
             copied without active content (scripts, actions, links out, embedded files): the cover says so.
Only what is filed goes in: the office's own sheets (the deadline checklist, forms whose manifest says
`internal: true`) stay separate files beside the packet, so that packet.pdf can be handed over as it is.
Nothing on the cover is internal: no case id, no kind id, no citation of a source file.
One bookmark (outline item) per part; metadata: title, subject, author, creation date.
With --pdfa the documents are PDF/A-2b; packet.pdf is a merged copy for filing and is not claimed as PDF/A.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import warnings
from collections.abc import Sequence
from pathlib import Path

from generator.artifacts import Document
from generator.convert import page_count
from generator.cover import CoverOffice, CoverSheet, Enclosure, write_cover
from generator.exceptions import InvalidInput
from generator.load import is_inside
from generator.messages import Msg
from generator.problems import Problem
from generator.sources import without_citations
from generator.subject import subject_of
from schemas import kind_title

PACKET = "packet.pdf"
COVER_PDF = "_cover.pdf"


# ── validation: a named attachment must be there and be a readable PDF ─────────────────────────────

def attachment_path(case_file: Path, file: str) -> Path:
    return case_file.resolve().parent / file


def _outside_trouble(path: Path, case_folder: Path) -> Msg | None:
    """The schema refuses `..` and absolute paths; a symbolic link can still lead out of the inbox."""
    if path.exists() and not is_inside(path, case_folder):
        return Msg(f"受信箱の外（{path.resolve()}）を指しています", f"it leads outside the inbox (to {path.resolve()})")
    return None


def _pdf_trouble(path: Path) -> Msg | None:
    if not path.is_file():
        return Msg("ファイルがありません", "the file does not exist")
    from pypdf import PdfReader  # only a case with attachments, or a PDF build, needs the PDF library
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            return Msg("パスワードで保護されています", "it is password-protected")
        if len(reader.pages) == 0:
            return Msg("ページがありません", "it has no pages")
    except (OSError, PdfReadError, ValueError, KeyError, TypeError) as error:
        return Msg(f"PDF として読めません（{type(error).__name__}）", f"it is not a readable PDF ({type(error).__name__})")
    return None


def attachment_problems(case, loaded) -> list[Problem]:
    """A missing or unreadable attachment file is an error at the line of its `file:`."""
    problems = []
    for index, attachment in enumerate(getattr(case, "attachments", []) or []):
        path = attachment_path(loaded.path, attachment.file)
        trouble = _outside_trouble(path, loaded.path.resolve().parent) or _pdf_trouble(path)
        if trouble is None:
            continue
        field_path = ("attachments", index, "file")
        problems.append(Problem(
            Msg(f"添付ファイル「{attachment.file}」（{attachment.title}）を綴じ込めません: {trouble.ja}。",
                f"attachment '{attachment.file}' ({attachment.title}) cannot be included: {trouble.en}."),
            loaded.position_of(field_path), field_path, f"添付ファイル › {index + 1}件目 › ファイル",
            hint=Msg(f"ケースファイルのあるフォルダからの相対パスで、読める PDF を指定してください（探した場所: {path}）。",
                     f"name a readable PDF, relative to the case file's folder (looked for: {path}).")))
    return problems


# ── the cover's facts ──────────────────────────────────────────────────────────────────────────────

def _value(item, name: str):
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def office_of(case, document: Document):
    """The office a document goes to: its manifest's, or the one the case chose (the JITCO office)."""
    office = document.form.submit_to
    if office is not None and office.chosen_by_case:
        return getattr(case, "submit_to", None) or office
    return office


def _office_lines(office) -> list[str]:
    lines = []
    for label, name in (("住所", "address"), ("電話", "phone"), ("備考", "note")):
        value = _value(office, name)
        if value and without_citations(str(value)):
            lines.append(f"{label}: {without_citations(str(value))}")
    return lines


def _offices(case, documents: list[Document]) -> list[CoverOffice]:
    """Each office the documents go to, in filing order, with the documents it receives."""
    found: dict[str, CoverOffice] = {}
    for document in documents:
        office = office_of(case, document)
        if office is None:
            continue
        name = str(_value(office, "name"))
        entry = found.setdefault(name, CoverOffice(name, _office_lines(office)))
        entry.documents.append(_document_label(document))
    if found:
        return list(found.values())
    addressee = next((d.form.addressee for d in documents if d.form.addressee), "（提出先は各様式の宛先を参照）")
    return [CoverOffice(addressee, [])]


def _document_label(document: Document) -> str:
    return f"{document.form.title}（{document.form.official_id}）"


def _case_lines(case, documents: list[Document]) -> list[tuple[str, str]]:
    lines = [("種類", kind_title(case.kind))]
    subject = subject_of(case)
    if len(subject.people) == 1:
        lines.append(("対象者", subject.people[0].label))
    elif subject.people:
        lines.append(("対象者", f"{len(subject.people)}名"))
    if subject.submitter:
        lines.append(("提出者", subject.submitter))
    if subject.facility:
        lines.append(("受入れ施設", subject.facility))
    if documents:
        lines.append(("書類", "、".join(d.form.title for d in documents)))
    return lines


def _to_add(documents: list[Document]) -> list[str]:
    seen: dict[str, None] = {}
    for document in documents:
        for item in document.form.attachments_to_add:
            seen.setdefault(without_citations(item), None)
    return list(seen)


# ── attachments: nothing in them may act (scripts, links out, files inside) ─────────────────────────

ACTIVE_KEYS = ("/AA", "/OpenAction", "/JavaScript", "/EmbeddedFiles", "/XFA", "/EF", "/RichMediaContent")
"""Keys that run or carry something: actions on events, scripts, embedded files, XFA forms."""
ACTIVE_ANNOTATIONS = {"/FileAttachment", "/Screen", "/Movie", "/Sound", "/RichMedia", "/3D"}
SAFE_ACTIONS = {"/GoTo"}  # a jump inside the attachment itself; every other action (JavaScript, Launch,
                          # URI, SubmitForm, ImportData, GoToR, GoToE, Rendition, …) is removed


def _action_is_safe(action) -> bool:
    import pikepdf

    return (isinstance(action, pikepdf.Dictionary) and action.get("/S") in SAFE_ACTIONS
            and "/Next" not in action)


def _strip(root) -> int:
    """Remove active content from a PDF object and everything it holds; returns how many items went.
    A walk with its own stack, each indirect object once: a hostile file cannot nest it into a recursion error."""
    import pikepdf

    removed, seen, todo = 0, set(), [root]
    while todo:
        value = todo.pop()
        if not isinstance(value, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)):
            continue
        if value.is_indirect:
            if value.objgen in seen:
                continue
            seen.add(value.objgen)
        if isinstance(value, pikepdf.Array):
            todo.extend(value)
            continue
        removed += _strip_dictionary(value)
        todo.extend(value[key] for key in value.keys())
    return removed


def _strip_dictionary(value) -> int:
    import pikepdf

    removed = 0
    for key in ACTIVE_KEYS:
        if key in value:
            del value[key]
            removed += 1
    if "/A" in value and not _action_is_safe(value.A):
        del value["/A"]
        removed += 1
    if isinstance(value.get("/Annots"), pikepdf.Array):
        kept = [a for a in value.Annots if not _is_active_annotation(a)]
        removed += len(value.Annots) - len(kept)
        value.Annots = pikepdf.Array(kept)
    return removed


def _is_active_annotation(annotation) -> bool:
    import pikepdf

    if not isinstance(annotation, pikepdf.Dictionary):
        return False
    subtype = annotation.get("/Subtype")
    if subtype in ACTIVE_ANNOTATIONS:
        return True
    return subtype == "/Link" and "/Dest" not in annotation and not _action_is_safe(annotation.get("/A"))


def without_active_content(source: Path, target: Path) -> int:
    """Copy an attachment PDF without JavaScript, actions (Launch, URI, OpenAction, AA…), embedded files
    and multimedia; pages and what they show stay. Returns how many active items were removed."""
    import pikepdf

    # pikepdf warns about form widgets outside /AcroForm: a property of the user's file, not for the user
    warnings.filterwarnings("ignore", category=pikepdf.PageCopyWarning)
    try:
        pdf = pikepdf.open(source)
    except (pikepdf.PdfError, OSError, ValueError) as error:
        raise InvalidInput(Msg(f"添付ファイル {source.name} を読めません（{type(error).__name__}）。",
                               f"cannot read the attachment {source.name} ({type(error).__name__}).")) from None
    with pdf:
        removed = _strip(pdf.trailer)
        buffer = io.BytesIO()
        pdf.save(buffer, encryption=False)
    target.write_bytes(buffer.getvalue())  # a full disk fails here, as an output error
    return removed


_FIELD_NAMES = re.compile(r"\s*[（(]\s*[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*(?:\s*[,、]\s*[a-z][a-z0-9_.]*)*\s*[）)]")


def for_filing(text: str) -> str:
    """A message as the filed cover prints it: no citation, no field name of the case file in brackets
    (「やむを得ない事情（trip.special_circumstances）」 → 「やむを得ない事情」)."""
    return without_citations(_FIELD_NAMES.sub("", text))


def filed_documents(documents: Sequence[Document]) -> list[Document]:
    """The documents that go in the packet: every one but the office's own sheets."""
    return [d for d in documents if not d.form.internal]


# ── assembling ─────────────────────────────────────────────────────────────────────────────────────

def _number_pages(parts: list[Enclosure], cover_pages: int) -> None:
    page = cover_pages + 1
    for part in parts:
        part.first_page = page
        page += part.pages


def _cover_pdf(sheet: CoverSheet, stage: Path) -> Path:
    """Write the cover; again if it turned out longer than the page numbers assumed."""
    cover_pages = 1
    pdf = stage / COVER_PDF
    for _ in range(3):
        _number_pages(sheet.enclosures, cover_pages)
        write_cover(sheet, pdf)
        actual = page_count(pdf)
        if actual == cover_pages:
            break
        cover_pages = actual
    return pdf


def _merge(bookmarks: list[tuple[str, Path]], metadata: dict[str, str], target: Path) -> None:
    """The PDFs one after the other, each under its bookmark, opened on the bookmarks (qpdf via pikepdf:
    a fifth of pypdf's CPU for the same merge)."""
    import pikepdf

    with contextlib.ExitStack() as opened, pikepdf.Pdf.new() as packet:
        starts, versions = [], []
        for title, path in bookmarks:
            source = opened.enter_context(pikepdf.open(path))
            starts.append((title, len(packet.pages)))
            versions.append(source.pdf_version)
            packet.pages.extend(source.pages)
        with packet.open_outline() as outline:
            outline.root.extend(pikepdf.OutlineItem(title, page) for title, page in starts)
        for key, value in metadata.items():
            packet.docinfo[key] = value
        packet.Root.PageMode = pikepdf.Name.UseOutlines
        buffer = io.BytesIO()  # in memory first: a full disk fails one plain write
        # the parts' streams as they are (already compressed): not decoded to be written again
        packet.save(buffer, min_version=max(versions), stream_decode_level=pikepdf.StreamDecodeLevel.none)
        target.write_bytes(buffer.getvalue())


def _metadata(case, documents: list[Document], offices: list[CoverOffice], when: dt.datetime) -> dict:
    subject = subject_of(case)
    about = f"（{subject.person}）" if subject.person else ""
    metadata = {
        "/Title": f"提出書類一式 {kind_title(case.kind)}{about}",
        "/Subject": f"{'、'.join(d.form.title for d in documents)}（提出先: {'、'.join(o.name for o in offices)}）",
        "/Creator": "formgen",
        "/Producer": "formgen (LibreOffice + qpdf)",
        "/CreationDate": when.strftime("D:%Y%m%d%H%M%S") + _offset(when),
        "/ModDate": when.strftime("D:%Y%m%d%H%M%S") + _offset(when),
    }
    if subject.submitter:
        metadata["/Author"] = subject.submitter
    return metadata


def _offset(when: dt.datetime) -> str:
    offset = when.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"


def assemble_packet(case, context: dict, documents: list[Document], stage: Path, loaded,
                    warnings: Sequence[Problem] = ()) -> Path | None:
    """Write stage/packet.pdf when every filed document has its PDF and there is something to file;
    return its path."""
    filed = filed_documents(documents)
    attachments = getattr(case, "attachments", []) or []
    if not (filed or attachments) or any(d.pdf is None for d in filed):
        return None
    supplied, cleaned = [], []
    for number, attachment in enumerate(attachments, 1):
        copy = stage / f"_attachment-{number}.pdf"
        if without_active_content(attachment_path(loaded.path, attachment.file), copy):
            cleaned.append(attachment.title)
        supplied.append((attachment.title, copy))
    parts: list[tuple[Enclosure, Path]] = (
        [(Enclosure(d.form.title, d.form.official_id, pages=page_count(d.pdf)), d.pdf) for d in filed
         if d.pdf is not None]  # all of them: checked above
        + [(Enclosure(title, "", pages=page_count(path), supplied=True), path) for title, path in supplied])
    offices = _offices(case, filed or documents)
    sheet = CoverSheet(offices, _case_lines(case, filed), [enclosure for enclosure, _ in parts], _to_add(filed),
                       [for_filing(p.message.ja) for p in warnings], context.get("today") or dt.date.today(),
                       cleaned)
    cover = _cover_pdf(sheet, stage)

    bookmarks = [("表紙", cover)] + [
        (f"{enclosure.official_id} {enclosure.title}".strip() if not enclosure.supplied else f"添付: {enclosure.title}",
         path) for enclosure, path in parts]
    target = stage / PACKET
    _merge(bookmarks, _metadata(case, filed, offices, dt.datetime.now().astimezone()), target)
    cover.unlink(missing_ok=True)
    for _, copy in supplied:
        copy.unlink(missing_ok=True)
    return target
