"""`formgen lint`: every variable a template uses exists in its kinds' schemas, and every schema field
is printed by some template of its kind or marked as deliberately not printed."""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import meta, nodes
from pydantic import BaseModel

from generator.catalogue import FormManifest, load_catalogue
from generator.context import PRINTED_VALUES, make_environment
from generator.exceptions import BrokenTemplate
from schemas import KINDS
from schemas.base import NOT_PRINTED

CONTEXT_EXTRAS = {"today", "sheet", "sheets", "form"}


@dataclass(frozen=True)
class LintFinding:
    form_or_kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.form_or_kind}: {self.message}"


def template_ast(form: FormManifest) -> nodes.Template:
    template = DocxTemplate(str(form.template_path))
    template.init_docx()
    sources = [template.patch_xml(template.get_xml())]
    for part in (*template.get_headers_footers(template.HEADER_URI),
                 *template.get_headers_footers(template.FOOTER_URI)):
        sources.append(template.patch_xml(template.get_part_xml(part[1])))
    return make_environment().parse("".join(sources))


def names_used(ast: nodes.Template) -> set[str]:
    used = {node.name for node in ast.find_all(nodes.Name)}
    used |= {node.attr for node in ast.find_all(nodes.Getattr)}
    used |= {node.arg.value for node in ast.find_all(nodes.Getitem) if isinstance(node.arg, nodes.Const)
             and isinstance(node.arg.value, str)}
    return used


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if origin is None:
        return []
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def printable_fields(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Dotted paths of the fields that some template must print."""
    paths = []
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        if name == "kind" or NOT_PRINTED in extra:
            continue
        path = f"{prefix}{name}"
        paths.append(path)
        for sub in _models_in(info.annotation):
            paths.extend(printable_fields(sub, f"{path}."))
    return paths


def _labels_findings(form: FormManifest) -> list[LintFinding]:
    """A printed form lists its labels in labels.yaml (a designed form may); a broken one is a finding."""
    try:
        labels = form.printed_labels()
    except BrokenTemplate as error:
        return [LintFinding(form.id, error.message.en)]
    if labels is None and not form.designed:
        return [LintFinding(form.id, "labels.yaml is missing: a form printed in a source document lists the labels "
                                     "and fixed texts it carries (only a designed form may go without)")]
    return []


def lint(catalogue: tuple[FormManifest, ...] | None = None) -> list[LintFinding]:
    catalogue = catalogue or load_catalogue()
    findings: list[LintFinding] = []
    # Party models (organisation, facility, person) are shared by many kinds: a field counts as printed
    # when any template prints it.
    used_anywhere: set[str] = set()
    for form in catalogue:
        unknown_kinds = [k for k in form.kinds if k not in KINDS]
        if unknown_kinds:
            findings.append(LintFinding(form.id, f"unknown case kinds {unknown_kinds}"))
        findings += _labels_findings(form)
        ast = template_ast(form)
        used = names_used(ast)
        for kind in form.kinds:
            if kind not in KINDS:
                continue
            model = KINDS[kind]
            known = (set(model.model_fields) | set(model.model_computed_fields) | CONTEXT_EXTRAS
                     | set(getattr(model, PRINTED_VALUES, ())))
            for name in sorted(meta.find_undeclared_variables(ast) - known):
                findings.append(LintFinding(form.id, f"uses '{name}', which kind {kind} does not have"))
        used_anywhere |= used
    for kind, model in KINDS.items():
        for path in printable_fields(model):
            if path.rsplit(".", 1)[-1] not in used_anywhere:
                findings.append(LintFinding(kind, f"field '{path}' is printed by no template "
                                                  f"(print it, or mark it not_printed with a reason)"))
    return findings
