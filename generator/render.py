"""Pipeline step 4: fill a form's DOCX template with a case's values (docxtpl's syntax, strict and escaped).

A template is a Word package whose body, headers, footers and footnotes hold Jinja tags, written the
docxtpl way ({{ }}, {%p %}, {%tr %}, {%tc %}, {%r %}). Each template is read and compiled once per
process, not once per document (keyed by the template's path, size and modification time): each part
that holds a tag is prepared with docxtpl's own XML processing (`patch_xml`) and compiled to a Jinja
template; every other part is kept as bytes. A render then fills the compiled parts, lets docxtpl finish
them (`resolve_listing`, and `fix_tables` for the body's table grids when the template has cell-level tags
that can change a row's cells), and writes the package with the kept parts as they are. python-docx is not
involved: opening and saving a package with it cost three quarters of a render.

Two parts of the python-docx starter package that templates carry are left out of the output:
word/stylesWithEffects.xml (a Word 2010 copy of styles.xml, 0.4 MB, read by no current program) and
docProps/thumbnail.jpeg (a picture of a blank page), with their relationships and content types; and
styles.xml keeps only the styles the package names (`without_unnamed_styles`, which `make templates` also
applies to the templates it writes).
"""

from __future__ import annotations

import functools
import io
import posixpath
import re
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Template, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from generator.catalogue import FormManifest
from generator.context import make_environment
from generator.exceptions import BrokenTemplate
from generator.messages import Msg

UNUSED_PARTS = frozenset({"word/stylesWithEffects.xml", "docProps/thumbnail.jpeg"})
BODY = "word/document.xml"
RENDERED_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes)\.xml")
TAG_MARKS = ("{{", "{%", "{#", "{_")  # {_{ and {_% print a literal {{ and {% (docxtpl)
LISTING_CHARACTERS = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\n\a\f]")
"""A tab, line break, paragraph or page break in a value: docxtpl's resolve_listing turns it into Word's."""
CELL_TAGS = re.compile(r"\{[%{#]-?\s*tc\s|\{%-?\s*(?:colspan|cellbg|hm|vm)\b")
"""docxtpl's tags that add, merge or widen a row's cells ({%tc %}, colspan, cellbg, hm, vm): only then can
a table's grid need fix_tables (read with the XML tags taken out, as docxtpl's patch_xml first does)."""
DOCX_IDS = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
CONTENT_TYPES = "[Content_Types].xml"
STYLES = "word/styles.xml"
NAMED_VALUE = re.compile(rb'w:val="([^"]*)"')
WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@functools.cache
def docxtpl_processing():
    """docxtpl's XML processing (patch_xml, resolve_listing, fix_tables), which never opens a package.
    Made on first use: importing docxtpl (and python-docx) costs ~0.17 s, which a build that renders nothing
    (every case unchanged) does not pay."""
    from docxtpl import DocxTemplate

    return DocxTemplate(io.BytesIO())


@dataclass(frozen=True)
class CompiledTemplate:
    """A template's parts in package order: bytes to copy, or the Jinja template of a part to render."""

    parts: tuple[tuple[zipfile.ZipInfo, bytes | Template], ...]
    reshapes_tables: bool = False
    """The body has cell-level tags: its rendered tables go through docxtpl's fix_tables."""


def compile_template(data: bytes, environment: SandboxedEnvironment) -> CompiledTemplate:
    parts: list[tuple[zipfile.ZipInfo, bytes | Template]] = []
    reshapes_tables = False
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        kept = [info for info in package.infolist() if info.filename not in UNUSED_PARTS]
        extensions = {posixpath.splitext(info.filename)[1].lstrip(".").lower() for info in kept}
        raws = {info.filename: package.read(info) for info in kept}
        for info in kept:
            raw = raws[info.filename]
            if info.filename == STYLES:
                raw = named_styles_only(raws)
            elif info.filename.endswith(".rels"):
                raw = _without_relationships_to_unused(info.filename, raw)
            elif info.filename == CONTENT_TYPES:
                raw = _without_unused_content_types(raw, extensions)
            elif RENDERED_PARTS.fullmatch(info.filename) and any(m in (text := raw.decode("utf-8")) for m in TAG_MARKS):
                # as docxtpl's render_xml_part
                prepared = re.sub(r"<w:p([ >])", r"\n<w:p\1", docxtpl_processing().patch_xml(text))
                parts.append((info, environment.from_string(prepared)))
                if info.filename == BODY:
                    reshapes_tables = bool(CELL_TAGS.search(re.sub(r"<[^>]*>", "", text)))
                continue
            parts.append((info, raw))
    return CompiledTemplate(tuple(parts), reshapes_tables)


def w(name: str) -> str:
    return f"{{{WORD}}}{name}"


def _xml_bytes(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _without_relationships_to_unused(rels_name: str, raw: bytes) -> bytes:
    root = etree.fromstring(raw)
    owner_folder = posixpath.dirname(posixpath.dirname(rels_name))  # word/_rels/document.xml.rels → word
    dropped = False
    for relationship in list(root):
        target = relationship.get("Target", "")
        if relationship.get("TargetMode") == "External":
            continue
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(owner_folder, target))
        if name in UNUSED_PARTS:
            root.remove(relationship)
            dropped = True
    return _xml_bytes(root) if dropped else raw


def without_unnamed_styles(raw: bytes, other_parts: list[bytes]) -> bytes:
    """styles.xml with only the styles a part names (w:pStyle, w:rStyle, w:tblStyle, a numbering's style link,
    settings' defaults: any w:val), the default style of each type, and what those are based on, linked to
    or followed by. The python-docx starter package defines 164 styles (0.35 MB) that templates do not use;
    LibreOffice imports every one for every document, a quarter of its work on a one-page form. Names are read
    by Word's usual `w:` prefix, which docxtpl's own processing of a template relies on as well."""
    named = {value.decode("utf-8") for data in other_parts for value in NAMED_VALUE.findall(data)}
    if any("{" in value for value in named):  # a style chosen by a Jinja tag: it could be any of them
        return raw
    root = etree.fromstring(raw)
    styles = {style.get(w("styleId")): style for style in root.findall(w("style"))}
    kept = {key for key, style in styles.items() if key in named or style.get(w("default")) in ("1", "true", "on")}
    waiting = list(kept)
    while waiting:
        style = styles[waiting.pop()]
        for relation in ("basedOn", "link", "next"):
            target = style.find(w(relation))
            name = None if target is None else target.get(w("val"))
            if name in styles and name not in kept:
                kept.add(name)
                waiting.append(name)
    unnamed = [style for key, style in styles.items() if key not in kept]
    for style in unnamed:
        root.remove(style)
    return _xml_bytes(root) if unnamed else raw


def named_styles_only(parts: dict[str, bytes]) -> bytes:
    """A package's styles.xml (parts by name) keeping the styles its other parts name, the unused parts left out:
    the rule of the renderer and of `make templates` (tools/build_templates.py)."""
    return without_unnamed_styles(parts[STYLES], [data for name, data in parts.items()
                                                  if name != STYLES and name not in UNUSED_PARTS])


def _without_unused_content_types(raw: bytes, extensions: set[str]) -> bytes:
    """[Content_Types].xml without the entries of the parts left out (and of extensions no part has)."""
    root = etree.fromstring(raw)
    unused = [e for e in root if e.get("PartName", "").lstrip("/") in UNUSED_PARTS
              or e.get("Extension", "").lower() not in extensions | {""}]
    for element in unused:
        root.remove(element)
    return _xml_bytes(root) if unused else raw


def _filled(name: str, template: Template, context: dict, reshapes_tables: bool) -> bytes:
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", template.render(context))  # docxtpl's render_xml_part, after
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    if LISTING_CHARACTERS.search(xml):  # else docxtpl's resolve_listing would change nothing (1/4 of a big render)
        xml = docxtpl_processing().resolve_listing(xml)
    if name != BODY or not (reshapes_tables or "docPr" in xml):  # else parsing the body changes nothing
        return xml.encode("utf-8")
    tree = docxtpl_processing().fix_tables(xml.encode("utf-8"))  # the grid of a table whose columns a {%tc %} repeated
    for number, drawing in enumerate(tree.xpath("//wp:docPr", namespaces=DOCX_IDS), 1001):
        drawing.set("id", str(number))  # a picture repeated by a loop keeps a unique id (docxtpl's fix_docpr_ids)
    return _xml_bytes(tree)


_templates: dict[tuple[str, int, int], CompiledTemplate] = {}
_templates_lock = threading.Lock()
_compiling: dict[tuple[str, int, int], threading.Lock] = {}


def compiled_template(path: Path) -> CompiledTemplate:
    """The template compiled once a process (while its file stays the same size and age). The case threads
    of a batch that start on the same form wait for the one compiling it (~55 ms) instead of each
    compiling it too: the three job offers of the example cycle did six forms three times."""
    info = path.stat()
    key = (str(path.resolve()), info.st_size, info.st_mtime_ns)
    with _templates_lock:
        found = _templates.get(key)
        if found is not None:
            return found
        compiling = _compiling.setdefault(key, threading.Lock())
    with compiling:
        with _templates_lock:
            found = _templates.get(key)
        if found is None:
            try:
                found = compile_template(path.read_bytes(), make_environment())
                with _templates_lock:
                    _templates[key] = found
            finally:
                with _templates_lock:
                    _compiling.pop(key, None)
    return found


def render_template(path: Path, context: dict, destination: Path) -> Path:
    """Render the DOCX template at `path` into `destination` (Jinja errors propagate)."""
    compiled = compiled_template(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for info, part in compiled.parts:
            data = part if isinstance(part, bytes) else _filled(info.filename, part, context, compiled.reshapes_tables)
            package.writestr(zipfile.ZipInfo(info.filename, info.date_time), data, zipfile.ZIP_DEFLATED)
    destination.write_bytes(buffer.getvalue())  # in memory first: a full disk then fails one plain write
    return destination


def render_docx(form: FormManifest, context: dict, destination: Path) -> Path:
    try:
        return render_template(form.template_path, {**context, "form": form}, destination)
    except UndefinedError as error:
        raise BrokenTemplate(Msg(
            f"様式 {form.id} のテンプレートが、ケースにない値を使っています: {error.message}",
            f"form {form.id}: the template uses a value the case does not have: {error.message}")) from None
    except TemplateError as error:
        raise BrokenTemplate(Msg(f"様式 {form.id} のテンプレートに誤りがあります: {error}",
                                 f"form {form.id}: the template has an error: {error}")) from None
