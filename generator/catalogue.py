"""The forms catalogue: every folder in forms/ with a manifest.yaml and a DOCX template.

Adding a form means adding a folder; nothing in the pipeline names a form.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.exceptions import BrokenTemplate
from generator.messages import Msg



def forms_dir() -> Path:
    """The folder of the forms (setting `forms`, FORMGEN_FORMS; default forms/ of the repository)."""
    from generator.settings import active

    return Path(active().forms)
MANIFEST = "manifest.yaml"


class Correction(BaseModel):
    model_config = ConfigDict(extra="forbid")
    line: str = Field(description="seed file:line of the misprint")
    printed: str
    corrected: str


class Office(BaseModel):
    """提出先: the office the form is filed with."""

    model_config = ConfigDict(extra="forbid")
    name: str
    address: str | None = None
    phone: str | None = None
    note: str | None = None
    chosen_by_case: bool = Field(False, description="the case's `submit_to` names the office (the JITCO office of "
                                                    "the applicant's prefecture); this entry describes it")


class FormManifest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="folder name, ASCII")
    official_id: str = Field(description="as printed, e.g. JICWELS 様式2-2 or 厚生労働省通知様式第8号")
    title: str
    addressee: str | None = Field(None, description="who the form is addressed to, as it prints it")
    submit_to: Office | None = Field(None, description="提出先; a case may choose it (e.g. the JITCO office)")
    kinds: list[str] = Field(min_length=1, description="case kinds that produce this form")
    order: int = Field(100, description="filing order inside a packet (smaller first)")
    output: str = Field(description="output file name, without extension")
    template: str = "template.docx"
    when: str | None = Field(None, description="Jinja expression on the case; the form is made only when true")
    source: str = Field(description="seed file:line range of the form's text")
    inventory: str | None = Field(None, description="../shared/forms-inventory/ file that lists its labels")
    designed: bool = Field(False, description="true when the seed does not print the form and formgen designed it")
    design_notes: list[str] = Field(default_factory=list)
    corrections: list[Correction] = Field(default_factory=list)
    language: Literal["ja", "en", "ja+en"] = "ja"
    attachments_to_add: list[str] = Field(default_factory=list,
                                          description="documents the user must add, for the packet's checklist")
    internal: bool = Field(False, description="the office's own sheet (a checklist), never filed: written as its "
                                              "own file beside the packet, not put in packet.pdf or on its cover")
    edition: str | None = Field(None, description="the edition of the source the form follows (a later edition is added "
                                     "as another form folder beside it, with its own validity)")
    valid_from: dt.date | None = Field(None, description="first filing day the form is used for")
    valid_until: dt.date | None = Field(None, description="last filing day the form is used for")

    folder: Path = Field(Path("."), exclude=True)

    def valid_on(self, day: dt.date) -> bool:
        """Whether the form is the edition to file on `day`."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until)

    @property
    def template_path(self) -> Path:
        return self.folder / self.template

    def template_sha256(self) -> str:
        return hashlib.sha256(self.template_path.read_bytes()).hexdigest()


def _read_manifest(folder: Path) -> FormManifest:
    path = folder / MANIFEST
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        manifest = FormManifest.model_validate({**data, "folder": folder})
    except (OSError, yaml.YAMLError, ValidationError, TypeError) as error:
        raise BrokenTemplate(Msg(f"様式の定義 {path} が壊れています: {error}",
                                 f"the form manifest {path} is broken: {error}")) from None
    if manifest.id != folder.name:
        raise BrokenTemplate(Msg(f"{path}: id「{manifest.id}」がフォルダ名と違います。",
                                 f"{path}: id '{manifest.id}' differs from the folder name."))
    if not manifest.template_path.is_file():
        raise BrokenTemplate(Msg(f"様式 {manifest.id} のテンプレート {manifest.template_path} がありません。",
                                 f"form {manifest.id}: template {manifest.template_path} is missing."))
    return manifest


@lru_cache(maxsize=4)
def _catalogue(folder: Path) -> tuple[FormManifest, ...]:
    folders = sorted(p for p in folder.iterdir() if (p / MANIFEST).is_file())
    return tuple(sorted((_read_manifest(f) for f in folders), key=lambda m: (m.order, m.id)))


def load_catalogue(folder: Path | None = None) -> tuple[FormManifest, ...]:
    return _catalogue(Path(folder) if folder else forms_dir())


def forms_for_kind(kind: str, folder: Path | None = None) -> list[FormManifest]:
    return [m for m in load_catalogue(folder) if kind in m.kinds]
