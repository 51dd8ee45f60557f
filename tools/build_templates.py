"""Write forms/<id>/template.docx from tools/templates/<id>.py (all, or the ids given)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tools" / "templates"
sys.path.insert(0, str(ROOT / "tools"))


def load_source(form_id: str):
    spec = importlib.util.spec_from_file_location(f"template_{form_id.replace('-', '_')}", SOURCES / f"{form_id}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(form_id: str, destination: Path | None = None) -> Path:
    document = load_source(form_id).build()
    destination = destination or ROOT / "forms" / form_id / "template.docx"
    document.core_properties.author = "formgen"
    destination.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(destination))
    return destination


def main(ids: list[str]) -> None:
    for form_id in ids or sorted(p.stem for p in SOURCES.glob("*.py")):
        print(build(form_id))


if __name__ == "__main__":
    main(sys.argv[1:])
