"""Editor support that matches formgen: `formgen schema` (JSON Schema for yaml-language-server) and
`formgen new` (skeletons), checked with the jsonschema package and formgen's own reading."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from conftest import INBOX
from generator.cli import cli
from generator.editor_schema import editor_schema
from generator.exceptions import InvalidInput
from generator.load import load_case
from generator.skeleton import skeleton
from generator.validate import validate_case
from schemas import KINDS

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@functools.cache
def schema_of(kind: str) -> dict:
    """The kind's editor schema, made when a test needs it (not at collection, in every worker)."""
    return editor_schema(KINDS[kind])


def as_an_editor_reads(path: Path):
    """The case file as yaml-language-server sees it: YAML 1.2 core types, refs not resolved."""
    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))

    def plain(value):  # YAML 1.2 core has no timestamps: a date is text to the editor
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    return plain(data)


def errors_of(data) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema_of(data["kind"]))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


EXAMPLES = sorted(p for p in INBOX.glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_case_is_valid_against_its_schema(path):
    assert errors_of(as_an_editor_reads(path)) == []


def _example(name: str) -> dict:
    return as_an_editor_reads(INBOX / name)


@pytest.mark.parametrize("change, where", [
    (lambda d: d.update(retun_date=d.pop("return_date")), ""),
    (lambda d: d["person"].update(sex=["女"]), "person/sex"),
    (lambda d: d["person"].update(birth_date=19980714), "person/birth_date"),
    (lambda d: d.update(return_date="2026年11月"), "return_date"),
    (lambda d: d["departure"].update(airport={"name": "成田"}), "departure/airport"),
    (lambda d: d["institution"].update(nmae="x"), "institution"),
])
def test_the_schema_rejects_what_formgen_rejects(change, where, tmp_path):
    data = _example("epa-return-home-dewi.yaml")
    change(data)
    assert any(e.startswith(f"{where}:") for e in errors_of(data)), errors_of(data)


def test_the_schema_accepts_the_input_forms_formgen_reads():
    data = _example("epa-return-home-dewi.yaml")
    data["return_date"] = "令和8年11月10日"
    data["report_date"] = "R8.11.16"
    data["destination_phone"] = 220001111  # phone: 0220001111 as a YAML 1.2 editor reads it
    data["person"]["candidate_number"] = 2022123
    data["facility"] = {"ref": "sakura-en", "phone": "043-000-0000"}
    assert errors_of(data) == []
    annual = _example("epa-annual-report-sakura-en.yaml")
    annual["candidates"][0]["pay"]["base_pay"] = "185,000円"
    assert not [e for e in errors_of(annual) if "185,000" in e]


def _properties(schema: dict):
    for definition in [schema, *schema.get("$defs", {}).values()]:
        for branch in (definition.get("then"), definition.get("else")) if "if" in definition else [definition]:
            yield from branch.get("properties", {}).items()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_field_has_a_japanese_description(kind):
    schema = schema_of(kind)
    assert JAPANESE.search(schema["title"])
    assert [name for name, d in schema.get("$defs", {}).items() if not JAPANESE.search(d["title"])] == []
    missing = [name for name, prop in _properties(schema) if not JAPANESE.search(prop.get("description", ""))]
    assert missing == []


def test_formgen_schema_writes_the_editor_schemas(tmp_path):
    result = CliRunner().invoke(cli, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = json.loads((tmp_path / "epa_return_home.schema.json").read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(schema_of("epa_return_home"), ensure_ascii=False))


def test_formgen_new_without_a_kind_lists_the_kinds_with_their_japanese_names():
    result = CliRunner().invoke(cli, ["new"])
    assert result.exit_code == 0
    assert "epa_return_home" in result.output and "帰国確認報告書" in result.output
    assert all(kind in result.output for kind in KINDS)


def test_formgen_new_writes_a_file_and_never_overwrites(tmp_path):
    target = tmp_path / "new.yaml"
    first = CliRunner().invoke(cli, ["new", "epa_death", "-o", str(target)])
    assert first.exit_code == 0 and target.read_text(encoding="utf-8") == skeleton("epa_death")
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    target.write_text("kind: epa_death\n# 書きかけ\n", encoding="utf-8")
    again = CliRunner().invoke(cli, ["new", "epa_death", "-o", str(target)])
    assert again.exit_code == 2 and "上書きしない" in again.output
    assert target.read_text(encoding="utf-8") == "kind: epa_death\n# 書きかけ\n"


def test_skeletons_show_the_real_defaults_and_comment_out_example_blocks():
    text = skeleton("epa_job_offer")
    assert "#     counted: true  # 対象(※)｜任意" in text
    returned = skeleton("epa_return_home")
    assert "  qualified: false  # 介護福祉士資格取得済み｜任意" in returned
    assert "# attachments:" in returned and "\n# exceptions:" in returned and "  # contacts:" in returned


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_an_untouched_skeleton_only_asks_for_its_required_fields(kind, tmp_path):
    path = tmp_path / f"{kind}.yaml"
    path.write_text(skeleton(kind), encoding="utf-8")
    try:
        validate_case(load_case(path, tmp_path))
    except InvalidInput as error:
        messages = [p.render() for p in error.problems]
    else:
        return
    optional = [m for m in messages if not re.search(r"空欄です|件以上書いてください|がありません（|が書かれていません（", m)]
    assert optional == []
    assert not any("None" in m for m in messages)
