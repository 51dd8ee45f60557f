"""Property-based tests: whatever a person types, formgen builds a document that opens, or refuses the
file with a located message — never a traceback, never a broken DOCX.

Cases are generated from each kind's demo case in inbox/: free-text fields get arbitrary text (Jinja and
XML look-alikes, emoji, rare kanji), or any value gets replaced by junk.
"""

from __future__ import annotations

import copy
import functools
import shutil
import typing
from pathlib import Path

import pytest
import yaml
from docx import Document as open_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from conftest import INBOX, build_file
from generator.api import BuildOptions
from generator.exceptions import FormgenError
from generator.load import load_case
from schemas import KINDS
from schemas.types import _no_control_characters
from test_cli import example_cases

PROFILE = settings(max_examples=8, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

FREE_TEXT = st.lists(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
            min_size=1, max_size=8)
    | st.sampled_from(["{{", "}}", "{%", "%}", "{#", "<", ">", "&", "]]>", "𠮷", "髙", "🌸", "\u3000"]),
    min_size=1, max_size=8,
).map("".join).filter(lambda s: s.strip() != "")

JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
    st.text(max_size=30), st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
    st.sampled_from(["2026-02-30", "2026-13-01", "AB1234", "999-99999", "-1", "1e309", "{{ x }}"]),
)


def _is_free_text(info) -> bool:
    return any(getattr(m, "func", None) is _no_control_characters for m in info.metadata) or any(
        getattr(m, "func", None) is _no_control_characters
        for arg in typing.get_args(info.annotation) for m in getattr(arg, "__metadata__", ()))


def _models(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models(arg)]


def leaf_paths(data, model: type[BaseModel] | None, prefix=()) -> list[tuple[tuple, bool]]:
    """(path, is free text) of every scalar in the data."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            info = model.model_fields.get(key) if model else None
            sub = next(iter(_models(info.annotation)), None) if info else None
            if isinstance(value, (dict, list)):
                found += leaf_paths(value, sub, prefix + (key,))
            else:
                found.append((prefix + (key,), bool(info and isinstance(value, str) and _is_free_text(info))))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found += leaf_paths(item, model, prefix + (index,))
    return found


def _set(data, path, value):
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


EXAMPLE_FILES = {kind: path for kind, path in example_cases().items() if kind in KINDS}


@functools.cache
def _resolved(kind: str) -> dict:
    """The kind's example case with its parties filled in (read when its tests run, not at collection:
    every worker collects this module)."""
    return load_case(EXAMPLE_FILES[kind], INBOX).data


def _build(tmp_path: Path, data: dict):
    """Build `data` as tmp_path/in/case.yaml beside the fixture parties. Each example writes the case file
    again and builds into the same outbox: a build replaces the case's folder whole, and a refused case is
    not looked at."""
    inbox = tmp_path / "in"
    if not inbox.exists():
        shutil.copytree(INBOX / "parties", inbox / "parties")
        if (INBOX / "attachments").is_dir():
            shutil.copytree(INBOX / "attachments", inbox / "attachments")
    case = inbox / "case.yaml"
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    outbox = tmp_path / "out"
    return build_file(case, inbox, BuildOptions(out_dir=outbox, formats="docx")), outbox


@pytest.mark.parametrize("kind", sorted(EXAMPLE_FILES))
def test_free_text_of_any_kind_builds_documents_that_open(kind, tmp_path):
    example = _resolved(kind)
    paths = [p for p, free in leaf_paths(example, KINDS[kind]) if free]
    if not paths:
        pytest.skip("no free-text fields")

    @PROFILE
    @given(st.sampled_from(paths), FREE_TEXT)
    def check(path, text):
        data = copy.deepcopy(example)
        _set(data, path, text)
        result, outbox = _build(tmp_path, data)
        if not result.ok:  # only a length limit or a cross-field rule may refuse free text, with its line
            assert all(p.position is not None for p in result.problems), [p.render() for p in result.problems]
            return
        for docx in (outbox / "case").glob("*.docx"):
            open_docx(str(docx))

    check()


@pytest.mark.parametrize("kind", sorted(EXAMPLE_FILES))
def test_junk_anywhere_is_refused_with_a_location_never_a_traceback(kind, tmp_path):
    example = _resolved(kind)
    paths = [p for p, _ in leaf_paths(example, KINDS[kind])]

    @PROFILE
    @given(st.sampled_from(paths), JUNK)
    def check(path, junk):
        data = copy.deepcopy(example)
        _set(data, path, junk)
        try:
            result, outbox = _build(tmp_path, data)
        except FormgenError as error:  # pragma: no cover - build_case reports these itself
            pytest.fail(f"escaped: {error!r}")
        if result.ok:
            for docx in (outbox / "case").glob("*.docx"):
                open_docx(str(docx))
        else:
            assert result.problems and all(p.position is not None for p in result.problems), \
                [p.render() for p in result.problems]

    check()


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.text(max_size=300))
def test_any_text_file_is_read_or_refused_cleanly(text):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        case = Path(folder) / "random.yaml"
        case.write_text(text, encoding="utf-8")
        result = build_file(case, Path(folder), BuildOptions(out_dir=Path(folder) / "out", formats="docx"))
        assert result.ok or result.problems
