"""`make bench`: formgen's DOCX → PDF → packet throughput against raw LibreOffice, from one run.

    .venv/bin/python benchmarks/run.py [--cases 200] [--converters N] [--write docs/benchmarks.md]

1. Generates N case files in a scratch folder: copies of the example cases in inbox/ that build today,
   cycled, with varied file names (case ids) and, for the return-home case, varied person names.
2. Builds them DOCX-only (render cost), then DOCX + PDF + packet with the warm converters, sampling the
   resident memory of formgen and of every converter process (server, soffice, soffice.bin) together.
3. Converts the same DOCX documents with one soffice in one call (the raw LibreOffice baseline).
4. Times one case with four documents (or the largest there is) on the warm converters, and cold
   through the `formgen build` command.
A benchmark, not a test: it prints numbers and the targets next to them; nothing fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import api  # noqa: E402
from generator.api import BuildOptions  # noqa: E402
from generator.libreoffice import ConverterPool, soffice_executable  # noqa: E402
from generator.settings import load_settings  # noqa: E402

NAMES = ("デウィ・アユ・レスタリ", "シティ・ヌルハリザ", "マリア・サントス", "グエン・ティ・ハー", "アユ・プトリ",
         "ジョセフ・レイエス", "リナ・ウィジャヤ", "トラン・ヴァン・ナム")
LOAD_BEFORE = os.getloadavg()
BASELINE_CALL = 200


# ── inputs ──────────────────────────────────────────────────────────────────────────────────────────

def buildable_examples(scratch: Path) -> list[tuple[Path, int]]:
    """The inbox's example cases that build today, with their number of documents."""
    results = api.build([ROOT / "inbox"], BuildOptions(out_dir=scratch / "probe", formats="docx")).results
    found = []
    for result in results:
        documents = sum(name.endswith(".docx") and not name.startswith("deadlines") for name in result.documents)
        if result.ok and documents:
            found.append((result.source, documents))
    return found


def generate_cases(examples: list[tuple[Path, int]], count: int, inbox: Path) -> None:
    shutil.copytree(ROOT / "inbox" / "parties", inbox / "parties")
    for n in range(count):
        source, _ = examples[n % len(examples)]
        text = re.sub(r"(?m)^case_id:.*\n", "", source.read_text(encoding="utf-8"))
        if "デウィ・アユ・レスタリ" in text:
            text = text.replace("デウィ・アユ・レスタリ", NAMES[n % len(NAMES)] + ("" if n < len(NAMES) else f"{n}"))
        relative = source.relative_to(ROOT / "inbox")
        target = inbox / relative.parent / f"{source.stem}-{n:04d}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        for attachment in re.findall(r"file:\s*(\S+\.pdf)", text):
            original = source.parent / attachment
            if original.is_file() and not (target.parent / attachment).exists():
                (target.parent / attachment).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(original, target.parent / attachment)


# ── measuring ───────────────────────────────────────────────────────────────────────────────────────

def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def process_tree(root: int) -> list[int]:
    """root and all its descendants (formgen, its converter servers, soffice, soffice.bin)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


class MemorySampler:
    """Peak resident memory of a process tree, all processes together, sampled every 50 ms."""

    def __init__(self, root: int):
        self.root, self.peak_kib, self.root_peak_kib, self._stop = root, 0, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kib = max(self.peak_kib, sum(rss_kib(pid) for pid in process_tree(self.root)))
            self.root_peak_kib = max(self.root_peak_kib, rss_kib(self.root))
            self._stop.wait(0.05)

    def __enter__(self) -> "MemorySampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def timed_build(inbox: Path, out: Path, formats: str, pool: ConverterPool | None = None):
    options = BuildOptions(out_dir=out, formats=formats)
    started = time.perf_counter()
    results = api.build([inbox], options, pool).results
    return time.perf_counter() - started, results


def baseline(docx_files: list[Path], scratch: Path) -> float:
    """One soffice, fresh profile, converting every file in one call (what a shell script would do);
    in calls of 200 files, as LibreOffice stops after the 247th file named on one command line."""
    out, flat = scratch / "baseline", scratch / "baseline-docx"
    out.mkdir()
    flat.mkdir()
    copies = []
    for number, docx in enumerate(docx_files):  # the same names recur across cases: one folder, unique names
        copies.append(flat / f"{number:04d}-{docx.name}")
        shutil.copy(docx, copies[-1])
    profile = scratch / "baseline-profile"
    started = time.perf_counter()
    for first in range(0, len(copies), BASELINE_CALL):  # soffice converts at most 247 files of one command line
        subprocess.run([soffice_executable(), "--headless", f"-env:UserInstallation={profile.as_uri()}",
                        "--convert-to", "pdf", "--outdir", str(out), *map(str, copies[first:first + BASELINE_CALL])],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    took = time.perf_counter() - started
    made = len(list(out.glob("*.pdf")))
    if made != len(docx_files):
        print(f"warning: the baseline made {made} PDFs of {len(docx_files)}", file=sys.stderr)
    return took


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    office = subprocess.run([soffice_executable(), "--version"], capture_output=True, text=True).stdout.strip()
    return (f"{os.cpu_count()} × {cpu}, {memory / 1024 / 1024:.1f} GiB RAM, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}, {office}")


# ── the run ─────────────────────────────────────────────────────────────────────────────────────────

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--converters", type=int, default=None, help="local converters (default: one per core)")
    parser.add_argument("--write", type=Path, default=None, help="also write the results as Markdown here")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="formgen-bench-"))
    try:
        examples = buildable_examples(scratch)
        if not examples:
            print("no example case in inbox/ builds today", file=sys.stderr)
            return 1
        inbox = scratch / "inbox"
        generate_cases(examples, args.cases, inbox)

        docx_seconds, _ = timed_build(inbox, scratch / "docx", "docx")
        settings = api.converter_settings(load_settings({"converter_count": args.converters}))
        # the batch as a user runs it: the `formgen build` command, memory of its whole process tree
        command = [str(Path(sys.executable).with_name("formgen")), "build", str(inbox), "--out", str(scratch / "both"),
                   "--format", "both"] + (["--converters", ",".join(map(str, settings.endpoints))]
                                          if settings.endpoints else [])
        started = time.perf_counter()
        batch = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                 env={**os.environ, "FORMGEN_CONVERTER_COUNT": str(settings.count)})
        with MemorySampler(batch.pid) as memory:
            summary = batch.communicate()[0]
        both_seconds = time.perf_counter() - started
        results = api.find_cases([inbox]).sources
        outputs = [p for p in (scratch / "both").glob("*/*.pdf") if p.name != "packet.pdf"]
        conversions, retries = len(outputs), 0
        built_count = len(list((scratch / "both").glob("*/packet.pdf")))

        largest, documents = max(examples, key=lambda e: (e[1] == 4, e[1]))
        single = scratch / "single"
        single.mkdir()
        shutil.copytree(ROOT / "inbox" / "parties", single / "parties")
        shutil.copy(largest, single / largest.name)
        pool = ConverterPool(settings).start(wait=True)
        try:
            warm_seconds, single_results = timed_build(single, scratch / "single-out", "both", pool)
        finally:
            pool.close()
        failed = len(results) - built_count
        forms_docx = sorted(p for p in (scratch / "docx").glob("*/*.docx") if not p.name.startswith("deadlines"))
        baseline_seconds = baseline(forms_docx, scratch)

        started = time.perf_counter()
        subprocess.run([str(Path(sys.executable).with_name("formgen")), "build", str(single),
                        "--out", str(scratch / "single-cold")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cold_seconds = time.perf_counter() - started

        baseline_per_doc = baseline_seconds / len(forms_docx)
        pdf_per_conversion = (both_seconds - docx_seconds) / max(conversions, 1)
        rows = [
            ("cases built / failed", f"{built_count} / {failed}", summary.strip().splitlines()[-1] if summary else ""),
            ("form documents (DOCX + PDF each)", f"{len(forms_docx)}", ""),
            ("LibreOffice conversions by formgen (forms + deadline checklists)", f"{conversions}", ""),
            ("raw LibreOffice baseline: one soffice, one call, per document",
             f"{baseline_per_doc:.3f} s", f"{baseline_seconds:.1f} s for {len(forms_docx)}"),
            ("formgen DOCX only, whole batch", f"{docx_seconds:.1f} s", ""),
            ("`formgen build` DOCX + PDF + packet, whole batch", f"{both_seconds:.1f} s",
             "target ≤ 90 s for 200 cases"),
            ("formgen per case (batch)", f"{both_seconds / len(results):.3f} s", ""),
            ("formgen per form document (batch wall time / documents)",
             f"{both_seconds / len(forms_docx):.3f} s", ""),
            ("formgen PDF cost per conversion ((both − docx) / conversions)", f"{pdf_per_conversion:.3f} s",
             f"{pdf_per_conversion / baseline_per_doc:.2f} × baseline (target ≤ 0.8)"),
            (f"one {documents}-document case ({largest.stem}), warm converters", f"{warm_seconds:.2f} s",
             "target ≤ 1.5 s (4 documents)" if single_results[0].ok else "FAILED"),
            (f"same case through `formgen build` (starts its converters)", f"{cold_seconds:.2f} s", ""),
            ("peak RSS of the batch: formgen + all LibreOffice processes", f"{memory.peak_kib / 1024:.0f} MiB",
             f"target < 1 GB (formgen's own process: {memory.root_peak_kib / 1024:.0f} MiB)"),
        ]
        report = render(rows, settings.count if not settings.endpoints else len(settings.endpoints),
                        len(results), examples)
        print(report)
        if args.write:
            args.write.parent.mkdir(parents=True, exist_ok=True)
            args.write.write_text(report, encoding="utf-8")
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def render(rows, converters: int, cases: int, examples) -> str:
    width = max(len(r[0]) for r in rows)
    lines = [f"formgen benchmark, {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
             f"machine: {machine()}",
             "load average before / after (1, 5, 15 min; other work on the machine slows every number): "
             f"{LOAD_BEFORE[0]:.2f} {LOAD_BEFORE[1]:.2f} {LOAD_BEFORE[2]:.2f} / "
             + " ".join(f"{x:.2f}" for x in os.getloadavg()),
             f"converters: {converters}; cases: {cases}, cycling {len(examples)} example cases: "
             + ", ".join(f"{p.stem} ({n})" for p, n in examples), ""]
    lines += [f"{label.ljust(width)}  {value:>10}  {note}" for label, value, note in rows]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
