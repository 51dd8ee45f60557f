"""JITCO 帰国旅費立替払制度: case files in, 様式1/8 (application) and 様式3/4/6 (follow-on) out."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from conftest import INBOX, run_formgen
from docxread import full_text, rows, value_beside
from refusal import build_refused, edit_case

INTERN = "jitco-airfare-advance-nguyen"  # 技能実習生, 法律上の倒産, every stage up to the return home
TRAINEE = "jitco-airfare-advance-siti"  # 研修生, 事実上の倒産, ⑥ replaced by 《1》
APPLICATION = "jitco-1_帰国旅費立替払申請書.docx"
FUNDING = "jitco-8_資金繰りの申立書.docx"
RECEIPT = "jitco-3_領収書兼誓約書.docx"
TICKET = "jitco-4_航空券受け取り確認書.docx"
RETURN = "jitco-6_帰国状況報告書.docx"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    """Both example cases built once from the real inbox."""
    out = tmp_path_factory.mktemp("jitco") / "outbox"
    run_formgen("build", str(INBOX / f"{INTERN}.yaml"), str(INBOX / f"{TRAINEE}.yaml"), "--out", str(out),
                "--format", "docx", check=True)
    return {INTERN: out / INTERN, TRAINEE: out / TRAINEE}


def checklist_row(path, mark: str) -> list[str]:
    return next(cells for cells in rows(path) if cells and cells[0] == mark)


def test_each_stage_of_the_intern_case_gets_its_form(built):
    names = {p.name for p in built[INTERN].iterdir()}
    assert {APPLICATION, FUNDING, RECEIPT, TICKET, RETURN} <= names
    record = json.loads((built[INTERN] / "manifest.json").read_text(encoding="utf-8"))
    assert [f["official_id"] for f in record["forms"]] == [
        "JITCO 帰国旅費立替払制度 様式1", "JITCO 帰国旅費立替払制度 様式8", "JITCO 帰国旅費立替払制度 様式3",
        "JITCO 帰国旅費立替払制度 様式4", "JITCO 帰国旅費立替払制度 様式6"]


def test_an_application_stage_case_gets_only_the_application_and_funding_statement(built):
    assert {p.name for p in built[TRAINEE].glob("jitco-*.docx")} == {APPLICATION, FUNDING}


def test_the_application_prints_the_office_of_the_applicants_prefecture(built):
    intern = built[INTERN] / APPLICATION  # 神奈川県 → 東京 (003:235)
    assert value_beside(intern, "提出先") == "JITCO 東京駐在事務所"
    assert value_beside(intern, "提出先の所在地・電話") == \
        "〒105-0013 東京都港区浜松町1-18-16 住友浜松町ビル5階（電話 03-6430-1190）"
    trainee = built[TRAINEE] / APPLICATION  # 愛知県 → 名古屋 (003:240)
    assert value_beside(trainee, "提出先") == "JITCO 名古屋駐在事務所"


def test_the_application_carries_the_case_values(built):
    form = built[INTERN] / APPLICATION
    assert value_beside(form, "立替払申請額") == "98,000 円"
    assert value_beside(form, "見積額") == "98,000 円"
    assert value_beside(form, "帰国予定日") == "2026年10月5日"
    assert value_beside(form, "氏名") == "グエン・ヴァン・アン"
    assert value_beside(form, "代表者職氏名") == "代表理事　小川 健一"
    assert value_beside(form, "旅券番号") == "C0000001"
    assert value_beside(form, "倒産の区分") == "■ 法律上の倒産　　□ 事実上の倒産"
    assert value_beside(form, "申請者の区分") == "□ 第1次受入れ機関（研修生の場合）　■ 技能実習団体（技能実習生の場合）"
    assert value_beside(form, "提出者") == "■ 代表者本人　□ 代理人"
    text = full_text(form)
    assert "財団法人 国際研修協力機構 理事長 殿" in text
    assert "架空みなと事業協同組合" in text  # from parties/minato-kumiai.yaml
    assert "申請日　2026年9月15日" in text


def test_the_attachment_checklist_marks_required_provided_and_substituted(built):
    intern = built[INTERN] / APPLICATION
    assert checklist_row(intern, "⑤")[3:5] == ["■", "■"]  # 法律上の倒産: required, provided
    assert checklist_row(intern, "⑥")[3:5] == ["□", "□"]
    assert checklist_row(intern, "⑩")[3:5] == ["□", "□"]  # 研修生 only
    assert checklist_row(intern, "⑬")[3:6] == ["■", "□", "《4》 旅費負担に関する団体の規約"]
    trainee = built[TRAINEE] / APPLICATION
    assert checklist_row(trainee, "⑥")[3:6] == ["■", "□", "《1》 銀行取引停止処分の通知書の写"]
    assert checklist_row(trainee, "⑩")[3:5] == ["■", "■"]
    assert checklist_row(trainee, "⑧")[5] == "（《2》で代替可）"
    assert len([cells for cells in rows(trainee) if cells and cells[0] in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱"
                and len(cells[0]) == 1]) == 18


def test_the_seed_misprint_is_printed_corrected(built):
    text = full_text(built[TRAINEE] / APPLICATION)
    assert "未払賃金立替払制度" in text and "未払貸金" not in text


def test_the_follow_on_forms_carry_their_values(built):
    receipt = built[INTERN] / RECEIPT
    assert value_beside(receipt, "振込日") == "2026年9月25日"
    assert value_beside(receipt, "入金確認日") == "2026年9月26日"
    assert "金　98,000　円" in full_text(receipt)
    ticket = built[INTERN] / TICKET
    assert value_beside(ticket, "実際の購入額") == "99,500 円"
    assert value_beside(ticket, "差額（購入額－見積り額）") == "1,500 円"
    assert value_beside(ticket, "精算").startswith("購入額が見積り額より多いため")
    home = built[INTERN] / RETURN
    assert value_beside(home, "帰国日") == "2026年10月5日"
    assert value_beside(home, "出国を確認した者（職氏名）") == "監理部長 中村 由美"
    funding = built[INTERN] / FUNDING
    assert value_beside(funding, "差引（残高＋収入－支出）") == "△80,000 円"


def test_filed_forms_by_form_or_deadline_rule_id_are_not_made_again(inbox_copy, outbox):
    case = inbox_copy / f"{INTERN}.yaml"
    case.write_text(case.read_text(encoding="utf-8") + "filed:\n  jitco-1: 2026-09-15\n  jitco-receipt-pledge: 2026-09-27\n",
                    encoding="utf-8")
    run_formgen("build", str(case), "--out", str(outbox), "--format", "docx", check=True)
    assert {p.name for p in (outbox / INTERN).glob("jitco-*.docx")} == {TICKET, RETURN}


def test_an_amount_over_the_limit_is_refused_with_its_line_and_nothing_is_written(inbox_copy, outbox):
    case = inbox_copy / f"{TRAINEE}.yaml"
    text = edit_case(case, "  special_circumstances: 中部国際空港からスラバヤへの直行便がなく、ジャカルタ乗継ぎ以外の経路がないため。\n", "")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("amount:"))
    stderr = build_refused(case, outbox, TRAINEE, "--format", "docx")
    assert f"{case}:{line}:" in stderr
    assert "申請額 112,000円が1人当たりの限度額 100,000円を超えています" in stderr
    assert "JITCO-AMOUNT-LIMIT 003_ecca0ff951baa801.txt:62-63" in stderr


def test_a_wrong_bankruptcy_kind_names_its_line_and_the_choices(inbox_copy, outbox):
    case = inbox_copy / f"{TRAINEE}.yaml"
    text = edit_case(case, "bankruptcy_kind: 事実上の倒産", "bankruptcy_kind: 倒産")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("bankruptcy_kind:"))
    stderr = build_refused(case, outbox, TRAINEE)
    assert f"{case}:{line}:" in stderr
    assert "倒産の区分" in stderr and "法律上の倒産" in stderr


def test_lint_is_clean_for_the_jitco_kind_and_forms():
    result = run_formgen("lint")
    assert "jitco" not in result.stdout + result.stderr


def test_the_manifests_say_what_is_designed_and_the_seed_correction():
    from generator.catalogue import forms_for_kind
    forms = {form.id: form for form in forms_for_kind("jitco_airfare_advance")}
    assert set(forms) == {"jitco-1", "jitco-3", "jitco-4", "jitco-6", "jitco-8"}
    assert all(form.designed and form.design_notes for form in forms.values())
    assert [(c.printed, c.corrected) for c in forms["jitco-1"].corrections] == [("未払貸金立替払制度", "未払賃金立替払制度")]


def test_the_packet_cover_names_the_chosen_office(outbox, warm_converter):
    run_formgen("build", str(INBOX / f"{TRAINEE}.yaml"), "--out", str(outbox), "--format", "pdf", check=True)
    cover = PdfReader(str(outbox / TRAINEE / "packet.pdf")).pages[0].extract_text()
    assert "JITCO 名古屋駐在事務所" in cover
    assert "052-934-3932" in cover


def test_a_proxy_is_printed_and_needs_attachment_14(inbox_copy, outbox):
    case = inbox_copy / f"{TRAINEE}.yaml"
    text = case.read_text(encoding="utf-8") + "proxy: {name: 石井 直子, relationship: 職員}\n"
    case.write_text(text, encoding="utf-8")
    refused = run_formgen("build", str(case), "--out", str(outbox), "--format", "docx")
    assert refused.returncode == 1 and "添付書類⑭" in refused.stderr
    case.write_text(text.replace("provided: [2, 3, 4, 7, 8, 9, 10]", "provided: [2, 3, 4, 7, 8, 9, 10, 14]"),
                    encoding="utf-8")
    run_formgen("build", str(case), "--out", str(outbox), "--format", "docx", check=True)
    form = outbox / TRAINEE / APPLICATION
    assert value_beside(form, "提出者") == "□ 代表者本人　■ 代理人（石井 直子、職員）"
    assert checklist_row(form, "⑭")[3:5] == ["■", "■"]
