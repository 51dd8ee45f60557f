"""JITCO 帰国旅費立替払制度: who may receive the advance, how much, and with which documents
(seed 003_ecca0ff951baa801.txt). Hard rules are errors; a case may record a reasoned exception."""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks import Requirement, Severity, Violation
from generator.messages import Msg
from schemas.jitco_airfare_advance import (
    AMOUNT_LIMIT,
    ATTACHMENTS_BY_NUMBER,
    SUBSTITUTES,
    JitcoAirfareAdvance,
)

KINDS = ("jitco_airfare_advance",)
SEED = "003_ecca0ff951baa801.txt"
EVIDENCE_OF_KIND = {"法律上の倒産": 5, "事実上の倒産": 6}


def _host_bankrupt(case: JitcoAirfareAdvance) -> Iterator[Violation]:
    if case.host.bankruptcy_date > case.application_date:
        yield Violation(("host", "bankruptcy_date"), Msg(
            f"倒産日（{case.host.bankruptcy_date}）が申請日（{case.application_date}）より後です。"
            f"{case.host_role}がまだ倒産していないときは立替払いを受けられません。",
            f"the bankruptcy date ({case.host.bankruptcy_date}) is after the application date "
            f"({case.application_date}): the host must already be bankrupt."))


def _cannot_fund(case: JitcoAirfareAdvance) -> Iterator[Violation]:
    if not case.funding.cannot_fund:
        yield Violation(("funding", "cannot_fund"), Msg(
            f"{case.applicant_role}が帰国旅費を支払えるときは立替払いを受けられません"
            "（funding.cannot_fund が false）。",
            "the applicant can pay the fare itself (funding.cannot_fund is false): no advance."))


def _figures_support_the_claim(case: JitcoAirfareAdvance) -> Iterator[Violation]:
    if case.funding.cannot_fund and case.funding_balance >= case.amount:
        yield Violation(("funding",), Msg(
            f"資金繰りの差引額（{case.funding_balance:,}円）が申請額（{case.amount:,}円）以上あり、"
            "資金調達上困難であることの説明が必要です。事情（funding.explanation）を確かめてください。",
            f"the funding balance ({case.funding_balance:,} yen) covers the amount ({case.amount:,} yen): "
            "explain why paying is still not possible."))


def _amount_within_limit(case: JitcoAirfareAdvance) -> Iterator[Violation]:
    if case.amount > AMOUNT_LIMIT and not case.trip.special_circumstances:
        yield Violation(("amount",), Msg(
            f"申請額 {case.amount:,}円が1人当たりの限度額 {AMOUNT_LIMIT:,}円を超えています。",
            f"the amount {case.amount:,} yen exceeds the limit of {AMOUNT_LIMIT:,} yen per person."))


def _ticket_within_limit(case: JitcoAirfareAdvance) -> Iterator[Violation]:
    if case.ticket is not None and case.ticket.price > AMOUNT_LIMIT and not case.trip.special_circumstances:
        yield Violation(("ticket", "price"), Msg(
            f"航空券の購入額 {case.ticket.price:,}円が1人当たりの限度額 {AMOUNT_LIMIT:,}円を超えています。"
            "帰国予定日・経路にやむを得ない事情がなければ、限度額を超える部分は立替払いされません。",
            f"the ticket price {case.ticket.price:,} yen exceeds the limit of {AMOUNT_LIMIT:,} yen per person; "
            "without unavoidable circumstances the part above it is not advanced."))


def _over_limit_is_reviewed(case: JitcoAirfareAdvance) -> Iterator[Violation]:
    if not case.trip.special_circumstances:
        return
    if case.amount > AMOUNT_LIMIT:
        yield Violation(("amount",), Msg(
            f"申請額 {case.amount:,}円は限度額 {AMOUNT_LIMIT:,}円を超えています。やむを得ない事情"
            "（trip.special_circumstances）を認めるかは JITCO本部が審査します。認められなければ限度額までの立替払いです。",
            f"the amount {case.amount:,} yen exceeds the {AMOUNT_LIMIT:,} yen limit: JITCO decides whether the "
            "stated circumstances justify it; otherwise it advances up to the limit."))
    if case.ticket is not None and case.ticket.price > AMOUNT_LIMIT:
        yield Violation(("ticket", "price"), Msg(
            f"航空券の購入額 {case.ticket.price:,}円は限度額 {AMOUNT_LIMIT:,}円を超えています。超える部分の精算は、"
            "やむを得ない事情を JITCO本部が認めた場合に限られます（航空券受け取り確認書にもそう印字します）。",
            f"the ticket price {case.ticket.price:,} yen exceeds the {AMOUNT_LIMIT:,} yen limit: the part above it is "
            "settled only if JITCO accepts the circumstances (the ticket receipt says so)."))


def _amount_within_estimate(case: JitcoAirfareAdvance) -> Iterator[Violation]:
    if case.amount > case.trip.estimate_amount:
        yield Violation(("amount",), Msg(
            f"申請額 {case.amount:,}円が旅行代理店の見積額 {case.trip.estimate_amount:,}円を超えています。",
            f"the amount {case.amount:,} yen exceeds the travel agency's estimate "
            f"{case.trip.estimate_amount:,} yen."))


def _continuation_effort(case: JitcoAirfareAdvance) -> Iterator[Violation]:
    effort = case.continuation
    if case.returns_mid_program and not effort.efforts_made and effort.reason_not_made is None:
        yield Violation(("continuation",), Msg(
            f"帰国予定日（{case.planned_return_date}）が研修・技能実習の終了予定日（{case.person.program_end}）"
            "より前です。継続のための努力をしたか、しなかったやむを得ない理由を書いてください。",
            f"the return ({case.planned_return_date}) is before the end of the programme "
            f"({case.person.program_end}): record the continuation efforts or why none were made."))
    if effort.efforts_made and not effort.efforts:
        yield Violation(("continuation", "efforts_made"), Msg(
            "継続のための努力をしたときは、その内容（continuation.efforts）を書いてください。",
            "when efforts were made, describe them (continuation.efforts)."))


def _cause_matches_evidence(case: JitcoAirfareAdvance) -> Iterator[Violation]:
    wrong = EVIDENCE_OF_KIND["事実上の倒産" if case.bankruptcy_kind == "法律上の倒産" else "法律上の倒産"]
    spec = ATTACHMENTS_BY_NUMBER[wrong]
    given = wrong in case.documents.provided or any(u.number == wrong for u in case.documents.substitutes)
    if given:
        yield Violation(("documents",), Msg(
            f"倒産の区分は「{case.bankruptcy_kind}」ですが、{spec.mark}{spec.title}（{spec.condition}の書類）"
            "が添付されています。倒産の区分か添付書類を直してください。",
            f"the bankruptcy kind is {case.bankruptcy_kind}, but attachment {spec.mark} "
            f"(for {spec.condition}) is given: fix the kind or the attachments."))


def _attachments_complete(case: JitcoAirfareAdvance) -> Iterator[Violation]:
    for row in case.attachment_checklist:
        if row["applies"] and row["status"] == "不足":
            spec = ATTACHMENTS_BY_NUMBER[row["number"]]
            alternative = f"（用意できないときは{spec.substitute.mark}の代替書類: " \
                          f"{'、'.join(spec.substitute.examples)}）" if spec.substitute else ""
            yield Violation(("documents", "provided"), Msg(
                f"添付書類{spec.mark}{spec.title}がありません（{spec.condition}）{alternative}。",
                f"attachment {spec.mark} is missing ({spec.source})."))


def _substitutes_allowed(case: JitcoAirfareAdvance) -> Iterator[Violation]:
    for index, use in enumerate(case.documents.substitutes):
        spec = ATTACHMENTS_BY_NUMBER[use.number]
        if spec.substitute is None:
            allowed = "、".join(ATTACHMENTS_BY_NUMBER[n].mark for n in SUBSTITUTES)
            yield Violation(("documents", "substitutes", index, "number"), Msg(
                f"{spec.mark}{spec.title}は代替書類で代えられません（代えられるのは {allowed} だけです）。",
                f"attachment {spec.mark} cannot be replaced by a substitute (only {allowed} can)."))


def _substitutes_are_listed(case: JitcoAirfareAdvance) -> Iterator[Violation]:
    for index, use in enumerate(case.documents.substitutes):
        spec = ATTACHMENTS_BY_NUMBER[use.number]
        if spec.substitute is None:
            continue
        for position, document in enumerate(use.documents):
            if document not in spec.substitute.examples:
                yield Violation(("documents", "substitutes", index, "documents", position), Msg(
                    f"「{document}」は{spec.substitute.mark}の例示（{'、'.join(spec.substitute.examples)}）にありません。"
                    "代替できるか駐在事務所に確認してください。",
                    f"'{document}' is not among the examples of {spec.substitute.mark}: ask the JITCO office."))


def _only_applicable_attachments(case: JitcoAirfareAdvance) -> Iterator[Violation]:
    causes = set(EVIDENCE_OF_KIND.values())  # reported by JITCO-CAUSE-EVIDENCE
    for row in case.attachment_checklist:
        if not row["applies"] and row["status"] in ("添付", "代替") and row["number"] not in causes:
            yield Violation(("documents",), Msg(
                f"添付書類{row['mark']}{row['title']}は「{row['condition']}」の書類で、このケースには不要です。",
                f"attachment {row['mark']} is only for {row['condition']}; this case does not need it."))


def _rule(rule_id: str, severity: Severity, lines: str, ja: str, en: str, test) -> Requirement:
    return Requirement(rule_id, KINDS, severity, f"{SEED}:{lines}", Msg(ja, en), test)


REQUIREMENTS = [
    _rule("JITCO-ELIG-BANKRUPT", "error", "13, 43, 47",
          "第2次受入れ機関（技能実習実施機関）が倒産した場合に限り立替払いを受けられる。",
          "an advance is paid only when the second host (implementing organisation) went bankrupt.",
          _host_bankrupt),
    _rule("JITCO-ELIG-FUNDING", "error", "43, 47",
          "第1次受入れ機関等が帰国旅費を支払うことが資金調達上困難なときに限り立替払いを受けられる。",
          "an advance is paid only when the applicant cannot fund the fare.",
          _cannot_fund),
    _rule("JITCO-FUNDING-FIGURES", "warning", "43, 94",
          "資金繰りの申立書（様式8）の数字は、帰国旅費を支払えないことを示すものであること。",
          "the figures of the funding statement (様式8) should show that the fare cannot be paid.",
          _figures_support_the_claim),
    _rule("JITCO-AMOUNT-LIMIT", "error", "62-63",
          "立替払いの額は1人当たり10万円を限度とする（帰国予定日及び経路にやむを得ない事情のある場合を除く）。"
          "事情は trip.special_circumstances に書く。",
          "at most 100,000 yen per person, unless the return date and route have unavoidable "
          "circumstances (write them in trip.special_circumstances).",
          _amount_within_limit),
    _rule("JITCO-TICKET-LIMIT", "error", "62-63, 134-141",
          "立替払金で購入する航空券も1人当たり10万円が限度（帰国予定日及び経路にやむを得ない事情のある場合を除く）。"
          "見積り額との差額の精算も限度額までとなる。",
          "the ticket bought with the advance is also limited to 100,000 yen per person (unless unavoidable "
          "circumstances); the difference from the estimate is settled up to the limit only.",
          _ticket_within_limit),
    _rule("JITCO-OVER-LIMIT-REVIEW", "warning", "62-63, 119-121",
          "限度額を超える申請額・購入額は、帰国予定日及び経路のやむを得ない事情を JITCO本部が審査して認めた場合に限り"
          "立替払い・精算される（認められない場合もある）。",
          "amounts above the limit are advanced or settled only if JITCO, reviewing the application, accepts the "
          "unavoidable circumstances (it may not).",
          _over_limit_is_reviewed),
    _rule("JITCO-AMOUNT-ESTIMATE", "error", "61",
          "立替払いの額は、最寄り空港間の合理的な経路で旅行代理店が見積もった金額とする。",
          "the amount is the travel agency's estimate for a reasonable route between the nearest airports.",
          _amount_within_estimate),
    _rule("JITCO-CONTINUATION", "error", "49-53",
          "研修・技能実習の途中の帰国では、継続のための努力をしたこと（又は努力をしないやむを得ない理由）が必要。",
          "a return before the end of the programme needs continuation efforts, or the reason none were made.",
          _continuation_effort),
    _rule("JITCO-CAUSE-EVIDENCE", "error", "95-96, 170-172",
          "⑤手続き開始等の申立書の写は法律上の倒産、⑥労基署の確認通知書の写（《1》）は事実上の倒産の証明書類。",
          "⑤ proves a legal bankruptcy, ⑥ (or 《1》) a de-facto one: the evidence must match the kind.",
          _cause_matches_evidence),
    _rule("JITCO-ATTACH-REQUIRED", "error", "89-111",
          "①〜④・⑦〜⑨は常に、⑤／⑥は倒産の区分により、⑩は研修生、⑪〜⑬は技能実習生、⑭〜⑱は該当する場合に添付する"
          "（用意できないときは《1》〜《6》の代替書類: 166-226）。",
          "①-④ and ⑦-⑨ always; ⑤/⑥ by the kind of bankruptcy; ⑩ for 研修生; ⑪-⑬ for 技能実習生; ⑭-⑱ when "
          "they apply (or the substitutes 《1》-《6》).",
          _attachments_complete),
    _rule("JITCO-ATTACH-SUBSTITUTE", "error", "166-226",
          "代替書類で代えられるのは《1》〜《6》の書類（⑥⑧⑩⑬⑮⑯）だけ。",
          "only the documents of 《1》-《6》 (⑥⑧⑩⑬⑮⑯) can be replaced by substitutes.",
          _substitutes_allowed),
    _rule("JITCO-ATTACH-SUBSTITUTE-LISTED", "warning", "168, 115",
          "代替書類は確認項目を確認できるもの（例示したもの等）。例示にない書類は駐在事務所の指導による。",
          "substitutes are documents that confirm the item (the listed examples, or as the office directs).",
          _substitutes_are_listed),
    _rule("JITCO-ATTACH-NOT-APPLICABLE", "warning", "89-111",
          "添付書類は該当する場合に提出する（該当しない書類は不要）。",
          "attachments are filed when they apply (others are not needed).",
          _only_applicable_attachments),
]
