"""Writes docs/examples/roster-example.xlsx: a small filled roster as `formgen export` writes it.

    .venv/bin/python tools/make_roster_example.py

Three invented people of the example care home (two returns home, one change of status), with the
example parties of inbox/parties. Everyone and every number in it is made up.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import api  # noqa: E402
from generator.sheets.exporter import export_cases  # noqa: E402

TARGET = ROOT / "docs" / "examples" / "roster-example.xlsx"
TODAY = dt.date(2026, 11, 20)
CASES = {
    "return-home-siti.yaml": """\
kind: epa_return_home
institution: {ref: sakura-kai}
facility: {ref: sakura-en}
person: {name: シティ・ラハユ, name_alphabet: SITI RAHAYU, nationality: インドネシア, sex: 女, birth_date: 1999-02-11,
         residence_card_number: AB90001111CD, entry_date: 2023-11-19, work_start_date: 2024-05-13}
return_date: 2026-12-20
reason: 在留期間満了
contract_end_date: 2026-12-19
departure: {date: 2026-12-20, airport: 成田国際空港, flight: GA 881, staff_title: 介護主任, staff_name: 田中 美咲}
destination_phone: +62 22 0000 5678
report_date: 2026-12-24
""",
    "return-home-budi.yaml": """\
kind: epa_return_home
institution: {ref: sakura-kai}
facility: {ref: sakura-en}
person: {name: ブディ・ハルタノ, name_alphabet: BUDI HARTANO, nationality: インドネシア, sex: 男, birth_date: 1998-10-30,
         residence_card_number: AB90002222CD, entry_date: 2022-11-20, work_start_date: 2023-05-08}
return_date: 2026-11-28
reason: 本人の希望
reason_detail: 家族の介護のため
contract_end_date: 2026-11-27
departure: {date: 2026-11-28, airport: 羽田空港, staff_title: 施設長, staff_name: 山本 和子}
report_date: 2026-12-01
""",
    "status-change-grace.yaml": """\
kind: epa_status_change
institution: {ref: sakura-kai}
facility: {ref: sakura-en}
person: {name: グレース・メンドーサ, name_alphabet: GRACE MENDOZA, nationality: フィリピン, sex: 女, birth_date: 1996-06-01,
         residence_card_number: CD90003333EF, entry_date: 2023-11-19, work_start_date: 2024-05-13}
permission_date: 2026-11-12
reason: 1
status_after: 日本人の配偶者等
report_date: 2026-11-18
""",
}


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        inbox = Path(scratch) / "inbox"
        shutil.copytree(ROOT / "inbox" / "parties", inbox / "parties")
        for name, text in CASES.items():
            (inbox / name).write_text(text, encoding="utf-8")
        cases = api.check_paths([inbox])
        problems = [p.render() for c in cases.cases for p in c.errors]
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 1
        export_cases(cases, TARGET, TODAY, mode=0o644)
    print(TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
