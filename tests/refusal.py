"""Edit a copied case so that it is wrong, build it, and require that formgen refuses it and writes nothing."""

from __future__ import annotations

from pathlib import Path

from conftest import run_formgen


def edit_case(case: Path, old: str, new: str, count: int = -1) -> str:
    """Replace `old` (which must be there) by `new` in the case file; returns the new text."""
    text = case.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, count)
    case.write_text(text, encoding="utf-8")
    return text


def build_refused(case: Path, outbox: Path, out_id: str, *build_options: str) -> str:
    """Build the case; it must fail and leave no outbox/<out_id>. Returns stderr."""
    result = run_formgen("build", str(case), "--out", str(outbox), *build_options)
    assert result.returncode == 1, result.stderr
    assert not (outbox / out_id).exists()
    return result.stderr
