"""Pipeline step 4 on a template made here: docxtpl's syntax, filled without python-docx (generator/render.py)."""

from __future__ import annotations

import os
import re
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from docx import Document
from jinja2 import UndefinedError
from lxml import etree

from generator import render
from generator.render import BODY, UNUSED_PARTS, compiled_template, render_template


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


def test_columns_a_tc_loop_repeats_widen_the_tables_grid(tmp_path):
    """docxtpl's fix_tables runs for a template with cell-level tags: four cells in a row get four columns."""
    document = Document()
    cells = document.add_table(rows=1, cols=3).rows[0].cells
    cells[0].text, cells[1].text, cells[2].text = "{%tc for c in columns %}", "{{ c }}", "{%tc endfor %}"
    path = tmp_path / "columns.docx"
    document.save(str(path))
    out = render_template(path, {"columns": ["一", "二", "三", "四"]}, tmp_path / "out.docx")
    body = _xml(out, BODY)
    assert body.count("<w:tc>") == 4 and body.count("<w:gridCol ") == 4


def test_a_body_without_cell_level_tags_is_the_same_xml_without_the_table_pass(template, tmp_path, monkeypatch):
    """fix_tables (an lxml parse and write of the whole body) is skipped when no tag can change a row's cells,
    and what it would have written is the same XML."""
    table_passes = []
    processing = render.docxtpl_processing()
    fix_tables = processing.fix_tables
    monkeypatch.setattr(processing, "fix_tables", lambda xml: table_passes.append(1) or fix_tables(xml))
    context = {"name": "山田 花子", "memo": "一行目\n二行目", "rows": [{"label": "一", "value": "1"}]}
    written = render_template(template, context, tmp_path / "written.docx")
    assert not table_passes and not compiled_template(template).reshapes_tables
    through_the_table_pass = render._filled
    monkeypatch.setattr(render, "_filled", lambda name, part, values, _reshapes: through_the_table_pass(name, part, values, True))
    parsed = render_template(template, context, tmp_path / "parsed.docx")
    assert table_passes == [1]
    canonical = [etree.tostring(etree.fromstring(zipfile.ZipFile(p).read(BODY)), method="c14n") for p in (written, parsed)]
    assert canonical[0] == canonical[1]


def test_threads_that_start_on_one_form_compile_it_once(template, monkeypatch):
    """The case threads of a batch that reach the same form at once wait for the one compiling it."""
    compiles = []
    compile_template = render.compile_template

    def slow_compile(data, environment):
        compiles.append(1)
        time.sleep(0.2)  # long enough for every thread to ask while the first compiles
        return compile_template(data, environment)

    monkeypatch.setattr(render, "compile_template", slow_compile)
    with ThreadPoolExecutor(max_workers=4) as threads:
        compiled = list(threads.map(lambda _: compiled_template(template), range(4)))
    assert compiles == [1]
    assert all(c is compiled[0] for c in compiled)
    os.utime(template, ns=(template.stat().st_atime_ns, template.stat().st_mtime_ns + 10**9))  # the file changed
    assert compiled_template(template) is not compiled[0] and compiles == [1, 1]


def test_a_missing_value_is_an_error_not_a_blank(template, tmp_path):
    with pytest.raises(UndefinedError, match="memo"):
        render_template(template, {"name": "x", "rows": []}, tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def _style_ids(styles_xml: str) -> set[str]:
    return set(re.findall(r'<w:style [^>]*w:styleId="([^"]+)"', styles_xml))


def _styles_of(docx: Path) -> set[str]:
    return _style_ids(_xml(docx, "word/styles.xml"))


def test_only_the_styles_a_part_names_are_kept_with_what_they_are_based_on(tmp_path):
    document = Document()
    document.add_paragraph("{{ name }}", style="TOC Heading")  # based on Heading 1, which links its character style
    document.add_paragraph("本文").add_run("強調", style="Strong")
    document.add_table(rows=1, cols=1, style="Light Grid Accent 1")
    path = tmp_path / "styled.docx"
    document.save(str(path))
    before = _styles_of(path)
    out = render_template(path, {"name": "x"}, tmp_path / "out.docx")
    after = _styles_of(out)
    assert {"TOCHeading", "Heading1", "Heading1Char", "Normal", "Strong", "LightGrid-Accent1", "TableNormal"} <= after
    assert "Title" in before and "Title" not in after and len(after) < len(before) / 5
    assert "<w:latentStyles" in _xml(out, "word/styles.xml") and "<w:docDefaults" in _xml(out, "word/styles.xml")


def test_a_style_a_tag_chooses_keeps_every_style(tmp_path):
    document = Document()
    document.add_paragraph("{{ name }}")
    path = tmp_path / "chosen.docx"
    document.save(str(path))
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:p>", b'<w:p><w:pPr><w:pStyle w:val="{{ style }}"/></w:pPr>', 1)
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    out = render_template(path, {"name": "x", "style": "Title"}, tmp_path / "out.docx")
    assert _styles_of(out) == _styles_of(path) and '<w:pStyle w:val="Title"/>' in _xml(out, "word/document.xml")


def test_every_style_a_form_names_is_in_its_output():
    """Every form of forms/ and the deadline checklist: no part of a rendered package names a style its
    styles.xml left out (a dangling name would fall back to the default look in LibreOffice and Word)."""
    from generator.deadlines.outputs import CHECKLIST_TEMPLATE
    from generator.render import STYLES, compiled_template

    templates = sorted((Path(__file__).parent.parent / "forms").glob("*/template.docx")) + [CHECKLIST_TEMPLATE]
    assert len(templates) > 30
    for path in templates:
        kept = next(part for info, part in compiled_template(path).parts if info.filename == STYLES)
        assert isinstance(kept, bytes)
        styles = _style_ids(kept.decode("utf-8"))
        with zipfile.ZipFile(path) as package:  # values are escaped text: what a template names, its output names
            for name in package.namelist():
                if name.endswith(".xml") and name != STYLES:
                    named = set(re.findall(r'<w:(?:pStyle|rStyle|tblStyle|numStyleLink|styleLink) w:val="([^"]+)"',
                                           package.read(name).decode("utf-8")))
                    assert named <= styles, (path.parent.name, name, named - styles)
        for base in re.findall(r'<w:(?:basedOn|link|next) w:val="([^"]+)"', kept.decode("utf-8")):
            assert base in styles, (path.parent.name, base)


@pytest.mark.slow
def test_leaving_out_the_unnamed_styles_changes_no_pixel_of_the_pdf(tmp_path, monkeypatch, worker_converter):
    """The same form converted by LibreOffice from a template built with python-docx's 164 styles and from
    the shipped one with the few it names: page for page the same picture (様式10-2, the form that keeps
    the most styles)."""
    import hashlib
    import subprocess
    import sys

    from conftest import INBOX, ROOT
    from generator import render
    from generator.catalogue import _read_manifest
    from generator.context import case_context
    from generator.load import load_case
    from generator.validate import validate_case

    sys.path.insert(0, str(ROOT / "tools"))
    import build_templates

    context = case_context(validate_case(load_case(INBOX / "epa-employment-contract-angelica.yaml", INBOX)))

    def picture(template: Path, form, out: Path) -> list[str]:
        docx = render_template(template, {**context, "form": form}, out / f"{form.id}.docx")
        pdf = worker_converter.convert(docx, docx.with_suffix(".pdf"))
        subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(out / form.id)], check=True)
        return [hashlib.sha256(png.read_bytes()).hexdigest() for png in sorted(out.glob(f"{form.id}-*.png"))]

    form = _read_manifest(ROOT / "forms" / "jicwels-10-2")
    (tmp_path / "shipped").mkdir()
    shipped = picture(form.template_path, form, tmp_path / "shipped")
    monkeypatch.setattr(render, "without_unnamed_styles", lambda raw, other_parts: raw)  # the renderer's and make templates'
    whole = tmp_path / "whole" / "template.docx"
    whole.parent.mkdir()
    whole.write_bytes(build_templates.rendered(form.id))
    assert len(_styles_of(whole)) > 150 > 20 > len(_styles_of(form.template_path))
    pages = picture(whole, form, whole.parent)
    assert len(pages) >= 2
    assert shipped == pages
