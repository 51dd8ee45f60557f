"""Pipeline step 5: DOCX → PDF with LibreOffice (see generator/libreoffice.py)."""

from __future__ import annotations

from generator.artifacts import Document


def convert_documents(documents: list[Document], options) -> None:
    """Set `document.pdf` for each document (when options.formats asks for PDF)."""
    return None
