"""Real processes on one outbox: `formgen build` killed with kill -9 again and again, `formgen watch`
started and stopped while a `formgen build` runs, the watcher with duplicate case ids across the inbox
and with a disk that fills up and frees again (a real tmpfs, root only)."""

from __future__ import annotations

import re
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import ROOT
from docxread import full_text
from outboxkit import DOCX, assert_complete, case_text, formgen_process, leftovers, make_inbox, wrong_modes

BUILT = re.compile(r"^\S+ \S+ built (\S+) \(", re.M)
FAILED = re.compile(r"^\S+ \S+ failed (\S+) \(", re.M)


@pytest.fixture
def forms(tmp_path: Path, monkeypatch) -> Path:
    """Only the form these cases use: forms edited elsewhere cannot disturb the tests."""
    import shutil

    folder = tmp_path / "forms"
    shutil.copytree(ROOT / "forms" / "mhlw-8", folder / "mhlw-8")
    monkeypatch.setenv("FORMGEN_FORMS", str(folder))
    return folder


def wait_for(condition, timeout: float, what: str, process: subprocess.Popen | None = None, log: Path | None = None):
    started = time.monotonic()
    while not condition():
        if process is not None and process.poll() is not None:
            raise AssertionError(f"exited {process.returncode} waiting for {what}:\n"
                                 f"{log.read_text(encoding='utf-8') if log else ''}")
        if time.monotonic() - started > timeout:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}:\n"
                                 f"{log.read_text(encoding='utf-8') if log else ''}")
        time.sleep(0.02)


def built_folders(out: Path) -> list[str]:
    return sorted(p.name for p in out.glob("*/manifest.json") for p in [p.parent]) if out.exists() else []


class Watch:
    """`formgen --lang en watch INBOX --out OUT --format docx` in the background, logging to a file."""

    def __init__(self, tmp: Path, inbox: Path, out: Path, *options: str):
        self.log_path = tmp / f"watch-{time.monotonic_ns()}.log"
        self.log_file = open(self.log_path, "w", encoding="utf-8")
        self.process = formgen_process("watch", str(inbox), "--out", str(out), "--settle", "0.2", *options,
                                       cwd=tmp, stdout=self.log_file, stderr=subprocess.STDOUT)
        self.wait_for(lambda: "start-up check:" in self.log, 60, "the start-up check")

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    def wait_for(self, condition, timeout: float, what: str) -> None:
        wait_for(condition, timeout, what, self.process, self.log_path)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=60)
        self.log_file.close()
        assert code == 0, self.log
        assert "Traceback" not in self.log, self.log


@pytest.fixture
def watches() -> Iterator[Callable[..., Watch]]:
    started: list[Watch] = []

    def start(*args, **kwargs) -> Watch:
        started.append(Watch(*args, **kwargs))
        return started[-1]

    yield start
    for watch in started:
        if watch.process.poll() is None:
            watch.process.kill()
            watch.process.wait()
            watch.log_file.close()


# ── 8: kill -9 leaves staging behind; the next `formgen build` removes it ──────────────────────────────

def test_builds_killed_with_kill_9_leave_nothing_behind_once_the_next_build_has_run(tmp_path, forms):
    inbox, out = tmp_path / "inbox", tmp_path / "outbox"
    ids = make_inbox(inbox, 30)
    piled = []
    for _ in range(4):
        before = len(built_folders(out))
        build = formgen_process("build", str(inbox), "--out", str(out), cwd=tmp_path,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wait_for(lambda: len(built_folders(out)) >= min(before + 2, 30) or build.poll() is not None,  # noqa: B023
                 60, "two more cases")  # (the condition is polled within this iteration)
        build.send_signal(signal.SIGKILL)
        build.wait()
        build.stderr.close()
        piled.append(len(leftovers(out)))
        for name in built_folders(out):  # what a reader sees right after each kill: complete folders only
            assert_complete(out / name)
    assert max(piled) >= 1, "no kill hit a build in progress: the test proves nothing"
    assert max(piled) <= 2, f"leftovers piled up across killed runs: {piled}"  # each build cleaned the last one's
    final = formgen_process("build", str(inbox), "--out", str(out), cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = final.communicate(timeout=300)
    assert final.returncode == 0, stdout + stderr
    assert "Traceback" not in stderr
    assert leftovers(out) == []
    assert built_folders(out) == ids
    for number, name in enumerate(ids):
        assert_complete(out / name, f"PERSON {number:03d}")
    assert wrong_modes(out, 0o600, 0o700) == []


# ── 8 and 9: `formgen watch` starting and stopping while `formgen build` runs on the same outbox ────────

def test_watch_starting_and_stopping_never_takes_away_a_running_builds_cases(tmp_path, forms, watches):
    inbox, out = tmp_path / "inbox", tmp_path / "outbox"
    ids = make_inbox(inbox, 40)
    build = formgen_process("build", str(inbox), "--out", str(out), cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    cycles = 0
    while build.poll() is None:
        watch = watches(tmp_path, inbox, out, "--rescan", "0")  # it cleans at start and builds the same cases
        time.sleep(0.3)
        watch.stop()  # ... and cleans again at stop
        cycles += 1
    stdout, stderr = build.communicate()
    assert cycles >= 2, "the build ended before the watcher could disturb it: the test proves nothing"
    assert build.returncode == 0, stdout + stderr
    assert "Traceback" not in stderr and "LibreOffice" not in stderr
    summary = re.search(r"(\d+) built, 0 failed.*?(?:\((\d+) unchanged\))?$", stdout, re.M)
    assert summary, stdout  # a case a watcher built first is current for the build: it counts as unchanged
    assert int(summary[1]) + int(summary[2] or 0) == len(ids), stdout
    assert built_folders(out) == ids
    for number, name in enumerate(ids):
        assert_complete(out / name, f"PERSON {number:03d}")
    assert leftovers(out) == []


# ── 10: the watcher refuses a case id that another file of the inbox has ───────────────────────────────

def test_watch_refuses_a_case_id_another_inbox_file_already_built_and_builds_both_once_renamed(tmp_path, forms,
                                                                                            watches):
    inbox, out = tmp_path / "inbox", tmp_path / "outbox"
    make_inbox(inbox, 0)
    (inbox / "a").mkdir()
    (inbox / "b").mkdir()
    (inbox / "a" / "dup.yaml").write_text(case_text("FIRST FILE"), encoding="utf-8")
    watch = watches(tmp_path, inbox, out)
    watch.wait_for(lambda: "dup" in BUILT.findall(watch.log), 90, "the first file")
    (inbox / "b" / "dup.yaml").write_text(case_text("SECOND FILE"), encoding="utf-8")  # one case at a time
    errors = out / "dup" / "ERRORS.txt"
    watch.wait_for(lambda: errors.exists() and FAILED.findall(watch.log).count("dup") >= 2, 90, "both refused")
    text = errors.read_text(encoding="utf-8")
    assert str(inbox / "a" / "dup.yaml") in text and str(inbox / "b" / "dup.yaml") in text
    assert_complete_but_failed(out / "dup", "FIRST FILE")  # the second file never replaced the first's outputs

    (inbox / "b" / "dup.yaml").rename(inbox / "b" / "other.yaml")
    watch.wait_for(lambda: (out / "other" / DOCX).exists() and not errors.exists(), 90, "both built")
    time.sleep(0.5)
    watch.stop()
    assert BUILT.findall(watch.log).count("dup") == 2  # built, refused, built again once unique
    assert "SECOND FILE" not in docx_text(out / "dup")


def docx_text(folder: Path) -> str:
    return full_text(folder / DOCX)


def assert_complete_but_failed(folder: Path, name: str) -> None:
    assert (folder / "ERRORS.txt").exists()
    assert name in docx_text(folder)


# ── 12: an output error in the watcher is transient: retried once space is freed ──────────────────────

def test_watch_retries_a_case_that_failed_on_a_full_disk_once_space_is_freed(tmp_path, forms, watches, small_disk):
    inbox, out = tmp_path / "inbox", small_disk.path / "outbox"
    make_inbox(inbox, 0)
    watch = watches(tmp_path, inbox, out, "--rescan", "1")
    small_disk.fill()
    (inbox / "late.yaml").write_text(case_text("LATE ARRIVAL"), encoding="utf-8")
    # the failure is logged first, then the attempt to write its ERRORS.txt (which the full disk refuses too)
    watch.wait_for(lambda: "failed late" in watch.log and "cannot write" in watch.log, 90,
                   "the failure on the full disk, and that its ERRORS.txt could not be written")
    assert "No space left on device" in watch.log
    assert re.search(r"cannot write \S*ERRORS\.txt", watch.log), watch.log
    assert not (out / "late" / DOCX).exists()
    small_disk.free()
    watch.wait_for(lambda: "late" in BUILT.findall(watch.log), 90, "the retry after space was freed")
    watch.stop()
    assert "LATE ARRIVAL" in docx_text(out / "late")
    assert not (out / "late" / "ERRORS.txt").exists()
    assert "internal error" not in watch.log
