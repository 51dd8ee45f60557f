"""YAML text → plain data, read as it was typed (YAML 1.2 syntax, via ruamel.yaml).

Every scalar stays the text the user typed (`0220001111` keeps its leading zero, `1:30` is not
sexagesimal, `yes` is not a boolean): the schema decides what type a field has. Only an empty value
and `~`/`null` are "no value". Every key and value keeps its file:line:column; duplicate keys, merge
keys, tags and non-text keys are problems reported all at once; a value that a flow mapping split at a
comma is pointed out with the quoting that keeps it whole. Syntax errors are explained in the user's
language with the usual causes (a full-width colon, a missing space after a colon, a tab).

The node tree comes from libyaml (PyYAML's C parser, fifteen times faster) when the text holds nothing that
YAML 1.1 reads differently from 1.2 (a tab, a directive, a NEL or Unicode line separator): those, and every
text libyaml refuses or nests too deeply, are read by ruamel.yaml, whose errors and marks the messages are
written for. Both give the same values, positions and problems (tests/test_reading.py compares them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.composer import MaxDepthExceededError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from yaml.composer import Composer
from yaml.resolver import BaseResolver

from generator.exceptions import InvalidInput
from generator.messages import Msg
from generator.problems import Location, Position, Problem

MAX_NODES = 200_000  # values after alias expansion; a "billion laughs" file stops here
MAX_DEPTH = 40  # nesting levels; real case files use fewer than ten
NULL_WORDS = {"", "~", "null", "Null", "NULL"}
_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = {_CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
MERGE_TAG = _CORE + "merge"
YamlNode = Any
"""A node of ruamel.yaml or of PyYAML: both have id ("scalar", "sequence", "mapping"), tag, value, style,
flow_style and start/end marks with line, column and character index."""


class Budget:
    """How many more values may be built: one budget for a whole case, parties files included."""

    def __init__(self, values: int = MAX_NODES):
        self.remaining = values

    def spend(self, position: Location | None) -> None:
        self.remaining -= 1
        if self.remaining < 0:
            raise too_many_values(position)


def too_many_values(position: Location | None) -> InvalidInput:
    return InvalidInput(
        Msg("値が多すぎます", "too many values"),
        [Problem(Msg(f"値が多すぎます（エイリアスや参照の展開が上限 {MAX_NODES:,} を超えました）。",
                     f"too many values (alias or reference expansion exceeded the limit of {MAX_NODES:,})."),
                 position,
                 hint=Msg("アンカー（&）とエイリアス（*）の入れ子や、parties ファイル同士の参照の重なりを見直してください。",
                          "do not nest anchors (&) and aliases (*), and check how parties files refer to each other."))],
    )


def too_deep(position: Location | None) -> InvalidInput:
    return InvalidInput(
        Msg("入れ子が深すぎます", "nested too deeply"),
        [Problem(Msg(f"入れ子が深すぎます（{MAX_DEPTH} 段まで）。", f"nested too deeply (at most {MAX_DEPTH} levels)."),
                 position, hint=Msg("ケースファイルの構造を見直してください。", "check the structure of the case file."))],
    )


class _Builder:
    """Turns a composed node tree into plain values, recording positions and problems."""

    def __init__(self, file: Path, text: str, prefix: tuple, budget: Budget):
        self.file = file
        self.text = text
        self.prefix = prefix
        self.budget = budget
        self.positions: dict[tuple, Position] = {}
        self.problems: list[Problem] = []

    def position(self, node: YamlNode) -> Position:
        return Position(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def problem(self, node: YamlNode, path: tuple, message: Msg, hint: Msg | None = None) -> None:
        self.problems.append(Problem(message, self.position(node), path=path, hint=hint))

    def build(self, node: YamlNode, path: tuple) -> Any:
        if len(path) > MAX_DEPTH:
            raise too_deep(self.position(node))
        self.budget.spend(self.position(node))
        self.positions.setdefault(self.prefix + path, self.position(node))
        if node.id == "mapping":  # ruamel's or PyYAML's node classes, which share their attributes
            return self._mapping(node, path)
        if node.id == "sequence":
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        assert node.id == "scalar", "a node is a mapping, a sequence or a scalar"
        return self._scalar(node, path)

    def _scalar(self, node: YamlNode, path: tuple) -> str | None:
        if node.tag not in ALLOWED_TAGS and node.tag != MERGE_TAG:
            self.problem(node, path, Msg(f"タグ「{node.tag}」は使えません。", f"the tag '{node.tag}' is not supported."),
                         Msg("「!」で始まる指定を消して、値だけを書いてください。", "delete the '!…' and write the value only."))
            return None
        if not node.style and node.value in NULL_WORDS:  # plain: None from ruamel, "" from libyaml
            return None
        return node.value

    def _mapping(self, node: YamlNode, path: tuple) -> dict:
        result: dict = {}
        previous_value: YamlNode | None = None
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                self.problem(key_node, path, Msg("マージキー（<<）は使えません。", "merge keys (<<) are not supported."),
                             Msg("値をそのまま書くか、parties の参照（ref:）を使ってください。",
                                 "write the values out, or reference a parties file (ref:)."))
                continue
            key = self._scalar(key_node, path) if key_node.id == "scalar" else None
            if not isinstance(key, str):
                self.problem(key_node, path, Msg("キーは文字列で書いてください。", "keys must be text."))
                continue
            if node.flow_style and _has_no_colon(key_node, value_node) and _plain(previous_value):
                self._split_at_comma(node, previous_value, key_node, path + (key,))
            if key in result:
                first = self.positions[self.prefix + path + (key,)]
                self.problem(key_node, path + (key,),
                             Msg(f"キー「{key}」が重複しています（{first.line} 行目と {key_node.start_mark.line + 1} 行目）。",
                                 f"duplicate key '{key}' (lines {first.line} and {key_node.start_mark.line + 1})."),
                             Msg("どちらか一方を削除してください。", "delete one of them."))
                continue
            self.positions[self.prefix + path + (key,)] = self.position(key_node)
            result[key] = self.build(value_node, path + (key,))
            previous_value = value_node
        return result

    def _split_at_comma(self, mapping: YamlNode, value: YamlNode, key: YamlNode, path: tuple) -> None:
        typed = self.text[value.start_mark.index:key.end_mark.index]
        value_key = next((k.value for k, v in mapping.value if v is value), "")
        quoted = '"' + typed.replace("\\", "\\\\").replace('"', '\\"') + '"'
        self.problem(key, path,
                     Msg(f"「{{ }}」の中ではカンマ（,）が区切りになるため、「{typed}」が「{value.value}」と「{key.value}」に分かれました。",
                         f"inside {{ }} a comma separates entries, so '{typed}' was split into '{value.value}' and "
                         f"'{key.value}'."),
                     Msg(f"値を引用符で囲んでください: {value_key}: {quoted}",
                         f"put the value in quotes: {value_key}: {quoted}"))


def _has_no_colon(key: YamlNode, value: YamlNode) -> bool:
    """A flow-mapping entry written without ':' (YAML reads it as a key with no value)."""
    return (value.id == "scalar" and value.value == "" and not value.style
            and value.start_mark.index == key.end_mark.index)


def _plain(node: YamlNode | None) -> TypeGuard[YamlNode]:
    return node is not None and node.id == "scalar" and not node.style and node.value != ""


@dataclass(frozen=True)
class _Cause:
    """A syntax error the parser reports, explained: which words of its message, what to tell the user."""

    finds: tuple[str, ...]
    message: Msg
    hint: Msg
    at_context: bool = False  # the start of what was being read (e.g. the opening quote) is the line to fix


_INDENT_HINT = Msg("同じ階層の項目は同じ数の半角スペースで字下げしてください。",
                   "indent items of the same level with the same number of spaces.")
_CAUSES = (
    _Cause(("'\\t'", "tab character"), Msg("タブ文字が使われています。", "a tab character is used."),
           Msg("インデントにはタブではなく半角スペースを使ってください。", "indent with spaces, not tabs.")),
    _Cause(("while scanning a quoted scalar",), Msg("引用符（\" または '）が閉じていません。", "a quote (\" or ') is not closed."),
           Msg("値の終わりにも同じ引用符を書いてください。", "close the value with the same quote."), at_context=True),
    _Cause(("expected ',' or '}'", "expected ',' or ']'", "while parsing a flow"),
           Msg("括弧（{ } または [ ]）が閉じていません。", "a bracket ({ } or [ ]) is not closed."),
           Msg("開いた括弧を同じ行で閉じるか、値を引用符で囲んでください。",
               "close the bracket on the same line, or put the value in quotes."), at_context=True),
    _Cause(("mapping values are not allowed",), Msg("この位置に「: 」は書けません。", "': ' is not allowed here."),
           Msg("値に「: 」を含めるときは値を引用符で囲んでください（例: memo: \"注意: 〜\"）。",
               "put a value containing ': ' in quotes (e.g. memo: \"note: ...\").")),
    _Cause(("could not find expected ':'",), Msg("「キー: 値」の「:」が見つかりません。", "the ':' of 'key: value' is missing."),
           Msg("キーの後に半角の「:」と半角スペースを書いてください（例: sex: 女）。",
               "write ':' and a space after the key (e.g. sex: F)."), at_context=True),
    _Cause(("expected <block end>", "did not find expected key", "expected <block mapping start>",
            "while parsing a block"), Msg("インデント（字下げ）がそろっていません。", "the indentation is inconsistent."),
           _INDENT_HINT),
    _Cause(("that cannot start any token",), Msg("この文字で値を始めることはできません。", "a value cannot start with this character."),
           Msg("値を引用符で囲んでください（例: memo: \"@ 〜\"）。", "put the value in quotes (e.g. memo: \"@ ...\").")),
    _Cause(("found undefined alias",), Msg("エイリアス（*）の参照先のアンカー（&）がありません。", "an alias (*) has no anchor (&)."),
           Msg("「*」で始まる値は引用符で囲むか、先にアンカー「&名前」を書いてください。",
               "quote a value starting with '*', or define the anchor '&name' first.")),
    _Cause(("expected a single document", "but found another document"),
           Msg("1 つのファイルに複数の文書（---）があります。", "the file holds more than one document (---)."),
           Msg("1 ファイルに 1 件だけ書いてください。", "write one case per file.")),
    _Cause(("unknown escape character",), Msg("二重引用符の中の「\\」が読めません。", "a '\\' inside double quotes cannot be read."),
           Msg("単一引用符（'）で囲むか、「\\」を「\\\\」と書いてください。", "use single quotes (') or write '\\\\'.")),
    _Cause(("special characters are not allowed", "unacceptable character"),
           Msg("使えない文字（制御文字）が含まれています。", "the file contains a control character."),
           Msg("見えない文字が混じっています。その行を打ち直してください。", "an invisible character slipped in: type the line again.")),
)
_FULL_WIDTH_COLON = re.compile(r"^(\s*(?:-\s+)?[^\s:：#\"'][^:：#\"']*?)：")
_NO_SPACE_AFTER_COLON = re.compile(r"^(\s*(?:-\s+)?[A-Za-z_][\w\-]*):(?=[^\s:/])")


def _line_cause(lines: list[str], first: int, last: int) -> tuple[int, int, Msg, Msg] | None:
    """A full-width colon or a colon without a space on the lines the parser complained about."""
    for number in range(max(first, 0), min(last, len(lines) - 1) + 1):
        line = lines[number]
        if match := _FULL_WIDTH_COLON.match(line):
            return (number, len(match.group(1)),
                    Msg("全角の「：」が使われています。", "a full-width colon '：' is used."),
                    Msg("半角の「:」に直し、後ろに半角スペースを入れてください（例: sex: 女）。",
                        "use the ASCII ':' followed by a space (e.g. sex: F)."))
        if match := _NO_SPACE_AFTER_COLON.match(line):
            return (number, len(match.group(1)),
                    Msg("「:」の後に半角スペースがありません。", "there is no space after ':'."),
                    Msg("「sex: 女」のように、コロンの後に半角スペースを入れてください。",
                        "write a space after the colon, as in 'sex: F'."))
    return None


def syntax_problem(error: YAMLError, text: str, file: Path) -> Problem:
    """A parser error as a located problem in the user's language."""
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    said = " ".join(str(part) for part in (getattr(error, "context", ""), getattr(error, "problem", "")) if part)
    said = said or str(error)
    mark = problem_mark or context_mark
    line, column = (mark.line, mark.column) if mark else (0, 0)
    lines = text.split("\n")
    first = min(context_mark.line, line) if context_mark else line
    found = _line_cause(lines, first, line) if "'\\t'" not in said else None
    if found:
        line, column, message, hint = found
    else:
        cause = next((c for c in _CAUSES if any(word in said for word in c.finds)), None)
        if cause is None:
            message = Msg(f"（{said}）", f"({said})")
            hint = Msg("インデントとコロン（:）の後の空白を確認してください。",
                       "check the indentation and the space after each colon (:).")
        else:
            message, hint = cause.message, cause.hint
            if cause.at_context and context_mark is not None:
                line, column = context_mark.line, context_mark.column
    return Problem(Msg("YAML として読めません: " + message.ja, "not valid YAML: " + message.en),
                   Position(file, line + 1, column + 1), hint=hint)


class _Unsure(Exception):
    """The fast reading cannot vouch for this text: ruamel.yaml reads it."""


class _MergeKeysOnly(BaseResolver):
    """Every untagged scalar is text, as _Builder reads it; `<<` is marked as the merge key it would be."""


_MergeKeysOnly.add_implicit_resolver(MERGE_TAG, re.compile(r"^<<$"), ["<"])
_READ_DIFFERENTLY = re.compile("[\t\x85\u2028\u2029]|^%", re.MULTILINE)
"""What YAML 1.1 (libyaml) and 1.2 read differently, or what ruamel's messages explain (a tab)."""


if pyyaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _LibyamlComposer(Composer, CParser, _MergeKeysOnly):
        """libyaml's events, composed by PyYAML's Python composer (which can stop at a depth: its C one cannot,
        and 100,000 open brackets overflow its stack)."""

        def __init__(self, text: str):
            CParser.__init__(self, text)
            Composer.__init__(self)
            _MergeKeysOnly.__init__(self)
            self.depth = 0

        def compose_node(self, parent, index):
            self.depth += 1
            if self.depth > MAX_DEPTH + 1:  # as ruamel's max_depth below: the top node is depth 1
                raise _Unsure("nested deeper than a case file")
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1


def _compose_fast(text: str):
    if not pyyaml.__with_libyaml__ or _READ_DIFFERENTLY.search(text):
        raise _Unsure("read by ruamel.yaml")
    try:
        return _LibyamlComposer(text).get_single_node()
    except Exception as error:  # noqa: BLE001 - any doubt (an error, a surrogate, a depth): ruamel reads it
        raise _Unsure(str(error)) from None


def _compose(text: str, file: Path):
    try:
        return _compose_fast(text)
    except _Unsure:
        pass
    try:
        # Only the node tree is read here (generator/yamledit.py round-trips comments when editing); the
        # safe composer builds the same nodes with the same marks as the round-trip one, without
        # collecting comments, which is 40 % of the round-trip parser's time.
        reader = YAML(typ="safe", pure=True)
        # stop at the first node too deep, while composing: the scanner's work grows with the square of the
        # open brackets, and 6 KB of "[[[[…" took it seconds before the tree could be looked at
        reader.max_depth = MAX_DEPTH + 1  # the top node is depth 1 here, path length 0 in _Builder
        return reader.compose(text)
    except MaxDepthExceededError as error:
        mark = error.problem_mark
        raise too_deep(Position(file, mark.line + 1, mark.column + 1) if mark else Position(file, 1, 1)) from None
    except (MarkedYAMLError, YAMLError) as error:
        raise InvalidInput(Msg("YAML の書式エラー", "YAML syntax error"), [syntax_problem(error, text, file)]) from None


def parse_yaml(text: str, file: Path, prefix: tuple = (), budget: Budget | None = None
               ) -> tuple[Any, dict[tuple, Position], list[Problem]]:
    """Parse one YAML document: (data, positions, problems); raises InvalidInput for a syntax error."""
    node = _compose(text, file)
    if node is None:
        return None, {}, []
    builder = _Builder(file, text, prefix, budget or Budget())
    try:
        data = builder.build(node, ())
    except RecursionError:
        raise too_deep(Position(file, 1, 1)) from None
    return data, builder.positions, builder.problems
