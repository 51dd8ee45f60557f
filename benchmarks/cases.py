"""Case files for the benchmark (and the tests of big documents): the example cases cycled, and job
offers with many facilities. Everything invented, like the examples they are made of."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator import api
from generator.api import BuildOptions

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("デウィ・アユ・レスタリ", "シティ・ヌルハリザ", "マリア・サントス", "グエン・ティ・ハー", "アユ・プトリ",
         "ジョセフ・レイエス", "リナ・ウィジャヤ", "トラン・ヴァン・ナム")
BIG_OFFER = "epa-job-offer-sakura.yaml"


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


def _shared_blocks(item: str, source: int, first: bool) -> str:
    """A facility of the example with its nested blocks (hours, wages, …) anchored in its first copy and
    aliased in the others, as an office would write 500 facilities that share their rules: the case file
    stays under the loader's 1 MB limit, and the documents are as long as with every block written out."""
    lines, out = item.splitlines(keepends=True), list[str | None]()
    for number, line in enumerate(lines):
        match = re.match(r"^    (\w+):( \|)?\s*(#.*)?$", line)
        nested = match and number + 1 < len(lines) and lines[number + 1].startswith("      ")
        if not match or not nested:
            if not (out and out[-1] is None and line.startswith("      ")):
                out.append(line)
            continue
        anchor = f"f{source}-{match.group(1)}"
        out.append(f"    {match.group(1)}: &{anchor}{match.group(2) or ''}\n" if first else f"    {match.group(1)}: *{anchor}\n")
        if not first:
            out.append(None)  # the block's own lines are dropped until the next key
    return "".join(line for line in out if line is not None)


def big_job_offer(facilities: int, folder: Path) -> Path:
    """A job offer with `facilities` facilities: the example's facilities cycled, each its own parties file."""
    text = (ROOT / "inbox" / BIG_OFFER).read_text(encoding="utf-8")
    head, rest = text.split("facilities:\n", 1)
    head = re.sub(r"(?m)^fees:\n(?:[ #].*\n)*", "", head)  # the example's fee is that of its own facilities
    items = [i for i in re.split(r"(?m)^(?=  - ref:)", rest) if i.startswith("  - ref:")]
    parties = folder / "parties"
    shutil.copytree(ROOT / "inbox" / "parties", parties, dirs_exist_ok=True)
    body = []
    for number in range(facilities):
        item = items[number % len(items)]
        found = re.match(r"  - ref: (\S+)", item)
        assert found, item
        ref = found.group(1)
        source = (parties / f"{ref}.yaml").read_text(encoding="utf-8")
        renamed = re.sub(r"(?m)^name: (.*)$", lambda m: f"name: {m.group(1)}{number + 1}号館", source, count=1)  # noqa: B023 (called at once)
        (parties / f"{ref}-{number:04d}.yaml").write_text(renamed, encoding="utf-8")
        item = _shared_blocks(item, number % len(items), number < len(items))
        body.append(item.replace(f"  - ref: {ref}", f"  - ref: {ref}-{number:04d}", 1))
    case = folder / f"job-offer-{facilities}.yaml"
    case.write_text(head + "facilities:\n" + "".join(body), encoding="utf-8")
    return case
