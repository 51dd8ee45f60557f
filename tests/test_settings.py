"""Settings as a user meets them: one table (docs/settings.md), command line > environment > config file."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from conftest import INBOX, ROOT, run_formgen
from generator.settings import ENV_PREFIX, FILE_SECTIONS, Settings, load_settings

DOC = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
CASE = INBOX / "epa-return-home-dewi.yaml"


def _table_rows() -> dict[str, str]:
    return {m.group(1): m.group(0) for m in re.finditer(r"^\| `([a-z_]+)` \|.*$", DOC, re.MULTILINE)}


def test_every_setting_is_documented_with_its_variable_and_file_key():
    rows = _table_rows()
    assert set(rows) == set(Settings.model_fields)
    for section, keys in FILE_SECTIONS.items():
        for key, name in keys.items():
            assert f"`[{section}] {key}`" in rows[name]
    for name in Settings.model_fields:
        assert f"`{ENV_PREFIX}{name.upper()}`" in rows[name]


TEST_SUITE_VARIABLES = {"FORMGEN_UPDATE_GOLDEN", "FORMGEN_TEST_SUBPROCESS"}
"""Read by the tests only (make golden; subprocess runs), never by formgen itself."""


def test_every_formgen_variable_the_code_or_docs_mention_is_a_setting():
    known = {f"{ENV_PREFIX}{name.upper()}" for name in Settings.model_fields} | TEST_SUITE_VARIABLES
    texts = [p.read_text(encoding="utf-8") for p in [*(ROOT / "generator").rglob("*.py"), ROOT / "README.md",
                                                       *(ROOT / "docs").glob("*.md")]]
    mentioned = {m for text in texts for m in re.findall(r"\bFORMGEN_[A-Z_]+\b", text)}
    assert mentioned - known == set()


def test_command_line_wins_over_environment_and_environment_over_the_file(tmp_path, monkeypatch):
    config = tmp_path / "formgen.toml"
    config.write_text('[build]\nformat = "pdf"\n[converters]\ncount = 3\n', encoding="utf-8")
    monkeypatch.setenv("FORMGEN_FORMAT", "both")
    monkeypatch.delenv("FORMGEN_CONVERTER_COUNT", raising=False)  # e.g. set to 1 for the whole test run
    settings = load_settings({"format": None}, config)
    assert (settings.format, settings.converter_count) == ("both", 3)
    assert load_settings({"format": "docx"}, config).format == "docx"


@pytest.mark.parametrize("args, env, named", [
    (["build", "--format", "docx", "--converters", "nonsense", str(CASE)], {}, "converters"),
    (["build", "--format", "docx", str(CASE)], {"FORMGEN_CONVERTER_COUNT": "abc"}, "FORMGEN_CONVERTER_COUNT"),
    (["build", "--format", "docx", str(CASE)], {"FORMGEN_OUTPUT_MODE": "everyone"}, "FORMGEN_OUTPUT_MODE"),
])
def test_a_wrong_setting_exits_6_naming_the_setting_and_where_it_came_from(args, env, named, tmp_path):
    result = run_formgen(*args, "--out", str(tmp_path / "out"), env=env)
    assert result.returncode == 6, result.stderr
    assert named in result.stderr and "docs/settings.md" in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_unknown_key_in_the_config_file_is_refused(tmp_path):
    config = tmp_path / "formgen.toml"
    config.write_text('[converters]\nendpoint = ["10.0.0.5:2003"]\n', encoding="utf-8")
    result = run_formgen("--config", str(config), "validate", str(CASE))
    assert result.returncode == 6
    assert "endpoint" in result.stderr and "endpoints" in result.stderr


def _mode(folder: Path) -> int:
    return stat.S_IMODE((folder / "epa-return-home-dewi" / "manifest.json").stat().st_mode)


def test_a_formgen_toml_in_the_working_folder_is_not_read_but_the_users_config_is(tmp_path):
    (tmp_path / "formgen.toml").write_text('[build]\noutput_mode = "group"\n', encoding="utf-8")
    home = tmp_path / "home"
    env = {"XDG_CONFIG_HOME": str(home / ".config")}
    run_formgen("build", "--format", "docx", str(CASE), "--out", str(tmp_path / "a"), cwd=tmp_path, env=env,
                check=True)
    assert _mode(tmp_path / "a") == 0o600
    run_formgen("--config", str(tmp_path / "formgen.toml"), "build", "--format", "docx", str(CASE),
                "--out", str(tmp_path / "b"), cwd=tmp_path, env=env, check=True)
    assert _mode(tmp_path / "b") == 0o640
    (home / ".config" / "formgen").mkdir(parents=True)
    (home / ".config" / "formgen" / "formgen.toml").write_text('[build]\noutput_mode = "group"\n', encoding="utf-8")
    run_formgen("build", "--format", "docx", str(CASE), "--out", str(tmp_path / "c"), cwd=tmp_path, env=env,
                check=True)
    assert _mode(tmp_path / "c") == 0o640


def test_a_build_names_the_remote_converters_it_sends_documents_to(tmp_path):
    result = run_formgen("build", "--format", "both", "--converters", "127.0.0.1:9", str(CASE),
                         "--out", str(tmp_path / "out"))
    assert "変換サーバー: 127.0.0.1:9（command line）" in result.stderr
    assert result.returncode == 3


def test_the_command_line_offers_the_formats_the_settings_accept():
    from generator.cli import FORMATS
    from generator.settings import FORMATS as SETTING_FORMATS

    assert FORMATS == SETTING_FORMATS
