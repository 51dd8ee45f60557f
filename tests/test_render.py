"""Pipeline step 4 on a template made here: docxtpl's syntax, filled without python-docx (generator/render.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from jinja2 import UndefinedError

from generator.render import UNUSED_PARTS, render_template


@pytest.fixture
def template(tmp_path: Path) -> Path:
    document = Document()
    document.add_paragraph("氏名: {{ name }}")
    document.add_paragraph("{{ memo }}")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "{%tr for row in rows %}"
    table.cell(1, 0).text, table.cell(1, 1).text = "{{ row.label }}", "{{ row.value }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    document.sections[0].header.paragraphs[0].text = "ケース: {{ name }}"
    path = tmp_path / "template.docx"
    document.save(str(path))
    return path


def _xml(docx: Path, name: str) -> str:
    return zipfile.ZipFile(docx).read(name).decode("utf-8")


def test_values_rows_and_headers_are_filled_and_escaped(template, tmp_path):
    out = render_template(template, {"name": "山田 <花子> & Co", "memo": "なし",
                                     "rows": [{"label": "一", "value": "1"}, {"label": "二", "value": "2"}]},
                          tmp_path / "out.docx")
    document = Document(str(out))  # a package Word and python-docx open
    texts = [p.text for p in document.paragraphs]
    assert "氏名: 山田 <花子> & Co" in texts
    assert [[c.text for c in row.cells] for row in document.tables[0].rows] == [["一", "1"], ["二", "2"]]
    assert document.sections[0].header.paragraphs[0].text == "ケース: 山田 <花子> & Co"
    assert "&lt;花子&gt; &amp; Co" in _xml(out, "word/document.xml")


def test_line_breaks_and_tabs_in_a_value_become_words_own(template, tmp_path):
    out = render_template(template, {"name": "x", "memo": "一行目\n二行目\t終わり", "rows": []}, tmp_path / "out.docx")
    body = _xml(out, "word/document.xml")
    assert "一行目</w:t><w:br/>" in body and "<w:tab/>" in body
    assert "一行目\n" not in body


def test_the_unused_starter_parts_are_left_out_with_their_references(template, tmp_path):
    assert set(zipfile.ZipFile(template).namelist()) & UNUSED_PARTS  # python-docx's starter package has them
    out = render_template(template, {"name": "x", "memo": "", "rows": []}, tmp_path / "out.docx")
    package = zipfile.ZipFile(out)
    assert not set(package.namelist()) & UNUSED_PARTS
    for name in package.namelist():
        if name.endswith((".rels", ".xml")):
            text = package.read(name).decode("utf-8")
            assert "stylesWithEffects" not in text and "thumbnail" not in text, name


def test_a_missing_value_is_an_error_not_a_blank(template, tmp_path):
    with pytest.raises(UndefinedError, match="memo"):
        render_template(template, {"name": "x", "rows": []}, tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()
