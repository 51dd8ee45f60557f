"""What the pipeline steps hand to each other about the documents of one case."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.catalogue import FormManifest


@dataclass
class Document:
    form: FormManifest
    docx: Path
    pdf: Path | None = None
