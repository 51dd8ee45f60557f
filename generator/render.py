"""Pipeline step 4: fill a form's DOCX template with a case's values (docxtpl, strict and escaped).

Each template is read and compiled once per process, not once per document: the file's bytes and
the Jinja templates docxtpl makes of its body, headers and footers are kept (keyed by the template's
path, size and modification time), and each render starts from the kept bytes. Compiling a form's XML
is most of docxtpl's work (~0.1 s for a big form); the render itself takes milliseconds.

Two parts of the python-docx starter package that templates carry are left out of the output:
word/stylesWithEffects.xml (a Word 2010 copy of styles.xml, 0.4 MB, read by no current program) and
docProps/thumbnail.jpeg (a picture of a blank page). Every other part is written as rendered.
"""

from __future__ import annotations

import io
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import Template, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from generator.catalogue import FormManifest
from generator.context import make_environment
from generator.exceptions import BrokenTemplate
from generator.messages import Msg

UNUSED_PARTS = ("/word/stylesWithEffects.xml", "/docProps/thumbnail.jpeg")


@dataclass
class CompiledTemplate:
    """A template file's bytes and the Jinja templates of its parts, compiled on first use."""

    data: bytes
    environment: SandboxedEnvironment = field(default_factory=make_environment)
    parts: dict[str, Template] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def compiled(self, part_name: str, source_xml: str) -> Template:
        with self.lock:
            if part_name not in self.parts:
                self.parts[part_name] = self.environment.from_string(source_xml)
            return self.parts[part_name]


_templates: dict[tuple[str, int, int], CompiledTemplate] = {}
_templates_lock = threading.Lock()


def compiled_template(path: Path) -> CompiledTemplate:
    info = path.stat()
    key = (str(path.resolve()), info.st_size, info.st_mtime_ns)
    with _templates_lock:
        found = _templates.get(key)
    if found is None:
        found = CompiledTemplate(path.read_bytes())
        with _templates_lock:
            found = _templates.setdefault(key, found)
    return found


class _KeptTemplate(DocxTemplate):
    """docxtpl's rendering, with each part's Jinja template compiled once per template file."""

    def __init__(self, kept: CompiledTemplate):
        super().__init__(io.BytesIO(kept.data))
        self.kept = kept

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        # docxtpl.DocxTemplate.render_xml_part, with the compiled template kept (docxtpl 0.18-0.20)
        self.current_rendering_part = part
        template = self.kept.compiled(str(part.partname), re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml))
        dst_xml = template.render(context)
        dst_xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml)
        dst_xml = dst_xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        return self.resolve_listing(dst_xml)

    def drop_unused_parts(self) -> None:
        for owner in (self.docx.part, self.docx.part.package):
            for key, relationship in list(owner.rels.items()):
                if not relationship.is_external and str(relationship.target_part.partname) in UNUSED_PARTS:
                    del owner.rels[key]


def render_template(path: Path, context: dict, destination: Path) -> Path:
    """Render the DOCX template at `path` into `destination` (Jinja errors propagate)."""
    kept = compiled_template(path)
    template = _KeptTemplate(kept)
    template.render(context, jinja_env=kept.environment, autoescape=True)
    template.drop_unused_parts()
    buffer = io.BytesIO()
    template.save(buffer)  # in memory first: a full disk then fails one plain write, not a zip left half-open
    destination.write_bytes(buffer.getvalue())
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
