"""Write forms/<id>/template.docx from tools/templates/<id>.py (all, or the ids given).

The DOCX bytes depend only on the document (parts in a fixed order, one fixed timestamp): building twice
writes nothing the second time. tools/templates/<id>.sha256 records the content of what the generator
last wrote; a template whose content differs from it was edited by hand (in Word) and is not
overwritten unless --force says so.

    python tools/build_templates.py [--force] [ID...]      (make templates, make templates FORCE=1)
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tools" / "templates"
FORMS = ROOT / "forms"
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT))

from generator.catalogue import content_sha256  # noqa: E402 - after the path set-up above
from generator.render import STYLES, named_styles_only  # noqa: E402

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
CONTENT_TYPES = "[Content_Types].xml"  # first in the package, as Word writes it


def load_source(form_id: str):
    spec = importlib.util.spec_from_file_location(f"template_{form_id.replace('-', '_')}", SOURCES / f"{form_id}.py")
    assert spec is not None and spec.loader is not None, form_id
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def docx_bytes(document) -> bytes:
    """The document as DOCX bytes that depend on its content only, with only the styles it names (the
    renderer's own rule, generator/render.py: python-docx's starter package defines 164 styles, 0.35 MB)."""
    saved = io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts[STYLES] = named_styles_only(parts)
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(parts, key=lambda n: (n != CONTENT_TYPES, n)):
            entry = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, parts[name], compresslevel=9)
    return package.getvalue()


def build(form_id: str, destination: Path | None = None) -> Path:
    """Write the template of `form_id` to `destination` (default: its form folder) without any check."""
    destination = destination or FORMS / form_id / "template.docx"
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(rendered(form_id))
    return destination


def rendered(form_id: str) -> bytes:
    document = load_source(form_id).build()
    document.core_properties.author = "formgen"
    return docx_bytes(document)


@dataclass(frozen=True)
class Outcome:
    path: Path
    status: str  # written | unchanged | refused
    message: str = ""


def write_template(form_id: str, forms: Path = FORMS, records: Path = SOURCES, force: bool = False) -> Outcome:
    """Write forms/<id>/template.docx unless it is current or was edited since the generator wrote it."""
    path, record = forms / form_id / "template.docx", records / f"{form_id}.sha256"
    new = rendered(form_id)
    new_content = content_sha256(io.BytesIO(new))
    current = content_sha256(path) if path.is_file() else None
    last_written = record.read_text(encoding="utf-8").split()[0] if record.is_file() else None
    if current not in (None, new_content, last_written) and not force:
        return Outcome(path, "refused", edited_message(form_id, path))
    record.write_text(f"{new_content}  {form_id}\n", encoding="utf-8")
    if path.is_file() and path.read_bytes() == new:
        return Outcome(path, "unchanged")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(new)
    return Outcome(path, "written")


def edited_message(form_id: str, path: Path) -> str:
    return (f"{path}: not overwritten: its content differs from what tools/templates/{form_id}.py last wrote "
            f"(edited in Word?).\n"
            f"  To keep the edit, either carry it into tools/templates/{form_id}.py and run "
            f"`make templates FORCE=1`,\n"
            f"  or keep the Word file as the template: delete tools/templates/{form_id}.py and "
            f"tools/templates/{form_id}.sha256 (the form then has no generator).\n"
            f"  To discard the edit: python tools/build_templates.py --force {form_id}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/build_templates.py", description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", help="form ids (default: every tools/templates/<id>.py)")
    parser.add_argument("--force", action="store_true", help="overwrite templates edited by hand")
    args = parser.parse_args(argv)
    refused = 0
    for form_id in args.ids or sorted(p.stem for p in SOURCES.glob("*.py")):
        outcome = write_template(form_id, force=args.force)
        if outcome.status == "refused":
            refused += 1
            print(outcome.message, file=sys.stderr)
        else:
            print(f"{outcome.status}: {outcome.path.relative_to(ROOT)}")
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
