"""Are a case's outputs current? One answer for `formgen build`, `formgen watch` and the web app.

A case's fingerprint is a sha256 over everything its outputs depend on: the case file's bytes, every
parties file it reads (path and bytes), every attachment it names (path and bytes, or missing), the
content of every form folder of its kind and of the deadline checklist template, the formgen version,
and the options that shape the outputs (formats, PDF/A, output mode, and the day the build is for —
deadline statuses and printed dates follow it). The build writes it into manifest.json with the size of
each output file; a case is current when the fingerprint is the same, the manifest is its own
(same case file), no ERRORS.txt says the last attempt failed, and every output file is there with
its recorded size. Hashing reads only small files (a template's hash is kept while its size and
modification time stay the same), so checking 200 unchanged cases costs far less than loading them.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from generator import __version__
from generator.catalogue import content_hash, forms_for_kind, forms_signature
from generator.deadlines.outputs import CHECKLIST_TEMPLATE
from generator.exceptions import FormgenError
from generator.load import LoadedCase
from generator.messages import Msg

MANIFEST_FILE = "manifest.json"
ERRORS_FILE = "ERRORS.txt"

def templates_of(kind: object) -> list[tuple[str, str | None]]:
    """(file, hash) of every file of the form folders of `kind` and of the checklist template.

    The forms' part is worked out once for each kind while no file of a form changes (the forms' signature:
    one scandir, where listing and hashing a kind's folders again cost ~2 ms a case); the checklist's hash is
    content_hash's own, kept while the file stays the same."""
    checklist = (f"{CHECKLIST_TEMPLATE.parent.name}/{CHECKLIST_TEMPLATE.name}", content_hash(CHECKLIST_TEMPLATE))
    return [*_form_files_of(kind if isinstance(kind, str) else None, forms_signature()), checklist]


@lru_cache(maxsize=64)
def _form_files_of(kind: str | None, _forms: tuple) -> tuple:
    try:
        forms = forms_for_kind(kind) if kind is not None else []
    except FormgenError:
        forms = []
    files = [p for form in forms for p in sorted(form.folder.iterdir()) if p.is_file() and not p.name.startswith(".")]
    return tuple((f"{p.parent.name}/{p.name}", content_hash(p)) for p in files)


def attachments_of(loaded: LoadedCase) -> list[tuple[str, str | None]]:
    items = loaded.data.get("attachments")
    if not isinstance(items, list):
        return []
    folder = loaded.path.resolve().parent
    files = [str(item["file"]) for item in items if isinstance(item, dict) and isinstance(item.get("file"), str)]
    return [(name, content_hash(folder / name)) for name in files]


def case_fingerprint(loaded: LoadedCase, options) -> str:
    """The fingerprint of a loaded case built with `options` (generator.pipeline.BuildOptions)."""
    facts = {
        "formgen": __version__,
        "case": loaded.sources[0].sha256,
        "parties": sorted((str(s.path.resolve()), s.sha256) for s in loaded.sources[1:]),
        "attachments": attachments_of(loaded),
        "templates": templates_of(loaded.data.get("kind")),
        "options": [options.formats, options.pdfa, options.output_mode, options.day.isoformat()],
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def output_sizes(folder: Path) -> dict[str, int]:
    """What the manifest records of the outputs: each file's size (manifest.json itself excepted)."""
    return {p.name: p.stat().st_size for p in sorted(folder.iterdir()) if p.is_file() and p.name != MANIFEST_FILE}


def read_manifest(folder: Path) -> dict | None:
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def outputs_intact(folder: Path, manifest: dict) -> bool:
    recorded = manifest.get("outputs")
    if not isinstance(recorded, dict) or not recorded:
        return False
    for name, size in recorded.items():
        try:
            if (folder / Path(str(name)).name).stat().st_size != size:
                return False
        except OSError:
            return False
    return True


def why_stale(fingerprint: str, folder: Path, manifest: dict | None) -> Msg | None:
    """Why outputs in `folder` are not those of a case with this fingerprint; None when they are."""
    if (folder / ERRORS_FILE).exists():
        return Msg("前回の作成が失敗しています", "the last build failed")
    if manifest is None:
        return Msg("出力がありません（または manifest.json を読めません）", "no outputs yet (or unreadable manifest.json)")
    if manifest.get("fingerprint") != fingerprint:
        return Msg("ケースファイル・parties・添付・様式・設定のいずれかが変わりました",
                   "the case file, a parties file, an attachment, a form or a setting changed")
    if not outputs_intact(folder, manifest):
        return Msg("出力ファイルの一部がないか、変わっています", "some output files are missing or changed")
    return None
