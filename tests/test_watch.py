"""`formgen watch` with a real observer on a real folder, run as a real process (issues 6 and 9).

Every test counts builds in the watcher's log ("built <case-id> (...)"), and a poller thread opens
every DOCX and manifest.json visible in the outbox for as long as the watcher runs: a half-written
file would fail to open.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from conftest import INBOX, ROOT, run_formgen
from docxread import full_text

EXAMPLE = (INBOX / "epa-return-home-dewi.yaml").read_text(encoding="utf-8")
DOCX = "mhlw-8_帰国確認報告書.docx"
BUILT = re.compile(r"^\S+ \S+ built (\S+) \(", re.M)
FAILED = re.compile(r"^\S+ \S+ failed (\S+) \(", re.M)


def case_text(name: str = "DEWI AYU LESTARI", detail: str = "在留期間の満了前に本人が帰国を希望した") -> str:
    return (EXAMPLE.replace("DEWI AYU LESTARI", name)
            .replace("在留期間の満了前に本人が帰国を希望した", detail))


class OutboxPoller(threading.Thread):
    """Opens every visible DOCX and manifest.json again and again; records any that is broken.

    A poller that fails itself records that too, and `check()` fails when the poller is no longer running:
    a dead poller would otherwise report no broken file."""

    def __init__(self, outbox: Path):
        super().__init__(daemon=True)
        self.outbox = outbox
        self.broken: list[str] = []
        self.opened = 0
        self.running = True

    def run(self) -> None:
        try:
            self._poll()
        except BaseException as error:  # noqa: BLE001 - recorded, and check() fails on it
            self.broken.append(f"the outbox poller failed: {type(error).__name__}: {error}")
            raise

    def check(self) -> None:
        """Stop polling; fail unless the poller ran to the end and every file it opened was whole."""
        alive = self.is_alive()
        self.running = False
        self.join()
        assert alive, f"the outbox poller died before the end: {self.broken}"
        assert self.broken == []

    def _visible(self) -> list[Path]:
        """What is in the case folders now; a folder removed while it is listed (a staging folder being
        published or cleaned) is simply not there."""
        found: list[Path] = []
        for folder in list(self.outbox.iterdir()):
            try:
                found.extend(folder.iterdir() if folder.is_dir() else [])
            except FileNotFoundError:
                pass
        return found

    def _poll(self) -> None:
        seen: set[tuple] = set()
        while self.running:
            for path in self._visible():
                try:
                    stat = path.stat()
                    key = (path, stat.st_ino, stat.st_size, stat.st_mtime_ns)
                    if key in seen:
                        continue  # a file changed in place would have another size or mtime
                    if path.suffix == ".docx":
                        Document(str(path))
                    elif path.suffix == ".pdf":
                        assert len(PdfReader(path).pages) > 0
                    elif path.name == "manifest.json":
                        json.loads(path.read_text(encoding="utf-8"))
                    else:
                        continue
                    seen.add(key)
                    self.opened += 1
                except FileNotFoundError:
                    pass  # replaced by a newer complete set between listing and opening
                except Exception as error:  # noqa: BLE001 - any other failure is a partial file
                    self.broken.append(f"{path}: {type(error).__name__}: {error}")
            time.sleep(0.02)


class Watch:
    """`formgen --lang en watch INBOX --out OUTBOX` in the background, with its log and a poller."""

    def __init__(self, tmp: Path, inbox: Path, outbox: Path, *options: str, settle: float = 0.3):
        self.inbox, self.outbox, self.log_path = inbox, outbox, tmp / f"watch-{time.monotonic_ns()}.log"
        exe = Path(sys.executable).with_name("formgen")
        self.log_file = open(self.log_path, "w", encoding="utf-8")
        self.process = subprocess.Popen(
            [str(exe), "--lang", "en", "watch", str(inbox), "--out", str(outbox), "--settle", str(settle),
             "--format", "docx", *options],
            cwd=tmp, stdout=self.log_file, stderr=subprocess.STDOUT)
        outbox.mkdir(parents=True, exist_ok=True)
        self.poller = OutboxPoller(outbox)
        self.poller.start()
        self.wait_for(lambda: "start-up check:" in self.log, timeout=30, what="the start-up check")

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    def builds(self, case_id: str) -> int:
        return BUILT.findall(self.log).count(case_id)

    def failures(self, case_id: str) -> int:
        return FAILED.findall(self.log).count(case_id)

    def wait_for(self, condition, timeout: float = 20.0, what: str = "") -> float:
        started = time.monotonic()
        while not condition():
            if self.process.poll() is not None:
                raise AssertionError(f"watch exited {self.process.returncode} waiting for {what}:\n{self.log}")
            if time.monotonic() - started > timeout:
                raise AssertionError(f"timed out after {timeout} s waiting for {what}:\n{self.log}")
            time.sleep(0.02)
        return time.monotonic() - started

    def quiet(self, seconds: float) -> None:
        """Let the watcher run for a while (to see that nothing more happens)."""
        time.sleep(seconds)

    def stop(self, signum: int = signal.SIGTERM) -> None:
        self.process.send_signal(signum)
        code = self.process.wait(timeout=15)
        self.log_file.close()
        self.poller.check()
        assert code == 0, self.log
        assert "stopped watching." in self.log
        assert not (self.outbox / ".formgen-staging").exists()

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=15)
        self.log_file.close()
        self.poller.check()


@pytest.fixture(autouse=True)
def own_forms(tmp_path: Path, monkeypatch) -> Path:
    """Only the form these cases use: other forms being edited elsewhere cannot disturb the tests."""
    forms = tmp_path / "forms"
    shutil.copytree(ROOT / "forms" / "mhlw-8", forms / "mhlw-8")
    monkeypatch.setenv("FORMGEN_FORMS", str(forms))
    return forms


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    target = tmp_path / "inbox"
    shutil.copytree(INBOX / "parties", target / "parties")
    return target


@pytest.fixture
def watcher(tmp_path, inbox, outbox):
    started: list[Watch] = []

    def start(*options: str, settle: float = 0.3) -> Watch:
        watch = Watch(tmp_path, inbox, outbox, *options, settle=settle)
        started.append(watch)
        return watch

    yield start
    for watch in started:
        if watch.process.poll() is None:
            watch.process.kill()
            watch.process.wait()


def docx_of(outbox: Path, case_id: str) -> Path:
    return outbox / case_id / DOCX


def test_cases_present_at_start_are_built_once_and_not_again_unless_a_template_changes(watcher, inbox, outbox,
                                                                                      own_forms):
    (inbox / "a.yaml").write_text(case_text("AAA"), encoding="utf-8")
    (inbox / "sub").mkdir()
    (inbox / "sub" / "b.yml").write_text(case_text("BBB"), encoding="utf-8")
    watch = watcher()
    watch.wait_for(lambda: watch.builds("a") and watch.builds("b"), what="a and b")
    watch.stop()
    assert "AAA" in full_text(docx_of(outbox, "a")) and "BBB" in full_text(docx_of(outbox, "b"))

    again = watcher("--rescan", "1")
    os.utime(inbox / "a.yaml")  # touched, same content: nothing to do
    again.wait_for(lambda: "unchanged: a" in again.log, what="the touch")
    assert "start-up check: 0 case(s) to build" in again.log
    assert again.builds("a") == 0 and again.builds("b") == 0
    with zipfile.ZipFile(own_forms / "mhlw-8" / "template.docx", "a") as template:
        template.writestr("customXml/formgen-test.txt", "a changed template")  # new bytes, same form
    again.wait_for(lambda: again.builds("a") and again.builds("b"), what="the periodic check to see the template")
    again.stop(signal.SIGINT)  # Ctrl-C
    assert "the template of form mhlw-8 changed" in again.log
    assert again.builds("a") == 1 and again.builds("b") == 1


def test_a_form_added_while_watching_is_built_at_the_next_rescan(watcher, inbox, outbox, own_forms):
    (inbox / "a.yaml").write_text(case_text("AAA"), encoding="utf-8")
    watch = watcher("--rescan", "1")
    watch.wait_for(lambda: watch.builds("a"), what="the first build")
    added = own_forms / "extra-8"
    added.mkdir()
    shutil.copyfile(own_forms / "mhlw-8" / "template.docx", added / "template.docx")
    manifest = (own_forms / "mhlw-8" / "manifest.yaml").read_text(encoding="utf-8")
    draft = added / ".manifest.yaml.tmp"  # the manifest comes last and whole: the form exists from then on
    draft.write_text(manifest.replace("id: mhlw-8", "id: extra-8").replace("output: mhlw-8_", "output: extra-8_"),
                     encoding="utf-8")
    draft.rename(added / "manifest.yaml")
    watch.wait_for(lambda: watch.builds("a") == 2, what="the periodic check to see the new form")
    watch.stop()
    assert "form extra-8 was added" in watch.log
    assert "AAA" in full_text(outbox / "a" / "extra-8_帰国確認報告書.docx")
    assert "AAA" in full_text(docx_of(outbox, "a"))


def test_cases_built_by_formgen_build_are_current_for_watch(watcher, inbox, outbox, tmp_path):
    (inbox / "built-by-cli.yaml").write_text(case_text("CLI"), encoding="utf-8")
    run_formgen("build", "inbox", "--out", "outbox", "--format", "docx", cwd=tmp_path, check=True)
    watch = watcher()
    watch.quiet(0.5)
    watch.stop()
    assert "start-up check: 0 case(s) to build" in watch.log and watch.builds("built-by-cli") == 0


def test_a_new_case_appears_within_the_bound_and_five_quick_saves_build_once(watcher, inbox, outbox):
    watch = watcher(settle=0.8)
    case = inbox / "new-case.yaml"
    case.write_text(case_text("FIRST"), encoding="utf-8")
    written = time.monotonic()
    watch.wait_for(lambda: docx_of(outbox, "new-case").exists(), timeout=5, what="the first build")  # the bound
    assert time.monotonic() - written < 5
    for save in range(5):  # five saves in two seconds
        case.write_text(case_text(f"SAVE{save}"), encoding="utf-8")
        time.sleep(0.4)
    watch.wait_for(lambda: watch.builds("new-case") == 2, timeout=5, what="the rebuild")
    watch.quiet(1.2)
    watch.stop()
    assert watch.builds("new-case") == 2
    assert "SAVE4" in full_text(docx_of(outbox, "new-case"))


def test_files_renamed_or_moved_in_are_built_and_temporary_files_are_ignored(watcher, inbox, outbox, tmp_path):
    watch = watcher()
    outside = tmp_path / "drafts" / "moved-in.yaml"
    outside.parent.mkdir()
    outside.write_text(case_text("MOVED"), encoding="utf-8")
    os.rename(outside, inbox / "moved-in.yaml")
    hidden = inbox / ".saved-by-editor.yaml.tmp"  # how editors save: a temporary file renamed over
    hidden.write_text(case_text("EDITOR"), encoding="utf-8")
    os.rename(hidden, inbox / "editor.yaml")
    for ignored in (".swap.yaml.swp", "~$lock.yaml", "backup.yaml~", ".DS_Store", "draft.yaml.tmp"):
        (inbox / ignored).write_text(case_text(), encoding="utf-8")
    for folder in (".schema", "attachments"):
        (inbox / folder).mkdir()
        (inbox / folder / "thing.yaml").write_text(case_text(), encoding="utf-8")
    watch.wait_for(lambda: watch.builds("moved-in") and watch.builds("editor"), what="the moved files")
    watch.quiet(1.0)
    watch.stop()
    assert case_folders(outbox) == ["editor", "moved-in"]
    assert "MOVED" in full_text(docx_of(outbox, "moved-in")) and "EDITOR" in full_text(docx_of(outbox, "editor"))
    assert FAILED.findall(watch.log) == []


def test_a_large_file_written_in_two_halves_is_read_only_when_complete(watcher, inbox, outbox):
    padding = "".join(f"# 備考 {i:06d} 架空のメモ行です。\n" for i in range(12000))  # ~400 KB of comments first
    content = (padding + case_text("LARGE")).encode("utf-8")
    watch = watcher(settle=1.0)
    with open(inbox / "large.yaml", "wb") as handle:
        handle.write(content[: len(content) // 2])  # the first half holds only comments: not a case
        handle.flush()
        time.sleep(0.5)
        handle.write(content[len(content) // 2:])
    watch.wait_for(lambda: watch.builds("large"), timeout=5, what="the large file")
    watch.quiet(1.2)
    watch.stop()
    assert watch.builds("large") == 1 and watch.failures("large") == 0
    assert not (outbox / "large" / "ERRORS.txt").exists()


def test_a_hundred_files_at_once_are_each_built_exactly_once(watcher, inbox, outbox):
    watch = watcher()
    for i in range(100):
        (inbox / f"bulk-{i:03d}.yaml").write_text(case_text(f"BULK {i:03d}"), encoding="utf-8")
    watch.wait_for(lambda: len(BUILT.findall(watch.log)) >= 100, timeout=60, what="100 builds")
    watch.quiet(0.8)
    watch.stop()
    assert sorted(BUILT.findall(watch.log)) == [f"bulk-{i:03d}" for i in range(100)]
    assert watch.poller.opened > 0
    assert "BULK 042" in full_text(docx_of(outbox, "bulk-042"))


def test_an_invalid_case_gets_errors_txt_with_the_cli_messages_and_its_fix_removes_it(watcher, inbox, outbox):
    watch = watcher()
    case = inbox / "broken.yaml"
    case.write_text(case_text().replace("AB12345678CD", "AB1234CD"), encoding="utf-8")
    errors = outbox / "broken" / "ERRORS.txt"
    watch.wait_for(errors.exists, what="ERRORS.txt")
    assert [p.name for p in (outbox / "broken").iterdir()] == ["ERRORS.txt"]
    cli = run_formgen("--lang", "en", "build", str(case), "--out", str(outbox.parent / "cli-out"))
    cli_lines = [line for line in cli.stderr.splitlines() if line.startswith(f"{case}:")]  # the located problems
    assert cli_lines and all(line in errors.read_text(encoding="utf-8").splitlines() for line in cli_lines)
    assert "person.residence_card_number" in errors.read_text(encoding="utf-8")

    case.write_text(case_text("FIXED"), encoding="utf-8")
    watch.wait_for(lambda: docx_of(outbox, "broken").exists(), what="the fixed build")
    assert not errors.exists()

    case.write_text("kind: epa_return_home\nperson: [unclosed\n", encoding="utf-8")  # broken again: YAML error
    watch.wait_for(errors.exists, what="ERRORS.txt beside the previous outputs")
    assert "FIXED" in full_text(docx_of(outbox, "broken"))  # the previous good outputs stay
    watch.quiet(0.8)
    watch.stop()
    assert watch.builds("broken") == 1 and watch.failures("broken") == 2


def test_a_parties_change_rebuilds_only_the_cases_that_reference_it(watcher, inbox, outbox):
    other = (inbox / "parties" / "sakura-en.yaml").read_text(encoding="utf-8").replace("さくら苑", "うめ苑")
    (inbox / "parties" / "ume-en.yaml").write_text(other, encoding="utf-8")
    (inbox / "sakura.yaml").write_text(case_text("SAKURA"), encoding="utf-8")
    (inbox / "ume.yaml").write_text(case_text("UME").replace("{ref: sakura-en}", "{ref: ume-en}"), encoding="utf-8")
    watch = watcher()
    watch.wait_for(lambda: watch.builds("sakura") and watch.builds("ume"), what="both cases")
    facility = inbox / "parties" / "sakura-en.yaml"
    facility.write_text(facility.read_text(encoding="utf-8").replace("ホームさくら苑", "ホームさくら苑本館"), encoding="utf-8")
    watch.wait_for(lambda: watch.builds("sakura") == 2, what="the rebuild of sakura")
    watch.quiet(1.0)
    watch.stop()
    assert watch.builds("ume") == 1
    assert "さくら苑本館" in full_text(docx_of(outbox, "sakura"))
    assert "うめ苑" in full_text(docx_of(outbox, "ume"))


def test_a_deleted_case_keeps_its_outputs_and_says_so(watcher, inbox, outbox):
    (inbox / "gone.yaml").write_text(case_text(), encoding="utf-8")
    watch = watcher()
    watch.wait_for(lambda: watch.builds("gone"), what="the build")
    (inbox / "gone.yaml").unlink()
    watch.wait_for(lambda: "case file" in watch.log and "was deleted" in watch.log, what="the deletion")
    watch.stop()
    assert docx_of(outbox, "gone").exists()
    assert f"its outputs in {outbox.resolve() / 'gone'} are kept" in watch.log


def test_polling_mode_builds_a_new_case(watcher, inbox, outbox):
    watch = watcher("--polling")
    (inbox / "polled.yaml").write_text(case_text("POLLED"), encoding="utf-8")
    watch.wait_for(lambda: docx_of(outbox, "polled").exists(), timeout=5, what="the polled build")
    watch.stop()
    assert watch.builds("polled") == 1


def test_a_file_name_with_a_line_break_cannot_forge_a_line_of_the_log(watcher, inbox, outbox):
    watch = watcher()
    forged = "x\n2026-01-01 00:00:00 built forged (forged.yaml, 9 files, 0.01 s)\n.yaml"
    (inbox / forged).write_text("kind: [broken\n", encoding="utf-8")
    watch.wait_for(lambda: "failed" in watch.log, what="the failure of the odd file")
    watch.stop()
    assert not re.search(r"^\S+ \S+ 2026-01-01 00:00:00 built forged", watch.log, re.M), watch.log
    assert "(x\\n2026-01-01 00:00:00 built forged" in watch.log


def descendants(pid: int) -> set[int]:
    """Every process started by `pid`, however deep (LibreOffice runs two levels down)."""
    found, todo = set(), [pid]
    while todo:
        children = Path(f"/proc/{todo.pop()}/task")
        for task in children.glob("*/children") if children.exists() else []:
            try:
                listed = task.read_text().split()
            except OSError:
                continue  # it has just ended
            for child in map(int, listed):
                found.add(child)
                todo.append(child)
    return found


@pytest.mark.slow
def test_pdf_mode_keeps_libreoffice_warm_and_stops_it_on_sigterm(watcher, inbox, outbox):
    watch = watcher("--format", "both")
    (inbox / "pdf-case.yaml").write_text(case_text("PDF CASE"), encoding="utf-8")
    packet = outbox / "pdf-case" / "packet.pdf"
    watch.wait_for(packet.exists, timeout=60, what="the packet")
    (inbox / "pdf-case.yaml").write_text(case_text("PDF AGAIN"), encoding="utf-8")
    watch.wait_for(lambda: watch.builds("pdf-case") == 2, timeout=30, what="the rebuild on the warm converter")
    helpers = descendants(watch.process.pid)
    assert helpers, "no LibreOffice converter was running"
    watch.stop()
    time.sleep(0.5)
    assert [pid for pid in helpers if Path(f"/proc/{pid}").exists()
            and Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"] == []
    assert "PDF AGAIN" in full_text(docx_of(outbox, "pdf-case"))
    assert len(PdfReader(packet).pages) >= 1


def test_kill_9_in_the_middle_of_a_batch_then_restart_leaves_only_complete_outputs(watcher, inbox, outbox):
    for i in range(20):
        (inbox / f"crash-{i:02d}.yaml").write_text(case_text(f"CRASH {i:02d}"), encoding="utf-8")
    first = watcher()
    first.wait_for(lambda: len(BUILT.findall(first.log)) >= 3, what="the batch to start")
    first.kill()  # checks the poller found no partial file
    assert len(BUILT.findall(first.log)) < 20, "the kill came after the batch: the test proves nothing"
    for name in case_folders(outbox):  # what a reader sees right after the kill
        assert_complete(outbox / name)
    # What a kill during a write leaves behind (the real kill above may or may not hit one):
    stale = outbox / ".formgen-staging" / "crash-19-x1y2z3"
    stale.mkdir(parents=True, exist_ok=True)
    (stale / DOCX).write_bytes(b"PK\x03\x04 truncated")
    (outbox / "crash-00" / ".ERRORS.txt.0123abcd.tmp").write_text("half", encoding="utf-8")

    second = watcher()
    second.wait_for(lambda: BUILT.findall(second.log), what="the restart to build")
    second.stop()  # SIGTERM in the middle of a batch: it finishes the cases in hand and exits 0, no staging left
    assert "leftover work file" in second.log
    third = watcher()
    third.wait_for(lambda: all(docx_of(outbox, f"crash-{i:02d}").exists() for i in range(20)), what="all 20")
    third.stop()
    built = BUILT.findall(first.log) + BUILT.findall(second.log) + BUILT.findall(third.log)
    assert len(built) == len(set(built))  # no case built twice
    unlogged = {f"crash-{i:02d}" for i in range(20)} - set(built)
    assert len(unlogged) <= 1  # at most the one published in the instant before kill -9, before its log line
    assert case_folders(outbox) == [f"crash-{i:02d}" for i in range(20)]
    assert not (outbox / ".formgen-staging").exists() and not list(outbox.glob("*/.*.tmp"))
    for i in range(20):
        assert_complete(outbox / f"crash-{i:02d}")
        assert f"CRASH {i:02d}" in full_text(docx_of(outbox, f"crash-{i:02d}"))


def case_folders(outbox: Path) -> list[str]:
    return sorted(p.name for p in outbox.iterdir() if p.is_dir() and not p.name.startswith("."))


def assert_complete(folder: Path) -> None:
    names = {p.name for p in folder.iterdir()}
    assert {DOCX, "manifest.json"} <= names and not any(n.startswith(".") or n == "ERRORS.txt" for n in names), names
    json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(folder / DOCX) as archive:
        assert archive.testzip() is None
    Document(str(folder / DOCX))
