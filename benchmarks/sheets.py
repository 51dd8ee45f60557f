"""Spreadsheet import and export speed: `.venv/bin/python benchmarks/sheets.py [--rows 1000]`.

1. A 1,000-row roster: the example return-home case with 1,000 different people (each on the 人 sheet),
   exported to a workbook, then imported into an empty inbox (read → check every row through the front
   door → write 1,000 case files and the parties files).
2. An export of 1,000 cases cycling every example kind in inbox/ (the workbook `formgen export` writes,
   with the 期限 sheet), given the checked cases; and, for reference, the front door's check of 1,000
   case files, which `formgen export PATH` runs first.
A benchmark, not a test: it prints the numbers and the targets next to them; nothing fails.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import api  # noqa: E402
from generator.sheets.exporter import export_cases  # noqa: E402
from generator.sheets.importer import run_import  # noqa: E402

TODAY = dt.date(2026, 11, 20)
GIVEN = ("AYU", "BUDI", "SITI", "RINA", "DEWI", "PUTRI", "MARIA", "JOSEPH", "NAM", "HOA")
FAMILY = ("LESTARI", "SANTOSO", "WIJAYA", "REYES", "SANTOS", "NGUYEN", "TRAN", "PRATIWI", "RAMOS", "HALIM")


def renamed(checked: api.CheckedCase, n: int) -> api.CheckedCase:
    """The case with its own case id and, where it has one person, a person of its own."""
    case, loaded = checked.case, checked.loaded
    assert case is not None and loaded is not None, "the examples are valid cases"
    person = getattr(case, "person", None)
    if person is not None and hasattr(person, "name_alphabet"):
        alphabet = f"{GIVEN[n % 10]} {FAMILY[n // 10 % 10]} {n:04d}"
        case = case.model_copy(update={"person": person.model_copy(update={"name_alphabet": alphabet,
                                                                           "name": f"{person.name}{n}"})})
    loaded = dataclasses.replace(loaded, case_id=f"{checked.case_id}-{n:04d}")
    return dataclasses.replace(checked, loaded=loaded, case=case)


def timed(label: str, target: float | None, run):
    started = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - started
    shown = f"≤ {target:.0f} s" if target else ""
    print(f"| {label} | {seconds:.2f} s | {shown} |", flush=True)
    return result, seconds


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000)
    rows = parser.parse_args().rows
    examples = api.check_paths([ROOT / "inbox"])
    dewi = next(c for c in examples.cases if c.kind == "epa_return_home")
    with tempfile.TemporaryDirectory(prefix="formgen-sheets-bench-") as scratch_name:
        scratch = Path(scratch_name)
        print("| measure | result | target |\n|---|---|---|")
        roster = api.CaseSet([renamed(dewi, n) for n in range(rows)], [])
        timed(f"export of a {rows}-row roster (帰国, {rows} people)", None,
              lambda: export_cases(roster, scratch / "roster.xlsx", TODAY))
        report, _ = timed(f"import of the {rows}-row roster into an empty inbox", 10,
                          lambda: run_import(scratch / "roster.xlsx", scratch / "inbox"))
        written = len(list((scratch / "inbox").glob("*.yaml")))
        print(f"| rows valid / invalid / case files written | {len(report.valid)} / {len(report.invalid)} / {written} | |")
        mixed = api.CaseSet([renamed(examples.cases[n % len(examples.cases)], n) for n in range(rows)], [])
        exported, _ = timed(f"export of {rows} cases cycling {len(examples.cases)} example cases (given the checked "
                            "cases)", 10, lambda: export_cases(mixed, scratch / "cases.xlsx", TODAY))
        print(f"| deadlines on the 期限 sheet | {exported.deadlines} | |")
        files = scratch / "files"
        shutil.copytree(ROOT / "inbox" / "parties", files / "parties")
        sources = sorted((ROOT / "inbox").glob("*.yaml"))
        for n in range(rows):
            source = sources[n % len(sources)]
            (files / f"{source.stem}-{n:04d}.yaml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        timed(f"for reference: the front door's check of {rows} case files (api.check_paths)", None,
              lambda: api.check_paths([files]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
