"""The documentation says what the code does: every filter, context name, variable, exit code and cited
source document is documented, and a new one without documentation fails here."""

from __future__ import annotations

import re
import sys

import pytest

from conftest import CASES, ROOT
from generator.exceptions import ExitCode
from generator.formats import FILTERS
from schemas import KINDS

sys.path.insert(0, str(ROOT / "tools"))
import template_variables  # noqa: E402

TEMPLATES_DOC = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
SOURCES_DOC = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
CITED = re.compile(r"\b(\d{3})_([0-9a-f]{16})\.txt\b")


def table_names(text: str, heading: str) -> set[str]:
    """The `names` in the first column of the table under a heading."""
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `?([^`|]+?)`? \|", section, re.M))


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_every_filter_is_documented_for_template_authors(name):
    assert name in table_names(TEMPLATES_DOC, "## フィルター"), f"docs/templates.md does not document |{name}"


def test_the_filter_table_lists_only_filters_that_exist():
    assert table_names(TEMPLATES_DOC, "## フィルター") - {"フィルター"} <= set(FILTERS)


def test_every_name_a_template_sees_besides_the_case_is_documented():
    from generator.context import case_context
    from generator.lint import CONTEXT_EXTRAS
    from generator.load import load_case
    from generator.validate import validate_case

    case = validate_case(load_case(CASES / "epa-return-home-dewi.yaml", CASES))
    extras = set(case_context(case)) - set(type(case).model_fields) - set(type(case).model_computed_fields)
    documented = table_names(TEMPLATES_DOC, "## テンプレートが見るもの")
    assert extras | {"form"} | CONTEXT_EXTRAS <= documented


@pytest.mark.parametrize("code", list(ExitCode), ids=[code.name for code in ExitCode])
def test_every_exit_code_is_documented(code):
    assert str(int(code)) in table_names(README, "### 終了コード"), "README.md's exit code table"
    assert str(int(code)) in table_names(TEMPLATES_DOC, "## 終了コード"), "docs/templates.md's exit code table"
    from generator.cli import cli

    assert re.search(rf"\b{int(code)} ", cli.help), "the exit codes in `formgen --help`"


def test_the_variables_of_every_kind_are_documented():
    section = TEMPLATES_DOC.split(template_variables.BEGIN, 1)[1].split(template_variables.END, 1)[0]
    generated = template_variables.section()
    for kind in KINDS:
        documented = re.search(rf"### `{kind}`\n(.*?)(?=\n### |\Z)", section, re.S)
        assert documented, f"docs/templates.md lists no variables of {kind}: run python tools/template_variables.py --write"
        expected = re.search(rf"### `{kind}`\n(.*?)(?=\n### |\Z)", generated, re.S).group(1)
        names = set(re.findall(r"^\| `(\w+)` \|", documented.group(1), re.M))
        assert names == set(re.findall(r"^\| `(\w+)` \|", expected, re.M)), \
            f"the variables of {kind} changed: run python tools/template_variables.py --write"


def test_every_cited_source_document_is_named_in_docs_sources():
    cited = set()
    for folder in ("generator", "schemas", "forms", "docs", "tools", "tests"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".yaml", ".md", ".txt") and path.is_file():
                cited |= set(CITED.findall(path.read_text(encoding="utf-8", errors="replace")))
    cited |= set(CITED.findall(README))
    assert cited, "no citation found: the pattern is wrong"
    rows = table_names(SOURCES_DOC, "# 根拠資料")
    for number, _ in sorted(cited):
        assert number in rows, f"docs/sources.md does not describe source document {number}"


def test_the_manifest_schema_says_where_the_sources_are_described():
    from generator.catalogue import FormLabels, FormManifest

    assert "docs/sources.md" in FormManifest.model_fields["source"].description
    assert "docs/sources.md" in FormLabels.model_fields["source"].description


def quick_start_commands(text: str) -> list[str]:
    """The indented commands of the README's quick start (Japanese part): demo, web app, tests."""
    section = text.split("## すぐに試す", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^    (\S.*)$", section, re.M)


def test_ci_runs_the_readme_test_command_and_both_languages_give_the_same_commands():
    demo, serve, test = quick_start_commands(README)
    assert demo.endswith("formgen build inbox --out outbox") and "serve inbox" in serve and "pytest" in test
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    english = README.split('<a id="english"></a>', 1)[-1] if '<a id="english"></a>' in README else README
    assert all(f"`{command}`" in english for command in (demo, serve, test))
    assert all(command.startswith("bash tools/setup.sh && ") for command in (demo, serve, test))
