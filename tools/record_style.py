"""The house style of the records formgen prints for the office's own files and the authority's
requests (the 優良要件 score sheet, the follow-up record): 作成日 at the top right, the title, a
shaded-label table for who and what, section headings, and the source named by its title."""

from __future__ import annotations

from collections.abc import Sequence

from templatekit import L, V, grid, heading, new_document, p, spacer, title


def record_document(form_title: str, subject_rows: Sequence[tuple[str, str]], widths_mm=(58, 122)):
    """A4 document with 作成日, `form_title` and the subject table (label, value) rows."""
    doc = new_document(size=9.5)
    p(doc, "作成日 {{ today|seireki }}", align="right", size=9)
    title(doc, form_title, size=14, space_after=6)
    grid(doc, [[L(label), V(value)] for label, value in subject_rows], widths_mm=list(widths_mm), size=9.5)
    return doc


def section(doc, text: str) -> None:
    heading(doc, text, size=10, space_before=8)


def source_line(doc, text: str) -> None:
    spacer(doc, 4)
    p(doc, text, size=8)
