"""Pipeline step 6: one packet.pdf per case (cover sheet, documents in filing order, attachments)."""

from __future__ import annotations

from pathlib import Path

from generator.artifacts import Document


def assemble_packet(case, context: dict, documents: list[Document], stage: Path, options) -> Path | None:
    return None
