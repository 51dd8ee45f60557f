"""The outbox (generator/outbox.py): permissions whatever the umask, a staging folder that cannot be turned
against the user, an atomic swap that readers never see half-done, one lock per outbox, cleaning only what
dead processes left, and one case's failure never stopping the others (disk full, read-only, bad dates).

Disks fill up for real here: a small tmpfs is mounted (root only; the tests that need one are skipped
elsewhere) and filled with a ballast file, or remounted read-only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Literal

import pytest

from conftest import INBOX, ROOT
from generator import api, outbox
from generator import settings as settings_module
from generator.exceptions import ExitCode, InvalidInput, OutputError
from generator.settings import activate, load_settings
from outboxkit import DOCX, assert_complete, case_text, leftovers, make_inbox, wrong_modes


@pytest.fixture(autouse=True)
def own_forms(tmp_path_factory, monkeypatch):
    """Only the form these cases use, so that forms edited elsewhere cannot disturb the tests."""
    forms = tmp_path_factory.mktemp("forms")
    shutil.copytree(ROOT / "forms" / "mhlw-8", forms / "mhlw-8")
    monkeypatch.setenv("FORMGEN_FORMS", str(forms))
    previous = settings_module._active
    activate(load_settings({"forms": forms, "format": "docx"}))
    yield forms
    settings_module._active = previous


def options(out: Path, mode: Literal["private", "group"] = "private") -> api.BuildOptions:
    return api.BuildOptions(out_dir=out, formats="docx", output_mode=mode)


# ── 3: every file and folder gets the output mode, whatever the umask ─────────────────────────────────

@pytest.mark.parametrize("mode", ["private", "group"])
def test_every_file_and_folder_of_the_outbox_gets_the_output_mode_under_umask_000(tmp_path, mode):
    inbox = tmp_path / "inbox"
    make_inbox(inbox, 2)
    out = tmp_path / "new" / "outbox"  # formgen makes the outbox and its parent
    previous = os.umask(0)
    try:
        report = api.build([inbox], options(out, mode))
    finally:
        os.umask(previous)
    assert report.exit_code == 0
    file_mode, dir_mode = outbox.OUTPUT_MODES[mode]
    assert wrong_modes(out, file_mode, dir_mode) == []
    assert {"deadlines.csv", "deadlines.ics", "index.html", ".formgen.lock"} <= {p.name for p in out.iterdir()}
    assert oct((tmp_path / "new").stat().st_mode & 0o777) == oct(dir_mode)
    outbox._release_all()  # what runs at the process's exit keeps them too
    assert wrong_modes(out, file_mode, dir_mode) == [] and not (out / ".formgen-staging").exists()


def test_errors_txt_of_the_watcher_and_its_folder_get_the_group_mode_set_in_the_environment(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "outbox"
    make_inbox(inbox, 1)
    (inbox / "broken.yaml").write_text(case_text().replace("AB12345678CD", "AB1234CD"), encoding="utf-8")
    log = tmp_path / "watch.log"
    with open(log, "w", encoding="utf-8") as stream:
        watch = subprocess.Popen(
            [str(Path(sys.executable).with_name("formgen")), "--lang", "en", "watch", str(inbox), "--out", str(out),
             "--settle", "0.2", "--format", "docx"],
            cwd=tmp_path, stdout=stream, stderr=subprocess.STDOUT, preexec_fn=lambda: os.umask(0),
            env={**os.environ, "FORMGEN_OUTPUT_MODE": "group"})
        try:
            deadline = time.monotonic() + 60
            while not ((out / "broken" / "ERRORS.txt").exists() and (out / "case-000" / DOCX).exists()):
                assert time.monotonic() < deadline and watch.poll() is None, log.read_text(encoding="utf-8")
                time.sleep(0.05)
            time.sleep(0.3)
        finally:
            watch.send_signal(signal.SIGTERM)
            assert watch.wait(timeout=30) == 0, log.read_text(encoding="utf-8")
    assert wrong_modes(out, 0o640, 0o750) == []


# ── 7: a staging folder that is a link, or someone else's, is refused and never emptied ────────────────

def victim_folder(tmp_path: Path) -> Path:
    victim = tmp_path / "precious"
    (victim / "sub").mkdir(parents=True)
    (victim / "thesis.docx").write_text("years of work", encoding="utf-8")
    (victim / "sub" / "notes.txt").write_text("more", encoding="utf-8")
    return victim


def test_a_staging_link_is_refused_by_build_and_watch_and_what_it_points_to_is_kept(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "outbox"
    make_inbox(inbox, 1)
    victim = victim_folder(tmp_path)
    out.mkdir()
    (out / ".formgen-staging").symlink_to(victim)

    report = api.build([inbox], options(out))
    assert report.exit_code == ExitCode.output_failed
    error = report.results[0].error
    assert isinstance(error, OutputError) and "symbolic link" in error.message.en
    assert not (out / "case-000").exists()

    from generator.watch import Watcher, WatchSettings

    watcher = Watcher(WatchSettings(inbox=inbox, options=options(out), settings=load_settings()))
    with pytest.raises(OutputError, match="シンボリックリンク"):
        watcher.clean_leftovers()
    with pytest.raises(OutputError):
        outbox.clean_leftovers(out)
    assert sorted(str(p.relative_to(victim)) for p in victim.rglob("*")) == ["sub", "sub/notes.txt", "thesis.docx"]
    assert (out / ".formgen-staging").is_symlink()


def test_a_link_inside_the_staging_folder_is_removed_itself_not_followed(tmp_path):
    out = tmp_path / "outbox"
    victim = victim_folder(tmp_path)
    dead = out / ".formgen-staging" / "12345-1-abcdef"  # a killed run's folder: no locked .alive
    dead.mkdir(parents=True)
    (dead / "link-to-precious").symlink_to(victim)
    (out / ".formgen-staging" / "old-style-link").symlink_to(victim)
    assert outbox.clean_leftovers(out) == 2
    assert not (out / ".formgen-staging").exists()
    assert (victim / "thesis.docx").read_text(encoding="utf-8") == "years of work"
    assert (victim / "sub" / "notes.txt").exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="making a folder owned by another user needs root")
def test_a_staging_folder_owned_by_another_user_is_refused(tmp_path):
    out = tmp_path / "outbox"
    theirs = out / ".formgen-staging" / "99999-1-abcdef"
    theirs.mkdir(parents=True)
    (theirs / "their-case.docx").write_text("theirs", encoding="utf-8")
    os.chown(out / ".formgen-staging", 65534, 65534)
    with pytest.raises(OutputError, match="別の利用者"):
        with outbox.staging_folder(out, "x"):
            pass
    with pytest.raises(OutputError, match="別の利用者"):
        outbox.clean_leftovers(out)
    assert (theirs / "their-case.docx").exists()


# ── 8: cleaning removes only what dead processes left ──────────────────────────────────────────────────

HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from generator import outbox
    with outbox.staging_folder(Path(sys.argv[1]), "held") as stage:
        (stage / "half.docx").write_text("being written", encoding="utf-8")
        print(stage, flush=True)
        time.sleep(120)
""")


def hold_staging(out: Path) -> tuple[subprocess.Popen, Path]:
    """Another process that is in the middle of building a case in `out`."""
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(out)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    return process, Path(process.stdout.readline().strip())


def test_cleaning_keeps_the_staging_of_a_live_process_and_removes_it_once_the_process_is_killed(tmp_path):
    out = tmp_path / "outbox"
    process, stage = hold_staging(out)
    try:
        assert (stage / "half.docx").exists()
        assert outbox.clean_leftovers(out) == 0
        with outbox.staging_folder(out, "mine") as mine:  # this process's own staging, beside the other's
            assert outbox.clean_leftovers(out) == 0
            assert mine.is_dir()
        assert (stage / "half.docx").exists()
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert (stage / "half.docx").exists()  # kill -9: nothing ran to remove it
        assert outbox.clean_leftovers(out) == 1
        assert not stage.parent.exists()
    finally:
        process.kill()
        process.wait()
        process.stdout.close()
    assert leftovers(out) == []


def test_temporary_files_of_killed_writes_are_removed_under_the_lock(tmp_path):
    out = tmp_path / "outbox"
    (out / "case-a").mkdir(parents=True)
    (out / ".deadlines.csv.4242-deadbeef.tmp").write_text("half", encoding="utf-8")
    (out / "case-a" / ".ERRORS.txt.4242-deadbeef.tmp").write_text("half", encoding="utf-8")
    (out / "case-a" / "kept.tmp").write_text("not ours: not hidden", encoding="utf-8")
    assert outbox.clean_leftovers(out) == 2
    assert sorted(p.name for p in out.rglob("*")) == [".formgen.lock", "case-a", "kept.tmp"]


# ── 9: publishing is one atomic swap ───────────────────────────────────────────────────────────────────

POLLER = textwrap.dedent("""
    import os, sys
    folder, stop = sys.argv[1], sys.argv[2]
    polls = missing = broken = 0
    while not os.path.exists(stop):  # as a reader opens outputs: by path, each time through outbox/<case-id>
        polls += 1
        try:
            os.stat(folder)
        except FileNotFoundError:
            missing += 1
            continue
        for name in ("a.txt", "manifest.json"):
            try:
                with open(os.path.join(folder, name), "rb") as handle:
                    if not handle.read():
                        broken += 1
            except FileNotFoundError:
                broken += 1
    print(polls, missing, broken)
""")


def publish_version(out: Path, case_id: str, version: int) -> None:
    with outbox.staging_folder(out, case_id) as stage:
        (stage / "a.txt").write_text(f"version {version}\n", encoding="utf-8")
        (stage / "manifest.json").write_text("{}", encoding="utf-8")
        outbox.publish(stage, out, case_id)


def poll_while(out: Path, case_id: str, work) -> tuple[int, int, int]:
    stop = out.parent / "stop-polling"
    poller = subprocess.Popen([sys.executable, "-c", POLLER, str(out / case_id), str(stop)],
                              stdout=subprocess.PIPE, text=True)
    try:
        work()
    finally:
        stop.touch()
        output, _ = poller.communicate(timeout=30)
    polls, missing, broken = map(int, output.split())
    return polls, missing, broken


def test_a_reader_polling_the_case_folder_never_finds_it_missing_or_partial(tmp_path):
    out = tmp_path / "outbox"
    publish_version(out, "case", 0)
    polls, missing, broken = poll_while(out, "case", lambda: [publish_version(out, "case", v) for v in range(400)])
    assert polls > 2000, "the poller hardly ran: the test proves nothing"
    assert (missing, broken) == (0, 0)
    assert (out / "case" / "a.txt").read_text(encoding="utf-8") == "version 399\n"
    assert leftovers(out) == []


def publisher(out: str, versions: range, failures) -> None:
    for version in versions:
        try:
            publish_version(Path(out), "one-case", version)
        except Exception as error:  # noqa: BLE001 - counted by the test
            failures.put(f"{type(error).__name__}: {error}")


def test_parallel_publishes_of_one_case_by_several_processes_all_succeed(tmp_path):
    out = tmp_path / "outbox"
    context = multiprocessing.get_context("fork")
    failures = context.Queue()
    workers = [context.Process(target=publisher, args=(str(out), range(n * 1000, n * 1000 + 150), failures))
               for n in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    found = []
    while not failures.empty():
        found.append(failures.get())
    assert found == [] and all(w.exitcode == 0 for w in workers)
    assert sorted(p.name for p in (out / "one-case").iterdir()) == ["a.txt", "manifest.json"]
    assert outbox.clean_leftovers(out) == 0  # each worker removed its staging after each publish
    assert leftovers(out) == []


def test_without_rename_exchange_publishing_falls_back_to_two_renames_and_still_replaces(tmp_path, monkeypatch):
    out = tmp_path / "outbox"
    publish_version(out, "case", 1)
    monkeypatch.setattr(outbox, "exchange", lambda first, second: False)  # e.g. an NFS server without it
    publish_version(out, "case", 2)
    assert (out / "case" / "a.txt").read_text(encoding="utf-8") == "version 2\n"
    assert sorted(p.name for p in (out / "case").iterdir()) == ["a.txt", "manifest.json"]


def test_rename_exchange_swaps_two_folders_on_this_filesystem(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "one").touch()
    (second / "two").touch()
    assert outbox.exchange(first, second), "renameat2(RENAME_EXCHANGE) is not available here"
    assert [p.name for p in first.iterdir()] == ["two"] and [p.name for p in second.iterdir()] == ["one"]


def test_publishing_over_something_that_is_not_a_folder_is_refused_and_leaves_it(tmp_path):
    out = tmp_path / "outbox"
    out.mkdir()
    (out / "case").write_text("a user's file named like the case", encoding="utf-8")
    with pytest.raises(OutputError, match="フォルダではない"):
        publish_version(out, "case", 1)
    assert (out / "case").read_text(encoding="utf-8") == "a user's file named like the case"


# ── 10: two files with one case id are both refused by `formgen build` ─────────────────────────────────

def test_build_refuses_both_files_of_a_duplicate_case_id_naming_each_other(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "outbox"
    make_inbox(inbox, 1)
    for folder in ("a", "b"):
        (inbox / folder).mkdir()
        (inbox / folder / "dup.yaml").write_text(case_text(f"FROM {folder.upper()}"), encoding="utf-8")
    report = api.build([inbox], options(out))
    assert report.exit_code == ExitCode.invalid_input
    refused = {r.source.relative_to(inbox).as_posix(): r for r in report.results if not r.ok}
    assert set(refused) == {"a/dup.yaml", "b/dup.yaml"}
    assert str(inbox / "b" / "dup.yaml") in refused["a/dup.yaml"].problems[-1].message.en
    assert str(inbox / "a" / "dup.yaml") in refused["b/dup.yaml"].problems[-1].message.en
    assert not (out / "dup").exists() and (out / "case-000").is_dir()


# ── 11: one case's failure never stops the others; the dashboard is always refreshed ───────────────────

def test_a_date_that_overflows_fails_its_case_only_as_an_input_error(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "outbox"
    make_inbox(inbox, 2)
    record = (INBOX / "epa-residence-record-ayu.yaml").read_text(encoding="utf-8")
    assert "residence_card_expiry:" in record
    lines = [line if not line.strip().startswith("residence_card_expiry:") else
             line.split(":")[0] + ": 9999-12-31" for line in record.splitlines()]
    (inbox / "case-001a-indefinite.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = api.build([inbox], options(out))
    failed = [r for r in report.results if not r.ok]
    assert [r.source.name for r in failed] == ["case-001a-indefinite.yaml"]
    assert isinstance(failed[0].error, InvalidInput) and failed[0].error.render("en")
    assert report.exit_code == ExitCode.invalid_input
    for case_id in ("case-000", "case-001"):
        assert_complete(out / case_id)
    assert "case-001" in (out / "index.html").read_text(encoding="utf-8")


def test_an_os_error_in_one_case_fails_that_case_with_exit_4_and_the_others_build(tmp_path, monkeypatch):
    """Fault injection at one step of one case: ENOSPC as a full disk raises it from a write."""
    from generator import pipeline

    inbox, out = tmp_path / "inbox", tmp_path / "outbox"
    make_inbox(inbox, 3)
    real = pipeline.write_case_deadlines

    def full_for_case_001(case, case_id, stage, *args, **kwargs):
        if case_id == "case-001":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(stage / "deadlines.md"))
        return real(case, case_id, stage, *args, **kwargs)

    monkeypatch.setattr(pipeline, "write_case_deadlines", full_for_case_001)
    report = api.build([inbox], options(out))
    assert [r.case_id for r in report.results if not r.ok] == ["case-001"]
    error = next(r.error for r in report.results if not r.ok)
    assert isinstance(error, OutputError) and "No space left on device" in error.message.en
    assert report.exit_code == ExitCode.output_failed
    assert_complete(out / "case-000") and assert_complete(out / "case-002")
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "case-000" in html and "case-002" in html
    assert leftovers(out) == []


def test_a_full_disk_fails_each_case_with_exit_4_keeps_the_previous_outputs_and_builds_once_freed(tmp_path,
                                                                                                 small_disk):
    inbox, out = tmp_path / "inbox", small_disk.path / "outbox"
    ids = make_inbox(inbox, 3)
    first = api.build([inbox / "case-000.yaml"], options(out))
    assert first.exit_code == 0
    small_disk.fill()
    for name in ids:  # a changed case that cannot be rebuilt: the previous outputs must stay
        (inbox / f"{name}.yaml").write_text(case_text(f"CHANGED {name}"), encoding="utf-8")
    report = api.build([inbox], options(out))
    assert report.exit_code == ExitCode.output_failed
    assert [r.ok for r in report.results] == [False, False, False]
    assert all(isinstance(r.error, OutputError) and "space" in r.error.message.en for r in report.results)
    assert report.outbox_error is None  # nothing the dashboard shows has changed: it is not written again
    next_day = dataclasses.replace(options(out), today=dt.date.today() + dt.timedelta(days=1))
    report = api.build([inbox], next_day)
    assert isinstance(report.outbox_error, OutputError)  # due again for the new day, and not written: said so
    assert_complete(out / "case-000", "PERSON 000")
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == \
        ["case-000", "deadlines.csv", "deadlines.ics", "index.html"]
    small_disk.free()
    again = api.build([inbox], options(out))
    assert again.exit_code == 0 and again.outbox_error is None
    for name in ids:
        assert_complete(out / name, f"CHANGED {name}")
    assert all(name in (out / "index.html").read_text(encoding="utf-8") for name in ids)


def test_a_read_only_outbox_fails_each_case_with_exit_4_and_no_traceback(tmp_path, small_disk):
    inbox, out = tmp_path / "inbox", small_disk.path / "outbox"
    make_inbox(inbox, 2)
    assert api.build([inbox / "case-000.yaml"], options(out)).exit_code == 0
    small_disk.read_only()
    try:
        report = api.build([inbox], options(out), force=True)  # case-000 is current: only force rebuilds it
    finally:
        small_disk.read_only(False)
    assert report.exit_code == ExitCode.output_failed
    assert [type(r.error).__name__ for r in report.results] == ["OutputError", "OutputError"], \
        [r.error.render("en") for r in report.results]
    assert all("Read-only file system" in r.error.message.en for r in report.results), [r.error.message.en for r in report.results]
    assert_complete(out / "case-000")


@pytest.mark.parametrize("reserved", ["index.html", "deadlines.csv", "Deadlines.ICS"])
def test_a_case_id_that_is_an_outbox_file_name_is_refused_and_the_dashboard_stays_whole(tmp_path, reserved):
    inbox, out = tmp_path / "inbox", tmp_path / "outbox"
    make_inbox(inbox, 1)
    (inbox / "reserved.yaml").write_text(f"case_id: {reserved}\n" + case_text("RESERVED"), encoding="utf-8")
    report = api.build([inbox], options(out))
    assert report.exit_code == ExitCode.invalid_input and report.outbox_error is None
    assert [r.source.name for r in report.results if not r.ok] == ["reserved.yaml"]
    for name in outbox.OUTBOX_FILES:
        assert (out / name).is_file()
    assert "case-000" in (out / "index.html").read_text(encoding="utf-8")
