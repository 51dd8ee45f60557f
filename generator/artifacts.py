"""What the pipeline steps hand to each other about the documents of one case."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.catalogue import FormManifest


@dataclass
class Document:
    form: FormManifest
    docx: Path | None
    pdf: Path | None = None

    def drop_docx(self) -> None:
        """Only the PDF is wanted (--format pdf)."""
        if self.docx is not None:
            self.docx.unlink(missing_ok=True)
            self.docx = None
