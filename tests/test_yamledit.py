"""Editing case files as a person would: only what changed, comments kept, no lost update."""

from __future__ import annotations

import datetime as dt
import re
import stat

import pytest

from generator import yamledit
from generator.load import parse_yaml

CASE = """\
# 帰国の報告（架空の例）
kind: epa_return_home            # 帰国確認報告書
institution: {ref: sakura-kai}   # parties の受入れ機関
person:
  name: デウィ・アユ・レスタリ     # 氏名（届出どおり）
  birth_date: 1998-07-14
return_date: 2026-11-10
"""


@pytest.fixture
def case(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(CASE, encoding="utf-8")
    path.chmod(0o640)
    return path


def test_marking_a_deadline_filed_keeps_every_comment_and_line(case):
    yamledit.set_value(case, yamledit.version_of(case), ("filed", "epa-return-report"), dt.date(2026, 11, 20))
    text = case.read_text(encoding="utf-8")
    assert text.startswith(CASE)
    assert text[len(CASE):] == "filed:\n  epa-return-report: 2026-11-20\n"
    assert stat.S_IMODE(case.stat().st_mode) == 0o640


def test_saving_a_form_rewrites_only_the_values_that_changed(case):
    before, _, _ = parse_yaml(case.read_text(encoding="utf-8"), case)
    after = {**before, "person": {**before["person"], "name": "デウィ・アユ"}, "reason_detail": "家族の事情で\n帰国"}
    _, changes = yamledit.save_changes(case, yamledit.version_of(case), before, after)
    assert [c.path for c in changes] == [("person", "name"), ("reason_detail",)]
    text = case.read_text(encoding="utf-8")
    assert re.search(r"\n  name: デウィ・アユ +# 氏名（届出どおり）\n", text)  # the comment keeps its column
    assert "institution: {ref: sakura-kai}   # parties の受入れ機関" in text
    assert "reason_detail: |-\n  家族の事情で\n  帰国\n" in text


def test_a_save_from_a_stale_version_is_refused_and_writes_nothing(case):
    version = yamledit.version_of(case)
    yamledit.set_value(case, version, ("return_date",), "2026-11-11")
    changed = case.read_text(encoding="utf-8")
    with pytest.raises(yamledit.EditConflict, match="変更しました"):
        yamledit.set_value(case, version, ("return_date",), "2026-11-12")
    assert case.read_text(encoding="utf-8") == changed


def test_a_new_file_is_owner_only_and_is_never_written_over(tmp_path):
    path = tmp_path / "new.yaml"
    yamledit.save_new(path, {"kind": "epa_return_home", "person": {"name": "A"}}, ["yaml-language-server: x"])
    assert path.read_text(encoding="utf-8") == "# yaml-language-server: x\nkind: epa_return_home\nperson:\n  name: A\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(yamledit.EditConflict):
        yamledit.save_new(path, {"kind": "other"})
    assert not list(tmp_path.glob(".*.tmp"))
