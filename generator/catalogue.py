"""The forms catalogue: every folder in forms/ with a manifest.yaml and a DOCX template.

Adding a form means adding a folder; nothing in the pipeline names a form. A printed form's folder
also holds labels.yaml: the labels and fixed texts the official form prints, which its template must carry.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import hashlib
import os
import threading
import zipfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.exceptions import BrokenTemplate
from generator.messages import Msg

MANIFEST = "manifest.yaml"
LABELS = "labels.yaml"


def forms_dir() -> Path:
    """The folder of the forms (setting `forms`, FORMGEN_FORMS; default forms/ of the repository)."""
    from generator.settings import active

    return Path(active().forms)


class Correction(BaseModel):
    model_config = ConfigDict(extra="forbid")
    line: str = Field(description="file:line of the misprint in a source document (docs/sources.md)")
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
    source: str = Field(description="file:line range of the form's text in a source document (docs/sources.md)")
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

    def template_sha256(self) -> str | None:
        return content_hash(self.template_path)

    @property
    def labels_path(self) -> Path:
        return self.folder / LABELS

    def printed_labels(self) -> FormLabels | None:
        """The labels and fixed texts of the official form (labels.yaml); None for a form without one."""
        if not self.labels_path.is_file():
            return None
        try:
            return FormLabels.model_validate(_read_yaml(self.labels_path))
        except (OSError, yaml.YAMLError, ValidationError) as error:
            raise BrokenTemplate(Msg(f"様式のラベル一覧 {self.labels_path} が壊れています: {error}",
                                     f"the labels of form {self.id} ({self.labels_path}) are broken: {error}")) from None


class PrintedLabel(BaseModel):
    """A blank of the official form, named as the form prints it."""

    model_config = ConfigDict(extra="forbid")
    label: str = Field(description="verbatim as printed; spaces stand where the value goes (年 月 日)")
    line: int = Field(description="line of the source document where it is printed")
    kind: Literal["text", "date", "number", "money", "choice", "checkbox", "signature", "table"]
    date_style: Literal["西暦", "和暦", "none"] | None = None
    options: list[str] | None = None
    repeat: str | None = Field(None, description="inside a repeated block: what it repeats for")
    note: str | None = None


class FixedText(BaseModel):
    """Text the official form prints verbatim: title, addressee, declarations, clause headings."""

    model_config = ConfigDict(extra="forbid")
    text: str
    line: int = Field(description="line of the source document where it is printed")
    note: str | None = None


class FormLabels(BaseModel):
    """forms/<id>/labels.yaml: a template is complete when every label and fixed text appears in what it renders."""

    model_config = ConfigDict(extra="forbid")
    official_id: str
    title: str
    source: str = Field(description="file:line range of the form's text in a source document (docs/sources.md)")
    addressee: str | None = None
    labels: list[PrintedLabel] = Field(default_factory=list)
    fixed_text: list[FixedText] = Field(default_factory=list)


def content_sha256(path: Path | IO[bytes]) -> str:
    """sha256 of what a DOCX holds (each part's name and bytes, in name order), not of its zip bytes: saving
    the same document again changes zip timestamps and compression, never this."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(path) as package:
        for name in sorted(package.namelist()):
            digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(package.read(name)).digest())
    return digest.hexdigest()


_hashes: dict[tuple[str, int, int], str] = {}
_hashes_lock = threading.Lock()


def content_hash(path: Path) -> str | None:
    """sha256 of a file — of a DOCX, of what it holds, not of its zip bytes (content_sha256) — kept while
    its size and modification time stay the same; None if unreadable."""
    try:
        info = path.stat()
        key = (str(path.resolve()), info.st_size, info.st_mtime_ns)
        with _hashes_lock:
            if key in _hashes:
                return _hashes[key]
        digest = content_sha256(path) if path.suffix == ".docx" else hashlib.sha256(path.read_bytes()).hexdigest()
    except (OSError, zipfile.BadZipFile):
        return None
    with _hashes_lock:
        _hashes[key] = digest
    return digest


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser where PyYAML has it (the same results as SafeLoader, 10 times as fast: a labels.yaml
is read whenever `formgen lint` or a test checks a form's texts)."""


def _read_yaml(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)  # noqa: S506 - a safe loader


def _read_manifest(folder: Path) -> FormManifest:
    path = folder / MANIFEST
    try:
        data = _read_yaml(path)
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


def _visible_entries(folder: str) -> list[os.DirEntry]:
    with os.scandir(folder) as entries:
        return [entry for entry in entries if not entry.name.startswith(".")]


_held_signatures: contextvars.ContextVar[dict[Path, tuple] | None] = contextvars.ContextVar(
    "formgen_held_forms_signatures", default=None)


@contextlib.contextmanager
def one_look_at_forms() -> Iterator[None]:
    """Within it, forms/ is looked at once: a step over many cases (checking 200 case files, deciding which are
    current) sees one state of the forms and pays one scandir, not one for each case (~1 ms each). Outside it
    every call looks again, so that a long-running `formgen watch` sees a form edited while it runs."""
    token = _held_signatures.set({}) if _held_signatures.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _held_signatures.reset(token)


def forms_signature(folder: Path | None = None) -> tuple:
    """Changes whenever a file of a form is added, removed or changed: the catalogue is read again then."""
    folder = Path(folder or forms_dir())
    held = _held_signatures.get()
    if held is not None and folder in held:
        return held[folder]
    signature = _scanned_signature(folder)
    if held is not None:
        held[folder] = signature
    return signature


def _scanned_signature(folder: Path) -> tuple:
    # one scandir and one stat a file, a quarter of what glob and two stats cost
    try:
        files = [entry for form in _visible_entries(str(folder)) if form.is_dir()
                 for entry in _visible_entries(form.path) if entry.is_file()]
        return tuple(sorted((entry.path, (info := entry.stat()).st_mtime_ns, info.st_size) for entry in files))
    except OSError:
        return ()


def load_catalogue(folder: Path | None = None) -> tuple[FormManifest, ...]:
    """The forms of `folder` (default: forms_dir()), read again only when a form's files change, so that a
    long-running `formgen watch` sees a form added or edited while it runs."""
    folder = Path(folder or forms_dir())
    return _read_catalogue(folder, forms_signature(folder))


@lru_cache(maxsize=8)
def _read_catalogue(folder: Path, signature: tuple) -> tuple[FormManifest, ...]:
    folders = sorted(p for p in folder.iterdir() if (p / MANIFEST).is_file())
    return tuple(sorted((_read_manifest(f) for f in folders), key=lambda m: (m.order, m.id)))


def forms_for_kind(kind: str, folder: Path | None = None) -> list[FormManifest]:
    return [m for m in load_catalogue(folder) if kind in m.kinds]
