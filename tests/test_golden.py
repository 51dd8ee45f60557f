"""Look, don't guess: the first page of every form, rendered to PNG and compared with a reference image.

One session-scoped build makes every case of tests/fixtures/golden/ (their own copies of the example
cases) into PDFs and packets on one warm ConverterPool; each page is rendered with pdftoppm at 40 dpi in
grayscale and compared with tests/golden/<name>.png, allowing a few pixels of difference. A page that
differs fails with the actual image and a diff image (changed pixels in red) written to a temporary
folder named in the message. After a deliberate change of a form's look, `make golden` writes the images
again (FORMGEN_UPDATE_GOLDEN=1): look at the changed ones before committing them.

The same build checks the fonts of every PDF (IPAex for Japanese, Liberation for Latin, nothing else) and
that a Vietnamese name reads back from the PDFs' text unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from conftest import ROOT
from test_pdf_packet import EMBEDDED_FACES, fonts_of

pytestmark = pytest.mark.slow

CASES = ROOT / "tests" / "fixtures" / "golden"
GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("FORMGEN_UPDATE_GOLDEN") == "1"
TODAY = dt.date(2026, 12, 1)  # the cover's 作成日 and whatever else prints the build's date
DPI = 40
EXTRA_PAGES = {"jicwels-8": (2,)}  # the first page is a cover sheet; page 2 holds the 第5条 table
COVERS = ("jitco-airfare-advance-nguyen",)  # the packet cover with a Vietnamese name
CHANGED_LEVEL = 64  # a pixel differs when its gray level moved more than this (of 255)
TOLERANCE = 0.001  # the share of a page's pixels that may differ (anti-aliasing noise, not a moved word)
VIETNAMESE_CASE = "jitco-airfare-advance-nguyen"
VIETNAMESE = ("NGUYỄN VĂN AN", "Số 0 Đường Ví Dụ, Quận Ba Đình, Hà Nội, Việt Nam")


@dataclass
class Page:
    """One page to compare: which PDF, which page of it, and the name of its golden image."""

    name: str
    pdf: Path
    number: int = 1


@dataclass
class Build:
    outbox: Path
    pages: dict[str, Page]
    seconds: float


def build_cases(outbox: Path, converter) -> float:
    """Every golden case, PDFs and packets, on the worker's warm converters; the seconds it took."""
    from generator import api

    started = time.perf_counter()
    results = api.build([CASES], api.BuildOptions(out_dir=outbox, formats="pdf", today=TODAY), converter).results
    failed = [f"{r.source.name}: {r.error.message.en if r.error else ''}" for r in results if not r.ok]
    assert not failed, failed
    return time.perf_counter() - started


def pages_to_compare(outbox: Path) -> dict[str, Page]:
    """The first page of every form (from the first case, by case id, that makes it), the extra pages,
    and the covers."""
    pages: dict[str, Page] = {}
    for manifest in sorted(outbox.glob("*/manifest.json")):
        for form in json.loads(manifest.read_text(encoding="utf-8"))["forms"]:
            pdf = next(manifest.parent / name for name in form["files"] if name.endswith(".pdf"))
            for number in (1, *EXTRA_PAGES.get(form["id"], ())):
                name = form["id"] if number == 1 else f"{form['id']}-p{number}"
                pages.setdefault(name, Page(name, pdf, number))
    for case_id in COVERS:
        pages[f"cover-{case_id}"] = Page(f"cover-{case_id}", outbox / case_id / "packet.pdf")
    return pages


def render(page: Page, destination: Path) -> Path:
    """The page as a grayscale PNG at DPI (pdftoppm: the same file every time on the same machine)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", "-f", str(page.number),
                    "-l", str(page.number), str(page.pdf), str(destination.with_suffix(""))],
                   check=True, capture_output=True, timeout=60)
    return destination


def changed_pixels(expected: Image.Image, actual: Image.Image) -> Image.Image:
    """A mask of the pixels whose gray level moved more than CHANGED_LEVEL."""
    return ImageChops.difference(expected, actual).point(lambda level: 255 if level > CHANGED_LEVEL else 0)


def diff_image(expected: Image.Image, mask: Image.Image) -> Image.Image:
    """The expected page, faded, with the changed pixels in red."""
    faded = expected.point(lambda level: 155 + level * 100 // 255).convert("RGB")
    faded.paste((220, 0, 0), mask=mask)
    return faded


@pytest.fixture(scope="session")
def golden_build(tmp_path_factory, worker_converter) -> Build:
    outbox = tmp_path_factory.mktemp("golden") / "outbox"
    seconds = build_cases(outbox, worker_converter)
    return Build(outbox, pages_to_compare(outbox), seconds)


@pytest.fixture(scope="session")
def failures(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("golden-failures")


def test_every_form_and_cover_has_a_golden_image(golden_build):
    forms = sorted(p.name for p in (ROOT / "forms").iterdir() if (p / "manifest.yaml").is_file())
    assert not set(forms) - set(golden_build.pages), "forms that no golden case fills: add a case to " \
        f"tests/fixtures/golden/: {sorted(set(forms) - set(golden_build.pages))}"
    images = {p.stem for p in GOLDEN.glob("*.png")}
    if UPDATE:
        for stale in images - set(golden_build.pages):
            (GOLDEN / f"{stale}.png").unlink()
        return
    missing, stale = set(golden_build.pages) - images, images - set(golden_build.pages)
    assert not missing and not stale, (f"no golden image for {sorted(missing)}, no page for {sorted(stale)}: "
                                       "run `make golden` and look at the images")


@pytest.mark.parametrize("name", [pytest.param(n, id=n) for n in sorted(
    {p.parent.name for p in (ROOT / "forms").glob("*/manifest.yaml")}
    | {f"{form}-p{n}" for form, numbers in EXTRA_PAGES.items() for n in numbers}
    | {f"cover-{case}" for case in COVERS})])
def test_page_looks_like_its_golden_image(golden_build, failures, name):
    page = golden_build.pages.get(name)
    assert page is not None, f"{name}: no golden case makes this page"
    golden = GOLDEN / f"{name}.png"
    if UPDATE:
        render(page, golden)
        return
    actual_path = render(page, failures / f"{name}.actual.png")
    assert golden.is_file(), f"{name}: no golden image {golden} (run `make golden`); this page: {actual_path}"
    expected, actual = Image.open(golden).convert("L"), Image.open(actual_path).convert("L")
    assert expected.size == actual.size, f"{name}: {actual.size} px, golden {expected.size} px: {actual_path}"
    mask = changed_pixels(expected, actual)
    changed = mask.width * mask.height - mask.histogram()[0]
    allowed = int(TOLERANCE * expected.width * expected.height)
    if changed > allowed:
        diff_path = failures / f"{name}.diff.png"
        diff_image(expected, mask).save(diff_path)
        pytest.fail(f"{name}: {changed} pixels differ from {golden.relative_to(ROOT)} (at most {allowed}).\n"
                    f"  this page: {actual_path}\n  changes in red: {diff_path}\n"
                    "If the change is meant, run `make golden` and commit the new image.")
    actual_path.unlink()


def test_the_pdfs_embed_only_the_ipaex_and_liberation_faces(golden_build):
    """Japanese in IPAex Mincho/Gothic, Latin in Liberation Serif/Sans, every font embedded: no fallback
    face (DejaVu for a sign the Latin face lacks), no base-14 font."""
    pdfs = sorted(golden_build.outbox.glob("*/*.pdf"))
    assert any(p.name == "packet.pdf" for p in pdfs)
    for pdf in pdfs:
        fonts = fonts_of(pdf)
        assert fonts and all(fonts.values()), (pdf.name, fonts)
        assert set(fonts) <= EMBEDDED_FACES, (pdf.relative_to(golden_build.outbox), set(fonts) - EMBEDDED_FACES)


def test_a_vietnamese_name_reads_back_from_the_pdfs_unchanged(golden_build):
    """Số, not Sô + a loose accent; Nguyễn, not Nguy□n — on the form and on the packet's cover."""
    folder = golden_build.outbox / VIETNAMESE_CASE
    form = next(folder.glob("jitco-1_*.pdf"))
    packet = PdfReader(folder / "packet.pdf")
    cover = packet.pages[0].extract_text()
    form_text = "\n".join(page.extract_text() for page in PdfReader(form).pages)
    assert VIETNAMESE[0] in cover, cover
    for value in VIETNAMESE:
        assert value in form_text, (value, form_text)
    assert unicodedata.is_normalized("NFC", form_text) and unicodedata.is_normalized("NFC", cover)
