"""Citations as people read them: the office's own sheets name the document and its lines, filed pages
name none (generator/sources.py); every seed the rule tables cite is in the table of sources."""

from __future__ import annotations

import re

import pytest

from generator.sources import BY_KEY, SEED_NAMES, cite, readable, without_citations


@pytest.mark.parametrize("source, shown", [
    ("002_e5f9a0dfd8ef1d48.txt:2377 (2065-2071)", "受入れの手引き 2377行（2065-2071行）"),
    ("003_ecca0ff951baa801.txt:131-141", "帰国旅費立替払制度 131-141行"),
    ("001_1fdeeed8bbae3b1d.txt:324 (328)", "3号延長の解説 324行（328行）"),
    ("002_e5f9a0dfd8ef1d48.txt:2373 (2025, 2031, 2125)", "受入れの手引き 2373行（2025、2031、2125行）"),
    ("育成就労 経過措置 (ISA/MHLW)", "育成就労 経過措置"),
])
def test_a_rules_source_reads_as_the_documents_title_and_lines(source, shown):
    assert cite(source) == shown
    assert not SEED_NAMES.search(cite(source))


def test_short_citations_in_notes_read_the_same_way_and_times_are_left_alone():
    assert readable("新規入国が必要（001:372）") == "新規入国が必要（3号延長の解説 372行）"
    assert readable("夜勤 16:30〜9:30") == "夜勤 16:30〜9:30"


@pytest.mark.parametrize("text, filed", [
    ("専用のデータベースシステムより提出（002_e5f9a0dfd8ef1d48.txt:2071）", "専用のデータベースシステムより提出"),
    ("候補者は1月20日までに（002_e5f9a0dfd8ef1d48.txt:2013）、EPA介護福祉士は更新の際に提出（2111-2113, 2366）",
     "候補者は1月20日までに、EPA介護福祉士は更新の際に提出"),
    ("実績資金繰り表（003:94）", "実績資金繰り表"),
    ("受入れ施設説明書（様式3-2）に記載した就業規則の写し", "受入れ施設説明書（様式3-2）に記載した就業規則の写し"),
])
def test_filed_text_drops_citations_with_their_brackets(text, filed):
    assert without_citations(text) == filed


def test_every_seed_the_tables_cite_has_a_title():
    from generator.checks import all_requirements
    from generator.deadlines.rules import RULES

    cited = {r.source for r in RULES} | {r.source for r in all_requirements()}
    seeds = {m.group(0) for source in cited for m in re.finditer(r"\d{3}_[0-9a-f]{16}\.txt", source)}
    assert seeds and seeds <= set(BY_KEY)
    legal = {source for source in cited if not re.search(r"\d{3}_[0-9a-f]{16}", source) and "docs/" not in source}
    assert legal <= set(BY_KEY), legal
