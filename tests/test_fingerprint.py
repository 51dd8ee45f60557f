"""Build only what changed: one fingerprint decides for `formgen build`, `formgen watch` and the web app."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import INBOX, ROOT, run_formgen
from generator import api
from generator.api import BuildOptions
from generator.cases import CaseSource
from test_pdf_packet import blank_pdf

CASES = ("epa-return-home-dewi.yaml", "epa-death-nam.yaml", "epa-status-change-maria.yaml")


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    shutil.copytree(INBOX / "parties", folder / "parties")
    for name in CASES:
        shutil.copy(INBOX / name, folder / name)
    return folder


def build(inbox: Path, out: Path, force: bool = False, **options) -> dict[str, bool]:
    """case id → whether it was rebuilt."""
    report = api.build([inbox], BuildOptions(out_dir=out, formats="docx", **options), force=force)
    assert not report.failed, [r.error for r in report.failed]
    return {str(r.case_id): not r.skipped for r in report.results}


def test_an_unchanged_case_is_skipped_and_a_changed_one_rebuilt(inbox, tmp_path):
    out = tmp_path / "out"
    assert build(inbox, out) == {"epa-return-home-dewi": True, "epa-death-nam": True, "epa-status-change-maria": True}
    built_at = (out / "epa-death-nam" / "manifest.json").stat().st_mtime_ns
    assert not any(build(inbox, out).values())
    assert (out / "epa-death-nam" / "manifest.json").stat().st_mtime_ns == built_at
    case = inbox / "epa-death-nam.yaml"
    case.write_text(case.read_text(encoding="utf-8") + "\n# 追記\n", encoding="utf-8")
    assert build(inbox, out) == {"epa-return-home-dewi": False, "epa-death-nam": True, "epa-status-change-maria": False}
    assert all(build(inbox, out, force=True).values())


def test_a_changed_parties_file_rebuilds_the_cases_that_read_it(inbox, tmp_path):
    out = tmp_path / "out"
    build(inbox, out)
    readers = {r.case_id for r in api.check_paths([inbox]).cases
               if any(s.path.name == "sakura-kai.yaml" for s in r.loaded.sources[1:])}
    assert readers
    parties = inbox / "parties" / "sakura-kai.yaml"
    parties.write_text(parties.read_text(encoding="utf-8") + "\n# 追記\n", encoding="utf-8")
    rebuilt = {case for case, again in build(inbox, out).items() if again}
    assert rebuilt == readers


def test_missing_or_changed_outputs_options_and_attachments_rebuild(inbox, tmp_path):
    out = tmp_path / "out"
    build(inbox, out)
    (out / "epa-death-nam" / "deadlines.md").unlink()
    with open(out / "epa-return-home-dewi" / "deadlines.ics", "ab") as handle:
        handle.write(b"x")
    assert build(inbox, out) == {"epa-return-home-dewi": True, "epa-death-nam": True, "epa-status-change-maria": False}
    assert all(build(inbox, out, output_mode="group").values())
    case = inbox / "epa-death-nam.yaml"
    case.write_text(case.read_text(encoding="utf-8")
                    + "attachments:\n  - title: 死亡診断書の写し\n    file: attachments/certificate.pdf\n",
                    encoding="utf-8")
    blank_pdf(inbox / "attachments" / "certificate.pdf", 1)
    assert build(inbox, out)["epa-death-nam"]
    assert not build(inbox, out)["epa-death-nam"]
    blank_pdf(inbox / "attachments" / "certificate.pdf", 2)  # the attachment's bytes changed
    assert build(inbox, out)["epa-death-nam"]


def test_build_and_the_watcher_agree_on_what_is_current(inbox, tmp_path):
    out = tmp_path / "out"
    options = BuildOptions(out_dir=out, formats="docx")
    build(inbox, out)
    states = {s.path.name: api.output_state(s, options) for s in api.find_cases([inbox]).sources}
    assert all(state.current for state in states.values()), {n: s.reason for n, s in states.items()}
    case = inbox / "epa-death-nam.yaml"
    case.write_text(case.read_text(encoding="utf-8") + "\n# 追記\n", encoding="utf-8")
    assert not api.output_state(CaseSource(case, inbox), options).current
    assert api.output_state(CaseSource(inbox / CASES[0], inbox), options).current


def test_the_command_skips_unchanged_cases_and_force_rebuilds(inbox, tmp_path):
    out = tmp_path / "out"
    run_formgen("build", str(inbox), "--out", str(out), check=True)
    again = run_formgen("--lang", "en", "build", str(inbox), "--out", str(out), check=True)
    assert "0 built, 0 failed" in again.stdout and "(3 unchanged)" in again.stdout, again.stdout
    forced = run_formgen("--lang", "en", "build", str(inbox), "--out", str(out), "--force", check=True)
    assert "3 built, 0 failed" in forced.stdout, forced.stdout


def test_an_edited_form_rebuilds_the_cases_of_its_kind_and_no_other(inbox, tmp_path):
    from generator.catalogue import load_catalogue

    forms = tmp_path / "forms"
    shutil.copytree(ROOT / "forms", forms)
    out, env = tmp_path / "out", {"FORMGEN_FORMS": str(forms)}
    first = run_formgen("--lang", "en", "build", str(inbox), "--out", str(out), env=env, check=True)
    assert "3 built, 0 failed" in first.stdout, first.stdout
    death_form = next(m for m in load_catalogue(forms) if "epa_death" in m.kinds
                      and not {"epa_return_home", "epa_status_change"} & set(m.kinds))
    labels = death_form.folder / "labels.yaml"
    labels.write_text(labels.read_text(encoding="utf-8") + "\n# 追記\n", encoding="utf-8")
    again = run_formgen("--lang", "en", "build", str(inbox), "--out", str(out), env=env, check=True)
    assert "1 built, 0 failed" in again.stdout and "(2 unchanged)" in again.stdout, again.stdout
    assert api.check_paths([inbox]).cases  # the same process, another look at forms/: nothing held over
    (death_form.folder / ".~lock.template.docx#").write_text("an office's lock file")
    last = run_formgen("--lang", "en", "build", str(inbox), "--out", str(out), env=env, check=True)
    assert "0 built, 0 failed" in last.stdout and "(3 unchanged)" in last.stdout, last.stdout


def test_a_build_with_nothing_to_do_does_not_load_the_renderer_or_the_pdf_libraries(inbox, tmp_path):
    out = tmp_path / "out"
    build(inbox, out)
    code = ("import sys; from pathlib import Path; from generator import api; "
            f"report = api.build([Path({str(inbox)!r})], "
            f"api.BuildOptions(out_dir=Path({str(out)!r}), formats='docx')); "
            "print(sum(not r.skipped for r in report.results), "
            "[m for m in ('docxtpl', 'docx', 'reportlab', 'pikepdf', 'pypdf') if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "0 []", result.stdout + result.stderr  # importing docxtpl alone is ~0.17 s
