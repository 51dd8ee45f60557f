"""Pipeline step 7: the deadlines a case starts (rule table, calendar arithmetic, outputs)."""

from __future__ import annotations

from pathlib import Path


def write_case_deadlines(case, loaded, stage: Path, options) -> None:
    """Write outbox/<case-id>/deadlines.md and deadlines.ics into the staging folder."""
    return None


def write_outbox_deadlines(out_dir: Path, options) -> None:
    """Refresh outbox/deadlines.csv, deadlines.ics and index.html from every built case."""
    return None
