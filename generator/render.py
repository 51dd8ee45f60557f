"""Pipeline step 4: fill a form's DOCX template with a case's values (docxtpl, strict and escaped)."""

from __future__ import annotations

import io
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import TemplateError, UndefinedError

from generator.catalogue import FormManifest
from generator.context import make_environment
from generator.exceptions import BrokenTemplate
from generator.messages import Msg


def render_docx(form: FormManifest, context: dict, destination: Path) -> Path:
    template = DocxTemplate(str(form.template_path))
    try:
        template.render({**context, "form": form}, jinja_env=make_environment(), autoescape=True)
    except UndefinedError as error:
        raise BrokenTemplate(Msg(
            f"様式 {form.id} のテンプレートが、ケースにない値を使っています: {error.message}",
            f"form {form.id}: the template uses a value the case does not have: {error.message}")) from None
    except TemplateError as error:
        raise BrokenTemplate(Msg(f"様式 {form.id} のテンプレートに誤りがあります: {error}",
                                 f"form {form.id}: the template has an error: {error}")) from None
    buffer = io.BytesIO()
    template.save(buffer)  # in memory first: a full disk then fails one plain write, not a zip left half-open
    destination.write_bytes(buffer.getvalue())
    return destination
