"""Helpers for the outbox tests: small inboxes of the demo return-home case, a small real filesystem
(tmpfs) to fill up or make read-only, and checks of what an outbox holds."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from conftest import INBOX
from docxread import full_text

EXAMPLE = (INBOX / "epa-return-home-dewi.yaml").read_text(encoding="utf-8")
DOCX = "mhlw-8_帰国確認報告書.docx"
FORMGEN = Path(sys.executable).with_name("formgen")


def case_text(name: str = "DEWI AYU LESTARI") -> str:
    return EXAMPLE.replace("DEWI AYU LESTARI", name)


def make_inbox(folder: Path, count: int, prefix: str = "case") -> list[str]:
    """`count` return-home cases (each with its own name printed in its DOCX) and the demo parties."""
    shutil.copytree(INBOX / "parties", folder / "parties", dirs_exist_ok=True)
    ids = [f"{prefix}-{i:03d}" for i in range(count)]
    for number, case_id in enumerate(ids):
        (folder / f"{case_id}.yaml").write_text(case_text(f"PERSON {number:03d}"), encoding="utf-8")
    return ids


def assert_complete(folder: Path, name: str | None = None) -> None:
    """A published case folder: its DOCX opens, its manifest reads, nothing half-written or failed."""
    names = {p.name for p in folder.iterdir()}
    assert {DOCX, "manifest.json"} <= names, names
    assert not any(n.startswith(".") or n == "ERRORS.txt" for n in names), names
    json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(folder / DOCX) as archive:
        assert archive.testzip() is None
    Document(str(folder / DOCX))
    if name is not None:
        assert name in full_text(folder / DOCX)


def leftovers(outbox: Path) -> list[str]:
    """What a finished run must not leave: staging folders, hidden temporary files."""
    found = []
    staging = outbox / ".formgen-staging"  # an empty one stays while the process that used it runs
    if staging.exists():
        found += [f".formgen-staging/{p.name}" for p in staging.iterdir()]
    found += [str(p.relative_to(outbox)) for p in (*outbox.glob(".*.tmp"), *outbox.glob("*/.*.tmp"))]
    return found


def wrong_modes(outbox: Path, file_mode: int, dir_mode: int) -> list[str]:
    """Every file and folder of the outbox (the outbox itself included) whose permissions differ."""
    wrong = []
    for path in [outbox, *outbox.rglob("*")]:
        info = path.lstat()
        wanted = dir_mode if stat.S_ISDIR(info.st_mode) else file_mode
        if stat.S_IMODE(info.st_mode) != wanted:
            wrong.append(f"{path.relative_to(outbox.parent)}: {oct(stat.S_IMODE(info.st_mode))}")
    return wrong


class SmallDisk:
    """A real tmpfs of a few MB: filled with a ballast file it gives ENOSPC, remounted read-only EROFS."""

    def __init__(self, mount_point: Path, megabytes: int):
        self.path = mount_point
        self.ballast = mount_point / "ballast"
        mount_point.mkdir(parents=True)
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={megabytes}m,mode=0700", "formgen-test",
                                 str(mount_point)], capture_output=True, text=True)
        if result.returncode != 0:
            pytest.skip(f"cannot mount a small tmpfs here ({result.stderr.strip()}): needs root")

    def fill(self) -> None:
        """Take every free byte (tmpfs counts whole pages: even a one-byte write fails afterwards)."""
        descriptor = os.open(self.ballast, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            for size in (1 << 16, 1):
                with contextlib.suppress(OSError):
                    while True:
                        os.write(descriptor, b"\0" * size)
        finally:
            os.close(descriptor)

    def free(self) -> None:
        self.ballast.unlink(missing_ok=True)

    def read_only(self, on: bool = True) -> None:
        subprocess.run(["mount", "-o", f"remount,{'ro' if on else 'rw'}", str(self.path)], check=True)

    def unmount(self) -> None:
        subprocess.run(["umount", "-l", str(self.path)], check=False)


@pytest.fixture
def small_disk(tmp_path: Path):
    disk = SmallDisk(tmp_path / "small", 6)
    yield disk
    disk.unmount()


def formgen_process(*args: str, cwd: Path, env: dict | None = None, **popen) -> subprocess.Popen:
    environment = {**os.environ, "FORMGEN_FORMAT": "docx", **(env or {})}
    return subprocess.Popen([str(FORMGEN), "--lang", "en", *args], cwd=cwd, env=environment, **popen)
