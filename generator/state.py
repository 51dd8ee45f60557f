"""Is a case's output current? This decides what `formgen watch` (re)builds: it is idempotent.

The decision is generator/fingerprint.py's, the one `formgen build` and the web app use too: the
fingerprint of everything the case reads, recorded in outbox/<case-id>/manifest.json, and outputs
intact. This module adds what the watcher needs around it: the case id of a file that cannot be
read, another case file that owns the same outbox folder, and a precise reason for the log (which
parties file or template changed). Reading a case file (YAML + parties) takes milliseconds, so a
full check of the inbox is cheap enough to run at start and at every periodic rescan.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.catalogue import forms_signature, load_catalogue
from generator.exceptions import FormgenError, InvalidInput
from generator.fingerprint import case_fingerprint, read_manifest, why_stale
from generator.load import LoadedCase, case_id_for, load_case, safe_folder_name
from generator.messages import Msg
from generator.settings import Format

EXTENSIONS = {"docx": (".docx",), "pdf": (".pdf",), "both": (".docx", ".pdf")}


@dataclass(frozen=True)
class CaseState:
    path: Path
    case_id: str
    fingerprint: str | tuple
    """The hashes of everything the case reads; a failed case is retried only when it changes."""
    reason: Msg | None = None
    """Why the case must be (re)built; None when its outputs are current."""
    duplicate_of: Path | None = None
    """Another case file that has the same case id and built outbox/<case-id>."""

    @property
    def current(self) -> bool:
        return self.reason is None


def output_folder_name(case_id: str | None, path: Path) -> str:
    """The outbox folder of a case; a case id that is not allowed (e.g. `../x`, `index.html`) falls back to
    the file name, or to a name made from it (generator.load.safe_folder_name)."""
    return safe_folder_name(case_id, path)


def file_sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class TemplateHashes:
    """The content sha256 of each form's template, read once per check of the inbox."""

    def __init__(self) -> None:
        self._hashes: dict[str, str | None] = {}
        self.signature = forms_signature()
        try:
            self._forms = {form.id: form for form in load_catalogue()}
        except FormgenError:
            self._forms = {}

    def always_made_for(self, kind: str) -> set[str]:
        """Forms every case of `kind` gets (no `when:`): a form added to the catalogue means a rebuild."""
        return {form.id for form in self._forms.values() if kind in form.kinds and not form.when}

    def __getitem__(self, form_id: str) -> str | None:
        if form_id not in self._hashes:
            form = self._forms.get(form_id)
            self._hashes[form_id] = _template_sha256(form) if form else None
        return self._hashes[form_id]


def _template_sha256(form) -> str | None:
    try:
        return form.template_sha256()
    except (OSError, zipfile.BadZipFile):
        return None


def _same_path(recorded: str, path: Path) -> bool:
    return Path(recorded).resolve() == path.resolve()


def _parties(loaded: LoadedCase) -> set[tuple[Path, str]]:
    return {(s.path.resolve(), s.sha256) for s in loaded.sources[1:]}


def _recorded_parties(manifest: dict) -> set[tuple[Path, str]]:
    return {(Path(p["path"]).resolve(), p["sha256"]) for p in manifest.get("parties", [])}


def _why_stale(manifest: dict, loaded: LoadedCase, folder: Path, formats: str,
               templates: TemplateHashes) -> Msg | None:
    if manifest.get("input", {}).get("sha256") != loaded.sources[0].sha256:
        return Msg("ケースファイルが変わりました", "the case file changed")
    changed = sorted({p.name for p, _ in _parties(loaded) ^ _recorded_parties(manifest)})
    if changed:
        return Msg(f"parties ファイル {', '.join(changed)} が変わりました",
                   f"parties file {', '.join(changed)} changed")
    added = sorted(templates.always_made_for(str(manifest.get("kind"))) - {f.get("id") for f in manifest.get("forms", [])})
    if added:
        return Msg(f"様式 {', '.join(added)} が追加されました", f"form {', '.join(added)} was added")
    for form in manifest.get("forms", []):
        if templates[form.get("id")] != form.get("template_sha256"):
            return Msg(f"様式 {form.get('id')} のテンプレートが変わりました",
                       f"the template of form {form.get('id')} changed")
        files = form.get("files", [])
        if any(not (folder / name).is_file() for name in files):
            return Msg("出力ファイルの一部がありません", "some output files are missing")
        if any(not any(name.endswith(ext) for name in files) for ext in EXTENSIONS.get(formats, ())):
            return Msg(f"形式 {formats} の出力がありません", f"no {formats} outputs")
    if manifest.get("formgen_version") != __version__:
        return Msg("formgen のバージョンが変わりました", "formgen was updated")
    return None


def inspect_case(path: Path, root: Path | None, out_dir: Path, formats: Format,
                 templates: TemplateHashes | None = None, loaded: LoadedCase | None = None,
                 options=None) -> CaseState:
    """Whether outbox/<case-id>/ holds the outputs of this case file as it is now, built with `options`
    (generator.pipeline.BuildOptions; by default the defaults with `out_dir` and `formats`); `loaded` is
    the case as the caller has just read it, so that it is not read twice."""
    from generator.pipeline import BuildOptions

    options = options or BuildOptions(out_dir=out_dir, formats=formats)
    templates = templates or TemplateHashes()
    try:
        loaded = loaded or load_case(path, root)
    except InvalidInput:
        # Unreadable or not a mapping: it can only fail again until its bytes change.
        case_id = output_folder_name(case_id_for(path, {}), path)
        return CaseState(path, case_id, (file_sha256(path), templates.signature),
                         Msg("ケースファイルを読めません", "unreadable case file"))
    case_id = output_folder_name(loaded.case_id, path)
    fingerprint = case_fingerprint(loaded, options)
    folder = out_dir / case_id
    manifest = read_manifest(folder)
    recorded_input = (manifest or {}).get("input", {}).get("path") if isinstance((manifest or {}).get("input"), dict) else None
    if isinstance(recorded_input, str) and not _same_path(recorded_input, path) and Path(recorded_input).is_file():
        return CaseState(path, case_id, fingerprint, duplicate_of=Path(recorded_input))
    reason = why_stale(fingerprint, folder, manifest)
    if reason is not None and manifest is not None and manifest.get("fingerprint") != fingerprint:
        try:
            reason = _why_stale(manifest, loaded, folder, formats, templates) or reason
        except (AttributeError, KeyError, TypeError):
            reason = Msg("manifest.json の形式が違います", "malformed manifest.json")
    return CaseState(path, case_id, fingerprint, reason)
