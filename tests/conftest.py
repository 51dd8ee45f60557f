from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INBOX = ROOT / "inbox"
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def run_formgen(*args: str, cwd: Path | None = None, check: bool = False,
                env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real `formgen` command as a user would.

    `build` writes DOCX only unless the test passes --format (FORMGEN_FORMAT=docx): LibreOffice costs
    1-2 s per build, and tests/test_pdf*.py, test_packet*.py, test_converter*.py test the PDFs.
    """
    exe = Path(sys.executable).with_name("formgen")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "generator"]
    environment = {**os.environ, "FORMGEN_FORMAT": os.environ.get("FORMGEN_FORMAT", "docx"), **(env or {})}
    result = subprocess.run([*command, *args], cwd=cwd or ROOT, capture_output=True, text=True, env=environment)
    if check and result.returncode != 0:
        raise AssertionError(f"formgen {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture
def inbox_copy(tmp_path: Path) -> Path:
    """A private copy of the demo inbox (with its parties) to change freely."""
    target = tmp_path / "inbox"
    shutil.copytree(INBOX, target, ignore=shutil.ignore_patterns(".schema"))
    return target


@pytest.fixture
def outbox(tmp_path: Path) -> Path:
    return tmp_path / "outbox"


def build_file(path: Path, root: Path, options, converter=None):
    """Check and build one case file through the front door, as `formgen build FILE` does."""
    from generator import api

    return api.build_one(api.check_source(api.CaseSource(Path(path), Path(root))), options, converter)
