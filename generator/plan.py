"""Pipeline step 3: which forms a case produces, in filing order (from the manifests alone): the forms of
the case's kind whose edition is valid on the filing day (the build day) and whose `when:` holds."""

from __future__ import annotations

from jinja2 import TemplateError

from generator.catalogue import FormManifest, forms_for_kind
from generator.context import make_environment
from generator.exceptions import BrokenTemplate
from generator.messages import Msg
from schemas import CaseFile


def plan_forms(case: CaseFile, context: dict) -> list[FormManifest]:
    env = make_environment()
    planned = []
    filing_day = context["today"]
    for form in forms_for_kind(case.kind):
        if not form.valid_on(filing_day):  # another edition of the form is the one filed that day
            continue
        if form.when:
            try:
                wanted = env.compile_expression(form.when, undefined_to_none=False)(**context)
            except TemplateError as error:
                raise BrokenTemplate(Msg(f"様式 {form.id} の when 式が評価できません: {error}",
                                         f"form {form.id}: its when expression failed: {error}")) from None
            if not wanted:
                continue
        planned.append(form)
    return planned
