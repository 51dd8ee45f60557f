"""`filed:` keys: each names a deadline rule (or one occurrence of a recurring rule) or a form of the case.

A key that names neither marks nothing done: the deadline it was meant for stays 期限超過 and a form
that should no longer be made is made again, silently. So an unknown key is an error that suggests the
closest key the case has.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator

from generator.checks import Requirement, Violation
from generator.messages import Msg
from schemas import KINDS, CaseFile


def known_filed_keys(case: CaseFile) -> list[str]:
    """The rule ids, the keys of the deadlines the case has (`rule/occurrence`) and the form ids of its kind."""
    from generator.catalogue import forms_for_kind
    from generator.deadlines.compute import compute_deadlines
    from generator.deadlines.rules import rules_for_kind

    keys = [rule.id for rule in rules_for_kind(case.kind)]
    keys += [d.key for d in compute_deadlines(case, "", dt.date.today()) if d.key not in keys]
    keys += [form.id for form in forms_for_kind(case.kind)]
    return keys


def _unknown_keys(case: CaseFile) -> Iterator[Violation]:
    if not case.filed:
        return
    known = known_filed_keys(case)
    for key in case.filed:
        if key in known:
            continue
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
        if close:
            hint = Msg(f"「{close[0]}」の誤りではありませんか。", f"did you mean '{close[0]}'?")
        elif known:
            hint = Msg(f"このケースのキー: {', '.join(known)}", f"this case's keys: {', '.join(known)}")
        else:
            hint = Msg("このケースには期限も様式もありません。", "this case has no deadlines and no forms.")
        yield Violation(("filed", key), Msg(
            f"filed のキー「{key}」は、このケースの期限ルールIDでも様式IDでもないため、何も「済」になりません。{hint.ja}",
            f"filed key '{key}' is neither a deadline rule id nor a form id of this case, so it marks nothing "
            f"done. {hint.en}"))


REQUIREMENTS = [
    Requirement("FILED-KEY", tuple(KINDS), "error", "formgen の期限ルール表と様式一覧（docs/deadlines.md、formgen forms）",
                Msg("filed: のキーは、期限チェックリストの〔 〕内のキー（期限ルールID、繰り返しは ルールID/回）か"
                    "様式ID（formgen forms の ID）で書いてください。",
                    "write filed: keys as the deadline checklist shows them (a rule id, rule-id/occurrence for a "
                    "recurring rule) or as a form id (formgen forms)."), _unknown_keys),
]
