"""`make templates` (tools/build_templates.py): the same bytes every time, and a template edited in Word
is never overwritten without being told to."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from conftest import ROOT
from generator.catalogue import content_sha256

sys.path.insert(0, str(ROOT / "tools"))
from build_templates import write_template  # noqa: E402

FORM = "mhlw-5-1"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    forms, records = tmp_path / "forms", tmp_path / "records"
    records.mkdir()
    return forms, records


def test_building_twice_writes_the_same_bytes_and_the_second_time_nothing(folders):
    forms, records = folders
    first = write_template(FORM, forms, records)
    written = first.path.read_bytes()
    modified = first.path.stat().st_mtime_ns
    second = write_template(FORM, forms, records)
    assert (first.status, second.status) == ("written", "unchanged")
    assert first.path.read_bytes() == written and first.path.stat().st_mtime_ns == modified
    with zipfile.ZipFile(first.path) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert package.namelist()[0] == "[Content_Types].xml"


def test_the_committed_templates_are_the_bytes_the_build_writes(folders):
    forms, records = folders
    outcome = write_template(FORM, forms, records)
    assert outcome.path.read_bytes() == (ROOT / "forms" / FORM / "template.docx").read_bytes(), \
        "run `make templates` and commit the result"


def test_a_template_edited_in_word_is_not_overwritten_and_the_message_says_how_to_keep_it(folders):
    forms, records = folders
    path = write_template(FORM, forms, records).path
    edited = Document(str(path))
    edited.add_paragraph("施設で追記した注意書き")
    edited.save(str(path))
    before = path.read_bytes()
    refused = write_template(FORM, forms, records)
    assert refused.status == "refused"
    assert path.read_bytes() == before
    assert str(path) in refused.message
    assert f"tools/templates/{FORM}.py" in refused.message and "FORCE=1" in refused.message
    assert f"--force {FORM}" in refused.message
    assert write_template(FORM, forms, records, force=True).status == "written"
    assert "施設で追記した注意書き" not in "".join(p.text for p in Document(str(path)).paragraphs)


def test_a_changed_generator_overwrites_the_template_it_wrote(folders, monkeypatch):
    import build_templates

    forms, records = folders
    path = write_template(FORM, forms, records).path
    original = build_templates.load_source

    def changed_source(form_id):
        module = original(form_id)
        build = module.build

        def build_more():
            document = build()
            document.add_paragraph("生成元で追加した行")
            return document

        return type("Source", (), {"build": staticmethod(build_more)})

    monkeypatch.setattr(build_templates, "load_source", changed_source)
    assert write_template(FORM, forms, records).status == "written"
    assert "生成元で追加した行" in "".join(p.text for p in Document(str(path)).paragraphs)


def test_the_content_hash_ignores_zip_timestamps_and_order(tmp_path):
    template = ROOT / "forms" / FORM / "template.docx"
    shuffled = tmp_path / "shuffled.docx"
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(shuffled, "w", zipfile.ZIP_STORED) as target:
        for name in reversed(source.namelist()):
            target.writestr(zipfile.ZipInfo(name, date_time=(2024, 5, 6, 7, 8, 10)), source.read(name))
    assert shuffled.read_bytes() != template.read_bytes()
    assert content_sha256(shuffled) == content_sha256(template)
    with zipfile.ZipFile(shuffled, "a") as package:
        package.writestr("word/footer9.xml", "<w:ftr/>")
    assert content_sha256(shuffled) != content_sha256(template)


def test_make_templates_refuses_with_a_nonzero_exit(tmp_path):
    """The command a template author runs: an edited template makes it exit 1 and say which file."""
    repository = tmp_path / "repo"
    shutil.copytree(ROOT / "tools", repository / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "generator", repository / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "forms" / FORM, repository / "forms" / FORM)
    template = repository / "forms" / FORM / "template.docx"
    edited = Document(str(template))
    edited.add_paragraph("Word で直した")
    edited.save(str(template))
    result = subprocess.run([sys.executable, "tools/build_templates.py", FORM], cwd=repository,
                            capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{template}: not overwritten" in result.stderr
