"""The deadline rule table: every rule with its citation, as data (docs/deadlines.md 「ルール一覧」).

A rule names the case kinds it applies to, whom (EPA 介護福祉士候補者, EPA 介護福祉士 or both), the date
field(s) it counts from, the offset, the office and its type:

- deadline   a filing or payment with a last day (a period end moves to the next open day)
- window     an application that may only be made between two dates (在留期間更新: from 3 months before)
- immediate  直ちに/速やかに: no date of its own, due from the day of the event
- milestone  not an act at an office (an expected notice, an exam target): never moves

Where the seed gives two limits (`limits` has two entries) the earlier is the deadline and the other is
shown beside it. Paths are dotted field paths of the case; a tuple of paths means "the first one the case
has". A rule whose kind or field does not exist (yet) is simply not applied.

`valid_from`/`valid_until` are the period the rule is in force: a deadline whose legal date falls outside
it is not listed (the rules of an edition that is replaced, of a system that ends).

`each` makes a rule recurring: it names a list field of the case (fees, moves, temporary_returns) or one
of the generated series of compute.py ("@years": every 1月1日 in the person's stay, "@fiscal_years").
Paths of such a rule are read from the item first, then from the case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

RuleType = Literal["deadline", "window", "immediate", "milestone"]
Who = Literal["all", "candidate", "qualified"]
Closed = Literal["next", "previous", "none"]

S002 = "002_e5f9a0dfd8ef1d48.txt"
S003 = "003_ecca0ff951baa801.txt"
S001 = "001_1fdeeed8bbae3b1d.txt"
CUTOVER = "育成就労 経過措置 (ISA/MHLW)"  # generator/sources.py CUTOVER_MEASURES
CUTOVER_LAST_APPLICATION = dt.date(2027, 3, 31)  # generator/cutover.py LAST_APPLICATION

TYPE_LABELS = {"deadline": "期限", "window": "期間", "immediate": "直ちに・速やかに", "milestone": "目安日"}


@dataclass(frozen=True)
class Limit:
    """One limit: a base date plus an offset (or a fixed day of the base year), and what a closed day does."""

    base: str | tuple[str, ...]
    days: int = 0
    months: int = 0
    years: int = 0
    on: tuple[int, int] | None = None  # (month, day) of the year held by `base` (an int year)
    next_month_day: int | None = None  # "翌月10日まで"
    closed: Closed = "next"
    label: str = ""

    @property
    def paths(self) -> tuple[str, ...]:
        return (self.base,) if isinstance(self.base, str) else self.base


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    text: str
    source: str
    office: str
    type: RuleType
    kinds: tuple[str, ...]
    limits: tuple[Limit, ...]
    who: Who = "all"
    opens: Limit | None = None
    form: str | None = None
    done_field: str | None = None
    each: str | None = None
    when: str | None = None  # name of a predicate in compute.PREDICATES
    check: str | None = None  # name of a plan check in compute.CHECKS (technical interns)
    note: str | None = None  # name of a note maker in compute.NOTES (JITCO 加算金)
    extra: dict = field(default_factory=dict)
    valid_from: dt.date | None = None  # the rule gives deadlines only on or after this day (a new law)
    valid_until: dt.date | None = None  # … and on or before this day (a system that ends, an edition replaced)

    def in_force_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until)


def _days(base, days, label, closed: Closed = "next") -> Limit:
    return Limit(base, days=days, label=label, closed=closed)


def _before(base, label) -> Limit:
    """"Before X": the last day is the day before X, and a closed day moves it earlier."""
    return Limit(base, days=-1, closed="previous", label=label)


def _event(base, label="事由発生日") -> Limit:
    return Limit(base, closed="none", label=label)


RULES: tuple[Rule, ...] = (
    # ---- EPA: reports to JICWELS on events (002 table 2370-2384, text 2021-2087, 2115-2159)
    Rule("epa-return-report", "帰国確認報告書（様式8）の提出",
         "候補者が帰国（一時帰国を除く）したときは、帰国日から2週間以内に帰国確認報告書を提出する。",
         f"{S002}:2377 (2065-2071)", "JICWELS", "deadline", ("epa_return_home",),
         (_days("return_date", 14, "帰国日から2週間以内"),), who="candidate", form="mhlw-8"),
    Rule("epa-contract-end-report", "雇用契約終了報告書（様式6-1）の提出",
         "雇用契約を終了することを決定後、終了日に先立ち、予め提出する（2063）。決定後2週間以内に提出（2376）。"
         "早い方が期限。日本語研修期間中に終了する場合も同じ。",
         f"{S002}:2376 (2059-2063)", "JICWELS", "deadline", ("epa_contract_end", "epa_return_home"),
         (_before(("end_date", "contract_end_date"), "終了日に先立ち（終了日の前日まで）"),
          _days(("decision_date", "contract_end_decision_date"), 14, "決定から2週間以内")), form="mhlw-6-1",
         when="end_decided"),
    Rule("epa-disappearance-report", "失踪報告書（様式5-2）の提出",
         "候補者・EPA介護福祉士の失踪が判明次第、2週間以内に提出する。",
         f"{S002}:2374 (2035-2045)", "JICWELS", "deadline", ("epa_disappearance",),
         (_days("discovered_date", 14, "判明から2週間以内"),), form="mhlw-5-2"),
    Rule("epa-death-report", "死亡報告書（様式5-1）の提出",
         "候補者・EPA介護福祉士の死亡確認後、直ちに提出する（提出期日: 確認後速やかに）。",
         f"{S002}:2373 (2025, 2031, 2125)", "JICWELS", "immediate", ("epa_death",),
         (_event(("confirmed_date", "death_date"), "死亡確認日"),), form="mhlw-5-1"),
    Rule("epa-illegal-work-report", "不法就労活動報告書（様式5-3）の提出",
         "入管法に違反して収入を伴う活動等を行っていることが判明次第、速やかに提出する。",
         f"{S002}:2375 (2035, 2045)", "JICWELS", "immediate", ("epa_illegal_work",),
         (_event("discovered_date", "判明日"),), form="mhlw-5-3"),
    Rule("epa-status-change-report", "在留資格変更報告書（様式4）の提出",
         "在留資格（就労施設を含む）の変更許可を受け次第、速やかに、遅くとも許可から2週間以内に提出する。",
         f"{S002}:2378-2381 (2073-2087)", "JICWELS", "deadline", ("epa_status_change",),
         (_days("permission_date", 14, "許可から2週間以内（速やかに）"),), form="mhlw-4"),
    Rule("epa-exam-result-report", "介護福祉士国家試験合否結果報告書（様式7-2）の提出",
         "合否結果発表日から2週間以内に報告する（専用ウェブサイトから）。",
         f"{S002}:2358 (1548-1556, 2047-2055)", "JICWELS", "deadline", ("epa_exam_result",),
         (_days("announcement_date", 14, "発表日から2週間以内"),), form="mhlw-7-2"),
    Rule("epa-qualified-status-application", "在留資格変更許可申請（EPA介護福祉士）",
         "国家試験に合格し介護福祉士登録証の発行を受けた後、速やかに在留資格変更許可申請を行う。",
         f"{S002}:2384 (1441, 2362)", "地方出入国在留管理官署", "immediate", ("epa_exam_result",),
         (_event("registration_date", "登録証受領日"),), when="passed"),
    # ---- EPA: periodic reports (1月1日現在の状況を1月20日までに)
    Rule("epa-annual-jicwels", "定期報告（様式1-2・2-2・別紙1/2・3・3別紙）",
         "1月1日現在の状況を毎年1月20日までに JICWELS に提出する（候補者）。",
         f"{S002}:2013 (2336-2357)", "JICWELS", "deadline", ("epa_annual_report",),
         (Limit("report_year", on=(1, 20), label="毎年1月20日まで"),), who="candidate"),
    Rule("epa-annual-immigration", "法務省告示に基づく定期報告（入管）",
         "1月1日現在の状況を毎年1月20日までに地方出入国在留管理官署に提出する（JICWELS 経由）。",
         f"{S002}:2342 (2013, 2113, 2364)", "地方出入国在留管理官署", "deadline", ("epa_annual_report",),
         (Limit("report_year", on=(1, 20), label="毎年1月20日まで"),)),
    # ---- EPA: one person's stay (epa_residence_record; also the employment contract's dates)
    Rule("residence-annual-jicwels", "定期報告（JICWELS・候補者）",
         "1月1日現在の状況を毎年1月20日までに提出する（様式1-2・2-2・別紙1/2・3・3別紙）。",
         f"{S002}:2013 (2336, 2347-2352)", "JICWELS", "deadline", ("epa_residence_record",),
         (Limit("year", on=(1, 20), label="毎年1月20日まで"),), who="candidate", each="@years"),
    Rule("residence-annual-immigration", "法務省告示に基づく定期報告（入管）",
         "1月1日現在の状況を毎年1月20日までに提出する。",
         f"{S002}:2342 (2113, 2364)", "地方出入国在留管理官署", "deadline", ("epa_residence_record",),
         (Limit("year", on=(1, 20), label="毎年1月20日まで"),), each="@years"),
    Rule("residence-renewal", "在留期間更新許可申請",
         "在留期間満了の3か月前から申請でき、満了日までに申請する（本人が出頭。申請取次者による取次も可）。",
         f"{S002}:2346 (1287-1291, 1327, 2365)", "地方出入国在留管理官署", "window", ("epa_residence_record",),
         (_days("person.residence_card_expiry", 0, "在留期間満了日まで"),),
         opens=Limit("person.residence_card_expiry", months=-3, closed="none", label="満了の3か月前から")),
    Rule("residence-renewal-jicwels", "在留期間更新時の報告（様式1-4・3・3別紙）",
         "EPA介護福祉士が在留期間更新許可を申請する際に JICWELS に提出する。",
         f"{S002}:2366 (2111)", "JICWELS", "window", ("epa_residence_record",),
         (_days("person.residence_card_expiry", 0, "在留期間更新の申請時"),), who="qualified",
         opens=Limit("person.residence_card_expiry", months=-3, closed="none", label="満了の3か月前から")),
    Rule("residence-move", "転入・転居届（住居地の届出）",
         "新居住地に移った日から14日以内に、本人が在留カードを持参して市区町村の窓口に届け出る（施設は引率）。",
         f"{S002}:2334 (1281)", "市区町村窓口", "deadline", ("epa_residence_record",),
         (_days("date", 14, "転居から14日以内"),), each="moves"),
    Rule("residence-reentry-permit", "再入国許可申請（1年以上の一時帰国）",
         "1年以上一時帰国する EPA介護福祉士は、出国前に再入国許可を取得する（1年未満はみなし再入国）。",
         f"{S002}:2383 (1455, 1461)", "地方出入国在留管理官署", "deadline", ("epa_residence_record",),
         (_before("departure_date", "出国の前日まで"),), who="qualified", each="temporary_returns",
         when="one_year_or_more"),
    Rule("residence-hellowork", "雇用保険被保険者資格取得届・外国人雇用状況の届出",
         "就労開始の翌月10日までにハローワークに提出する。",
         f"{S002}:2335", "ハローワーク", "deadline", ("epa_residence_record", "epa_employment_contract"),
         (Limit(("work_start_date", "person.work_start_date"), next_month_day=10, label="就労開始の翌月10日まで"),)),
    Rule("residence-management-fee", "滞在管理費の支払い",
         "受入れ支援契約に基づき年度ごとに支払う（候補者20,000円・EPA介護福祉士10,000円、税別）。就労を開始した"
         "年度から発生し、翌年度以降は年度当初（4月）に請求書が届く。請求書到着から10日以内、請求書記載の期日まで"
         "（早い方）に振り込む。特例候補者の請求は8〜10月頃。",
         f"{S002}:2345 (780-790, 1427-1433, 2363, 3915-3919)", "JICWELS", "deadline", ("epa_residence_record",),
         (Limit("invoice_date", closed="previous", label="請求書記載の期日まで"),
          _days("invoice_received_date", 10, "請求書到着から10日以内")),
         each="@fiscal_years", done_field="paid_date",
         extra={"fallback": Limit("expected_invoice", closed="none", label="請求書の到着見込み（年度当初）")}),
    Rule("epa-training-program", "介護研修プログラムの提出",
         "施設内研修（就労）を開始する前に、介護研修計画に基づく介護研修プログラムを作成し JICWELS に提出する。",
         f"{S002}:2333 (1507-1513)", "JICWELS", "deadline", ("epa_employment_contract",),
         (_before("work_start_date", "就労開始日の前日まで"),), who="candidate",
         done_field="training_program_submitted"),
    Rule("epa-contract-before-entry", "雇用契約の締結（入国前）",
         "採用予定者が日本に入国する前までに雇用契約を締結する。",
         f"{S002}:686", "JICWELS（マッチング専用ウェブサイト）", "deadline", ("epa_employment_contract",),
         (_before("entry_date", "入国日の前日まで"),), done_field="contract_date"),
    Rule("epa-fee-payment", "手数料の支払い",
         "求人申込手数料・あっせん手数料・送り出し機関手数料・導入研修・日本語研修の費用は、請求書に指定する日までに"
         "振り込む。契約書では請求書の到達から10日以内。早い方が期限。",
         f"{S002}:447 (672, 676, 2214-2232, 2485, 3430, 3446)", "JICWELS", "deadline", ("epa_job_offer",),
         (Limit("invoice_date", closed="previous", label="請求書に指定する日まで"),
          _days("invoice_received_date", 10, "請求書到達から10日以内")),
         each="fees", done_field="paid_date"),
    Rule("epa-dismissal-notice", "解雇予告（30日前）",
         "やむを得ず解雇する場合は少なくとも30日前に予告する（予告できない場合は解雇予告手当）。",
         f"{S002}:1039 (3785)", "本人への予告", "deadline", ("epa_contract_end",),
         (Limit("end_date", days=-30, closed="none", label="解雇日の30日前まで"),), when="dismissal"),
    Rule("epa-property-return", "金品の返還",
         "退職者の請求から7日以内に権利に属する金品を返還する。7日以内に出国する場合は出国前に返還する。",
         f"{S002}:1059", "本人への返還", "deadline", ("epa_return_home", "epa_contract_end"),
         (_days("property_request_date", 7, "請求から7日以内", closed="none"),
          _before("return_date", "出国前")), when="property_requested"),
    # ---- JITCO 帰国旅費立替払 (003)
    Rule("jitco-receipt-pledge", "領収書兼誓約書（様式3）の送付",
         "立替払金の入金を確認後、立替払決定通知書と一緒に届く領収書兼誓約書に署名して JITCO 本部に送付する。",
         f"{S003}:126 (123-126)", "JITCO本部", "immediate", ("jitco_airfare_advance",),
         (_event("advance_received_date", "入金確認日"),), form="jitco-3"),
    Rule("jitco-ticket-report", "航空券の領収書・航空券受け取り確認書（様式4）の提出",
         "航空券を購入したら速やかに旅行代理店の領収書と本人署名の様式4を提出する（見積額との差額は精算）。",
         f"{S003}:131-141", "JITCO本部", "immediate", ("jitco_airfare_advance",),
         (_event("ticket_purchase_date", "航空券購入日"),), form="jitco-4"),
    Rule("jitco-return-report", "帰国状況報告書（様式6）の提出",
         "立替払金で購入した航空券で帰国した後、速やかに提出する。",
         f"{S003}:145 (143-145)", "JITCO本部", "immediate", ("jitco_airfare_advance",),
         (_event("actual_return_date", "帰国日"),), form="jitco-6"),
    Rule("jitco-repayment", "立替払金の償還（一括返済）",
         "立替払金の振込日から1年以内に全額を一括で JITCO 指定口座へ振り込む。",
         f"{S003}:153 (68)", "JITCO本部", "deadline", ("jitco_airfare_advance",),
         (Limit("disbursement_date", years=1, label="振込日から1年以内"),), note="repayment_interest"),
    Rule("jitco-repayment-notice", "償還期限通知書（様式5）の到着",
         "償還期限の6か月前に JITCO 本部から償還期限通知書が届く。",
         f"{S003}:149", "JITCO本部", "milestone", ("jitco_airfare_advance",),
         (Limit("disbursement_date", years=1, months=-6, closed="none", label="償還期限の6か月前"),)),
    Rule("jitco-late-grace", "償還の猶予（加算金なしの最終日）",
         "償還期限から1か月経過で督促書が届く。期限後1か月以内に償還しないと、期限の翌日から償還日の前日までの"
         "日数に応じ年利14.6%（365日日割、円未満切捨て）を加えて償還する。",
         f"{S003}:158-159", "JITCO本部", "milestone", ("jitco_airfare_advance",),
         (Limit("disbursement_date", years=1, months=1, closed="none", label="償還期限から1か月"),),
         note="repayment_interest"),
    Rule("jitco-false-statement-return", "虚偽記載による立替払金の全額返還",
         "申請書の虚偽記載・添付書類の偽りが判明したときは、全額を直ちに返還する（督促）。",
         f"{S003}:163", "JITCO本部", "immediate", ("jitco_airfare_advance",),
         (_event("false_statement_found_date", "判明日（返還期限）"),)),
    Rule("jitco-false-statement-grace", "虚偽記載による返還の猶予（加算金なしの最終日）",
         "1か月間は猶予期間とし加算金なし。返還期限経過後1か月以内に返還しない場合は、返還期限から返還日までの"
         "日数に応じ年利14.6%を加えて返還する。",
         f"{S003}:163-164", "JITCO本部", "milestone", ("jitco_airfare_advance",),
         (Limit("false_statement_found_date", months=1, closed="none", label="返還期限から1か月"),),
         note="false_statement_interest"),
    # ---- Technical interns (001:315-372)
    Rule("ti-exam-basic", "基礎級 技能検定（学科・実技）の受検",
         "技能実習1号修了の6か月前までに基礎級（実技・学科）を受検する。合格発表は試験の2〜4週間後。",
         f"{S001}:324 (328)", "監理団体・実習実施者", "milestone", ("technical_intern_plan",),
         (Limit("stage1_end", months=-6, closed="none", label="1号修了の6か月前まで"),),
         done_field="exam_basic_date", check="exam"),
    Rule("ti-exam-grade3", "随時3級 技能検定（実技）の受検",
         "技能実習2号修了の12か月前までに随時3級（実技）を受検する。",
         f"{S001}:325 (328)", "監理団体・実習実施者", "milestone", ("technical_intern_plan",),
         (Limit("stage2_end", months=-12, closed="none", label="2号修了の12か月前まで"),),
         done_field="exam_grade3_date", check="exam"),
    Rule("ti-exam-grade2", "随時2級 技能検定（実技）の受検",
         "技能実習3号修了の12か月前までに随時2級（実技）を受検する。",
         f"{S001}:326 (328)", "監理団体・実習実施者", "milestone", ("technical_intern_plan",),
         (Limit("stage3_end", months=-12, closed="none", label="3号修了の12か月前まで"),),
         done_field="exam_grade2_date", check="exam"),
    Rule("ti-temporary-return", "3号の一時帰国（1か月以上）",
         "3号技能実習では1か月以上の一時帰国が必要。2号修了から3号開始までの間、または3号開始後1年以内に出国する"
         "（帰国はその後でもよい）。時期は3号の技能実習計画の認定申請前に決め計画に記載する。旅費は3号の監理団体が負担。",
         f"{S001}:356-363 (367-371)", "監理団体", "milestone", ("technical_intern_plan",),
         (_event("temporary_return.departure_date", "一時帰国の出国日"),), check="temporary_return"),
    Rule("ti-long-return-coe", "在留資格認定証明書交付申請（3か月を超える一時帰国）",
         "一時帰国が3か月を超える場合、一時帰国後の入国は在留資格認定証明書交付申請・査証取得による新規入国となる。",
         f"{S001}:372", "地方出入国在留管理局", "deadline", ("technical_intern_plan",),
         (_before("temporary_return.return_date", "再入国の前日まで"),), when="over_three_months"),
)

# ---- The end of 技能実習 on 2027-04-01 (law after the seeds: generator/cutover.py, docs/sources.md)
CUTOVER_RULES: tuple[Rule, ...] = (
    Rule("ti-cutover-application", "技能実習計画の認定申請（新規の申請の最終日）",
         "2027年4月1日以降は新たに技能実習計画の認定を申請できない。施行日以降に新しい計画で始まる段階は、"
         "2027年3月31日までに申請したものだけが認定される。",
         CUTOVER, "外国人技能実習機構", "deadline", ("technical_intern_plan",),
         (Limit("application_due", closed="none", label="2027年3月31日まで（施行日の前日）"),),
         each="@new_plans", done_field="applied", valid_until=CUTOVER_LAST_APPLICATION),
    Rule("ti-cutover-start", "経過措置による実習開始の最終日",
         "2027年3月31日までに申請した計画は、実習開始日が2027年6月30日以前のものに限り認定される（原則として同日までに入国）。",
         CUTOVER, "監理団体・実習実施者", "milestone", ("technical_intern_plan",),
         (Limit("start_limit", closed="none", label="2027年6月30日まで"),), each="@new_plans"),
)
RULES = RULES + CUTOVER_RULES

RULES_BY_ID = {rule.id: rule for rule in RULES}


def rules_for_kind(kind: str) -> list[Rule]:
    return [rule for rule in RULES if kind in rule.kinds]
