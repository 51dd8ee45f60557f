"""The `formgen` command as a user meets it: skeletons, schemas, the catalogue, lint, exit codes."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import CASES, DEMO_INBOX, ROOT, run_formgen
from generator.skeleton import uncommented
from schemas import KINDS


def example_cases(folder: Path = CASES) -> dict[str, Path]:
    """The first case of each kind in `folder` (default: the fixture cases)."""
    examples: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yaml")):
        kind = (yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}).get("kind")
        if isinstance(kind, str):
            examples.setdefault(kind, path)
    return examples


def test_every_kind_has_an_example_case_in_the_demo_inbox():
    assert set(KINDS) <= set(example_cases(DEMO_INBOX))


def test_the_demo_inbox_checks_clean_as_a_set():
    """`make demo` builds every example: none may be refused, alone or beside the others (set checks)."""
    from generator import api

    cases = api.check_paths([DEMO_INBOX]).cases
    assert [(c.source.path.name, p.render()) for c in cases for p in c.errors] == []


def test_every_kind_has_a_fixture_case():
    assert set(KINDS) <= set(example_cases())


def _fill(skeleton, example):
    """Fill a skeleton's blanks with an example's values; keys the example leaves out are dropped."""
    if isinstance(skeleton, dict) and isinstance(example, dict):
        if set(example) == {"ref"} or "ref" in example:
            return example
        return {k: _fill(skeleton[k], example[k]) for k in skeleton if k in example}
    if isinstance(skeleton, list) and isinstance(example, list):
        return [_fill(skeleton[0] if skeleton else None, item) for item in example]
    return example


def _keys(data, prefix=""):
    if isinstance(data, dict):
        if "ref" in data:
            return set()
        return {f"{prefix}{k}" for k in data} | {p for k, v in data.items() for p in _keys(v, f"{prefix}{k}.")}
    if isinstance(data, list):
        return {p for item in data for p in _keys(item, prefix)}
    return set()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_formgen_new_prints_a_skeleton_that_builds_once_filled_in(kind, inbox_copy, outbox):
    result = run_formgen("new", kind, check=True)
    assert result.stdout.startswith(f"# yaml-language-server: $schema=.schema/{kind}.schema.json")
    skeleton = yaml.safe_load(uncommented(result.stdout))  # with the commented-out example blocks
    example_path = example_cases()[kind]
    example = yaml.safe_load(example_path.read_text(encoding="utf-8"))
    assert _keys(example) <= _keys(skeleton), "the skeleton lacks fields the example case uses"
    filled = inbox_copy / f"filled-{kind}.yaml"
    filled.write_text(result.stdout.split(f"kind: {kind}\n")[0]
                      + yaml.safe_dump(_fill(skeleton, example), allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    built = run_formgen("build", "--format", "docx", str(filled), "--out", str(outbox))
    assert built.returncode == 0, built.stdout + built.stderr
    assert (outbox / f"filled-{kind}" / "manifest.json").is_file()


def test_skeleton_comments_carry_the_japanese_labels():
    text = run_formgen("new", "epa_return_home", check=True).stdout
    assert "return_date:   # 帰国日｜必須" in text
    assert "  name:   # 氏名｜必須" in text


def test_formgen_schema_writes_a_json_schema_per_kind_with_japanese_titles(tmp_path):
    run_formgen("schema", "--out", str(tmp_path), check=True)
    for kind in KINDS:
        schema = json.loads((tmp_path / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert schema["additionalProperties"] is False
    schema = json.loads((tmp_path / "epa_return_home.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["return_date"]["title"] == "帰国日"


def test_formgen_forms_lists_every_form_with_its_official_id():
    forms = json.loads(run_formgen("forms", "--json", check=True).stdout)
    by_id = {f["id"]: f for f in forms}
    assert by_id["mhlw-8"]["official_id"] == "厚生労働省通知様式第8号"
    assert all(f["kinds"] and f["title"] for f in forms)
    table = run_formgen("forms", check=True).stdout
    assert "帰国確認報告書" in table


def test_templates_and_schemas_agree():
    result = run_formgen("lint")
    assert result.returncode == 0, result.stderr


def test_an_unknown_kind_lists_the_known_ones(tmp_path):
    case = tmp_path / "x.yaml"
    case.write_text("kind: epa_retrun_home\n", encoding="utf-8")
    result = run_formgen("validate", str(case))
    assert result.returncode == 1
    assert f"{case}:1:1:" in result.stderr
    for kind in KINDS:
        assert kind in result.stderr


def test_every_error_of_a_file_is_reported_at_once(tmp_path):
    case = tmp_path / "x.yaml"
    case.write_text("kind: epa_return_home\nperson:\n  name: A\n  nam: B\n  sex: 男\n  sex: 女\nretrun_date: 2026-01-01\n",
                    encoding="utf-8")
    result = run_formgen("validate", str(case))
    assert result.returncode == 1
    assert f"{case}:6:3:" in result.stderr and "重複" in result.stderr  # duplicate key
    assert f"{case}:4:3:" in result.stderr and "「name」の誤りではありませんか" in result.stderr
    assert f"{case}:7:1:" in result.stderr and "return_date" in result.stderr


def test_usage_errors_exit_2():
    assert run_formgen("build", "--format", "odt").returncode == 2
    assert run_formgen("new", "no_such_kind").returncode == 2
    assert run_formgen("no-such-command").returncode == 2


def test_messages_in_english_with_lang_en(tmp_path):
    case = tmp_path / "x.yaml"
    case.write_text("kind: epa_return_home\n", encoding="utf-8")
    result = run_formgen("--lang", "en", "validate", str(case))
    assert "this required field is missing" in result.stderr


def test_valid_cases_are_built_even_when_another_in_the_same_run_is_invalid(inbox_copy, outbox):
    bad = inbox_copy / "broken.yaml"
    bad.write_text("kind: epa_return_home\nperson: {}\n", encoding="utf-8")
    result = run_formgen("build", "--format", "docx", str(inbox_copy / "epa-return-home-dewi.yaml"), str(bad),
                         "--out", str(outbox))
    assert result.returncode == 1
    assert (outbox / "epa-return-home-dewi" / "manifest.json").is_file()
    assert not (outbox / "broken").exists()


def test_help_is_japanese_by_default_and_english_with_lang_en():
    japanese = run_formgen("build", "--help", check=True).stdout
    assert "使い方: formgen build" in japanese and "出力フォルダ。" in japanese and "オプション:" in japanese
    english = run_formgen("--lang", "en", "build", "--help", check=True).stdout
    assert "Usage: formgen build" in english and "Output folder." in english
    top = run_formgen("--help", check=True).stdout
    assert "6 設定の誤り" in top and "コマンド:" in top


def test_the_installed_command_starts_and_prints_its_version():
    result = run_formgen("--version", in_process=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("formgen, version ")


HEAVY = ("schemas", "docxtpl", "pypdf", "reportlab", "icalendar", "watchdog", "rich", "generator.pipeline",
         "generator.libreoffice")


@pytest.mark.parametrize("args, allowed", [
    (["--version"], ()),
    (["--help"], ()),
    (["forms", "--json"], ("rich",)),
    (["build", str(CASES / "epa-death-nam.yaml"), "--out", "{out}", "--format", "docx"],
     ("schemas", "docxtpl", "icalendar", "rich", "generator.pipeline")),
])
def test_a_command_imports_only_what_it_uses(args, allowed, tmp_path):
    """Start-up time is import time: `--version` loads no schema, template engine, PDF library or converter,
    and a DOCX build no PDF library, cover drawing or converter."""
    args = [arg.replace("{out}", str(tmp_path / "outbox")) for arg in args]
    probe = ("import sys\nfrom generator.cli import main\nsys.argv = ['formgen', *sys.argv[1:]]\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=ROOT)
    loaded = ast.literal_eval(result.stderr.strip().splitlines()[-1])
    assert [m for m in loaded if m not in allowed] == []
    if args[0] == "build":
        assert (tmp_path / "outbox" / "epa-death-nam" / "manifest.json").is_file(), result.stdout + result.stderr
