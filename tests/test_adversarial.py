"""Bad input never corrupts or loses anything: the adversarial corpus in tests/corpus/.

Each file is copied into a demo inbox (so that its `{ref: ...}` parties resolve) and built through the
real pipeline; tests/corpus/expected.yaml says what must happen. A traceback fails the test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import build_file, run_formgen
from docxread import full_text
from generator.api import BuildOptions

CORPUS = Path(__file__).resolve().parent / "corpus"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
REPORT = "mhlw-8_帰国確認報告書.docx"


def build_in(inbox: Path, outbox: Path, name: str):
    case = inbox / name
    shutil.copyfile(CORPUS / name, case)
    return case, build_file(case, inbox, BuildOptions(out_dir=outbox, formats="docx"))


def published(outbox: Path) -> list[str]:
    """What a build published in the outbox (its work folder aside); none when there is no outbox."""
    return sorted(p.name for p in outbox.glob("*") if p.name != ".formgen-staging")


def test_every_corpus_file_has_an_expected_outcome():
    assert sorted(p.name for p in CORPUS.glob("*.yaml") if p.name != "expected.yaml") == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if e["outcome"] == "invalid"))
def test_invalid_input_is_refused_with_a_located_message_and_nothing_written(name, inbox_copy, outbox):
    expected = EXPECTED[name]
    case, result = build_in(inbox_copy, outbox, name)
    assert not result.ok
    messages = [p.render("ja") for p in result.problems if p.severity == "error"]
    matching = [m for m in messages if expected["message"] in m]
    assert matching, messages
    assert matching[0].startswith(f"{case}:{expected.get('line', '')}")
    if "never_shows" in expected:
        shown = [p.render(lang) + str(p.as_dict(lang)) for p in result.problems for lang in ("ja", "en")]
        assert not [m for m in shown if expected["never_shows"] in m]
    assert published(outbox) == []


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if e["outcome"] == "valid"))
def test_valid_input_prints_exactly_as_typed(name, inbox_copy, outbox):
    expected = EXPECTED[name]
    case, result = build_in(inbox_copy, outbox, name)
    assert result.ok, [p.render() for p in result.problems]
    text = full_text(outbox / case.stem / REPORT)
    for value in expected["prints"]:
        assert value in text
    if "warning" in expected:
        assert any(expected["warning"] in p.render() for p in result.problems if p.severity == "warning")


def test_a_file_over_the_size_limit_is_refused(inbox_copy, outbox):
    case = inbox_copy / "huge.yaml"
    case.write_text("kind: epa_return_home\nmemo: " + "x" * 1_100_000 + "\n", encoding="utf-8")
    result = build_file(case, inbox_copy, BuildOptions(out_dir=outbox, formats="docx"))
    assert not result.ok
    assert "ファイルが大きすぎます" in result.problems[0].render()


def test_a_symlinked_case_file_that_leaves_the_inbox_is_refused(inbox_copy, outbox, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    shutil.copyfile(inbox_copy / "epa-return-home-dewi.yaml", outside)
    (inbox_copy / "linked.yaml").symlink_to(outside)
    result = build_file(inbox_copy / "linked.yaml", inbox_copy, BuildOptions(out_dir=outbox, formats="docx"))
    assert not result.ok
    assert "外" in result.problems[0].render()


def test_a_symlinked_parties_file_that_leaves_the_inbox_is_not_used(inbox_copy, outbox, tmp_path):
    outside = tmp_path / "evil.yaml"
    shutil.copyfile(inbox_copy / "parties" / "sakura-kai.yaml", outside)
    (inbox_copy / "parties" / "evil.yaml").symlink_to(outside)
    case = inbox_copy / "epa-return-home-dewi.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("{ref: sakura-kai}", "{ref: evil}"), encoding="utf-8")
    result = build_file(case, inbox_copy, BuildOptions(out_dir=outbox, formats="docx"))
    assert not result.ok
    assert "参照先「evil」が見つかりません" in result.problems[0].render()


def test_a_symlinked_attachment_that_leaves_the_inbox_is_refused(inbox_copy, outbox, tmp_path):
    outside = tmp_path / "secret.pdf"
    outside.write_bytes(b"%PDF-1.4 not really")
    (inbox_copy / "attachments").mkdir(exist_ok=True)
    (inbox_copy / "attachments" / "card.pdf").symlink_to(outside)
    case = inbox_copy / "epa-return-home-dewi.yaml"
    case.write_text(case.read_text(encoding="utf-8")
                    + "attachments:\n  - title: 在留カードの写し\n    file: attachments/card.pdf\n", encoding="utf-8")
    result = build_file(case, inbox_copy, BuildOptions(out_dir=outbox, formats="docx"))
    assert not result.ok
    assert any("受信箱の外" in p.render() and p.position.line > 1 for p in result.problems)
    assert not (outbox / "epa-return-home-dewi").exists()


def test_personal_numbers_are_masked_in_messages(inbox_copy, outbox):
    case = inbox_copy / "epa-return-home-dewi.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("sex: 女", "sex: AB12345678CD"), encoding="utf-8")
    result = run_formgen("build", "--format", "docx", str(case), "--out", str(outbox))
    assert result.returncode == 1
    assert "AB12345678CD" not in result.stderr + result.stdout
    assert "AB******78CD" in result.stderr


def test_outputs_are_readable_by_their_owner_only(inbox_copy, outbox):
    result = build_file(inbox_copy / "epa-return-home-dewi.yaml", inbox_copy, BuildOptions(out_dir=outbox, formats="docx"))
    assert result.ok
    folder = outbox / "epa-return-home-dewi"
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert {oct(p.stat().st_mode & 0o777) for p in folder.iterdir()} == {"0o600"}


def test_group_readable_outputs_when_configured(inbox_copy, outbox):
    options = BuildOptions(out_dir=outbox, formats="docx", output_mode="group")
    assert build_file(inbox_copy / "epa-return-home-dewi.yaml", inbox_copy, options).ok
    assert {oct(p.stat().st_mode & 0o777) for p in (outbox / "epa-return-home-dewi").iterdir()} == {"0o640"}


def test_a_failed_rebuild_keeps_the_previous_good_outputs(inbox_copy, outbox):
    case = inbox_copy / "epa-return-home-dewi.yaml"
    assert build_file(case, inbox_copy, BuildOptions(out_dir=outbox, formats="docx")).ok
    before = {p.name: p.read_bytes() for p in (outbox / "epa-return-home-dewi").iterdir()}
    case.write_text(case.read_text(encoding="utf-8").replace("2026-11-10", "2026-13-10"), encoding="utf-8")
    assert not build_file(case, inbox_copy, BuildOptions(out_dir=outbox, formats="docx")).ok
    assert {p.name: p.read_bytes() for p in (outbox / "epa-return-home-dewi").iterdir()} == before
    assert list(outbox.glob(".formgen-staging/*")) == []  # no work left behind (the folder may be gone)
