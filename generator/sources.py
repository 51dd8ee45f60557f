"""The source documents formgen cites, and how a citation is written for a person.

Code, manifests and rule tables cite a seed as `002_e5f9a0dfd8ef1d48.txt:2377` (or `002:2377`), and the
law after the seeds by its key (`育成就労 経過措置 (ISA/MHLW)`); docs/sources.md describes every source.
What formgen prints never shows those file names: the office's own sheets (the deadline checklist,
deadlines.md, the dashboard) write a citation as the document's short title and its lines
(「受入れの手引き 2377行」, `readable`), and filed pages print no citation at all (`without_citations`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    key: str  # how code cites it: the seed's file name, or the key of a legal source
    number: str | None  # the seed's number (002) for the short form `002:2377`
    short: str  # printed before the lines: 「受入れの手引き 2377行」
    title: str  # the document as a reader looks for it
    publisher: str
    edition: str


SEEDS = (
    Source("000_9473d0198d46728e.txt", "000", "フォローアップ好事例集",
           "帰国後技能実習生のフォローアップ・アフターケア等に関する取組好事例", "外国人技能実習機構（OTIT）",
           "日付の記載なし（事例は2019年まで）"),
    Source("001_1fdeeed8bbae3b1d.txt", "001", "3号延長の解説",
           "技能実習生3号の延長に要注意!年間合格率に変更が!?", "株式会社ビラスタート（OTIT の優良要件の表を引用）",
           "2020年10月現在"),
    Source("002_e5f9a0dfd8ef1d48.txt", "002", "受入れの手引き",
           "JICWELS 受入れの手引き（2022年度版）", "公益社団法人 国際厚生事業団（JICWELS）", "2022年度受入れ版"),
    Source("003_ecca0ff951baa801.txt", "003", "帰国旅費立替払制度",
           "JITCO 外国人研修生・技能実習生の帰国旅費立替払制度", "財団法人 国際研修協力機構（JITCO）",
           "日付の記載なし（2010年改正前の制度の用語）"),
    Source("004_53cd4697b4ebe2ed.txt", "004", "研修の在留資格の解説",
           "在留資格「研修」の解説（要件・申請書類）", "行政書士事務所のウェブページ", "日付の記載なし（2012年7月以前）"),
)
CUTOVER_MEASURES = Source(
    "育成就労 経過措置 (ISA/MHLW)", None, "育成就労 経過措置",
    "育成就労制度の施行に伴う技能実習の経過措置について", "出入国在留管理庁・厚生労働省",
    "令和6年法律第60号（施行日 2027年4月1日、2025年9月26日閣議決定）")
SOURCES = SEEDS + (CUTOVER_MEASURES,)
BY_KEY = {source.key: source for source in SOURCES}
BY_NUMBER = {source.number: source for source in SEEDS}

_LINES = r"\d+(?:\s*-\s*\d+)?(?:\s*,\s*\d+(?:\s*-\s*\d+)?)*"
LONG = re.compile(r"(?P<number>\d{3})_[0-9a-f]{16}\.txt(?::(?P<lines>" + _LINES + r"))?(?:\s*\((?P<more>[^)]*)\))?")
SHORT = re.compile(r"(?<![\w:])(?P<number>00\d):(?P<lines>" + _LINES + r")(?![\w:])")
LEGAL = re.compile(re.escape(CUTOVER_MEASURES.key))
SEED_NAMES = re.compile(r"\d{3}_[0-9a-f]{16}(?:\.txt)?|[0-9a-f]{16}")
"""A seed's file name or its hash, anywhere in a text (for the checks that nothing filed prints one)."""


def _lines(text: str) -> str:
    return re.sub(r"\s+", "", text).replace(",", "、") + "行"


def _readable(match: re.Match) -> str:
    source = BY_NUMBER.get(match.group("number"))
    if source is None:
        return match.group(0)
    text = source.short
    if match.group("lines"):
        text += f" {_lines(match.group('lines'))}"
    more = match.groupdict().get("more")
    if more and re.fullmatch(_LINES, more.strip()):
        text += f"（{_lines(more)}）"
    elif more:
        text += f"（{more}）"
    return text


def readable(text: str) -> str:
    """Every citation in `text` as a person reads it: 「受入れの手引き 2377行（2065-2071行）」."""
    text = LONG.sub(_readable, text)
    text = SHORT.sub(_readable, text)
    return LEGAL.sub(CUTOVER_MEASURES.short, text)


def cite(source: str) -> str:
    """A rule's `source` (`002_e5f9a0dfd8ef1d48.txt:2377 (2065-2071)`) for the office's sheets."""
    return readable(source)


_BARE_LINES = re.compile(r"[（(]\s*\d{3,5}(?:\s*-\s*\d+)?(?:\s*[,、]\s*\d{3,5}(?:\s*-\s*\d+)?)*\s*[）)]")
"""A bracket of bare line numbers that follows a citation: 「…提出（2111-2113, 2366）」."""
_EMPTY_BRACKETS = re.compile(r"[（(][\s、,;；・]*[）)]")


def without_citations(text: str) -> str:
    """`text` for a filed page: citations dropped, with the brackets that held nothing else."""
    stripped = LEGAL.sub("", SHORT.sub("", LONG.sub("", text)))
    if stripped != text:
        stripped = _BARE_LINES.sub("", stripped)
    stripped = _EMPTY_BRACKETS.sub("", stripped)
    return re.sub(r"[ 　]{2,}", " ", stripped).strip()
