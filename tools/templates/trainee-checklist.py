"""研修ビザ 申請書類チェックリスト: the documents of seed 004_53cd4697b4ebe2ed.txt:37-84 for the case's
application (在留資格認定証明書交付申請 38-70, 在留期間更新許可申請 71-79), as the packet's cover
checklist. Not an official form and not filed: the office's own sheet, a file beside the packet (see the
manifest); citations read as the source's title and lines."""

from docx.shared import Mm

from templatekit import L, V, grid, heading, new_document, p, spacer, title

BOX = "□ "


def item(doc, text: str, indent: int = 0) -> None:
    paragraph = p(doc, BOX + text, size=10)
    paragraph.paragraph_format.left_indent = Mm(5 * indent)


def note(doc, text: str) -> None:
    paragraph = p(doc, text, size=9)
    paragraph.paragraph_format.left_indent = Mm(10)


def case_block(doc) -> None:
    grid(doc, [
        [L("申請の種類"), V("{{ application }}", span=3)],
        [L("申請人"), V("{{ person.name }} ({{ person.name_alphabet }})", span=3)],
        [L("国籍・地域"), V("{{ person.nationality }}"), L("生年月日"), V("{{ person.birth_date|seireki }}")],
        [L("性別"), V("{{ person.sex }}"), L("在留期間"), V("{{ stay_period }}")],
        [L("受入れ機関"), V("{{ institution.name }}", span=3)],
        [L("入国（予定）日"), V("{{ entry|seireki }}"), L("申請日"), V("{{ application_date|seireki }}")],
        [L("研修の内容"), V("{{ training.skill }}（{{ training.place }}）", span=3)],
        [L("研修期間"), V("{{ training.start_date|seireki }} ～ {{ training.end_date|seireki }}", span=3)],
        [L("研修時間"), V("{{ training.total_hours }}時間（うち実務研修 {{ training.practical_hours }}時間）", span=3)],
        [L("研修指導員"), V("{{ instructor.name }}"), L("送出し機関"), V("{{ sending_organisation }}")],
        [L("あっせん機関"), V("{{ intermediary|or_blank }}"), L("本国の所属機関"),
         V("{{ person.home_employer|or_blank }}")],
    ], widths_mm=[32, 58, 32, 58], size=9.5)


def certificate_documents(doc) -> None:
    heading(doc, "1、在留資格認定証明書交付申請をする場合（研修の在留資格の解説 38-70行）")
    item(doc, "在留資格認定証明書交付申請書")
    item(doc, "写真(縦4cm×横3cm)")
    item(doc, "返信用封筒(定形封筒に宛先を明記の上,380円分の切手(簡易書留用)を貼付したもの)")
    item(doc, "パスポートの写し")
    p(doc, "研修の内容、必要性、実施場所、期間及び待遇を明らかにする次の文書", size=10)
    item(doc, "(1)招へい理由書(修得する技能等、招へいの経緯、研修の必要性等について記載した文書、書式自由)", 1)
    item(doc, "(2)研修実施予定表(別記様式)", 1)
    item(doc, "(3)研修生処遇概要書", 1)
    p(doc, "{%p if overseas_training %}")
    item(doc, "(4)本邦外で実施した研修に関する次の資料（{{ overseas_training.organisation }}、"
              "{{ overseas_training.start_date|seireki }}～{{ overseas_training.end_date|seireki }}、"
              "{{ overseas_training.hours }}時間）", 1)
    item(doc, "ア 本邦において実施する研修との関係を立証する資料", 2)
    item(doc, "イ 機関の名称、所在地、研修施設等本邦外で事前に研修を実施した機関の概要を明らかにする資料", 2)
    item(doc, "ウ 研修内容、研修時間、研修期間、研修指導員等実施した研修の内容を明らかにする資料", 2)
    note(doc, "※ 当該研修は、入国予定日前6か月以内に1か月以上の期間を有し、かつ、160時間以上実施された非実務研修が該当します。")
    p(doc, "{%p endif %}")
    p(doc, "帰国後本邦において修得した技能等を要する業務に従事することを証する次のいずれかの文書", size=10)
    item(doc, "(1)研修生派遣状(本国の所属機関が作成した、帰国後の申請人の地位、職種に関する記載があるもの、書式自由)", 1)
    item(doc, "(2)復職予定証明書(本国の所属機関が作成した、申請人の現在の地位、職種に関する記載があり、"
              "帰国後に復職する予定であることについての証明書、書式自由)", 1)
    p(doc, "申請人の職歴を証する文書", size=10)
    item(doc, "(1)履歴書(職務経歴を含む、書式自由)", 1)
    p(doc, "研修指導員の当該研修において修得しようとする技能等に係る職歴を証する文書", size=10)
    item(doc, "(1)研修指導員履歴書(職務経歴を含む、書式自由)（{{ instructor.name }}）", 1)
    p(doc, "送出し機関の概要を明らかにする次の資料（{{ sending_organisation }}）", size=10)
    item(doc, "(1)送出し機関概要書(別記様式)", 1)
    item(doc, "(2)送出し機関の案内書又は会社を登記・登録していることを証する公的な資料", 1)
    note(doc, "※ 最新の内容(登記事項)が反映されたもの")
    p(doc, "受入れ機関の登記事項証明書、損益計算書の写し", size=10)
    item(doc, "(1)受入れ機関概要書(受入れ機関の状況、研修事業の実績等について記載した文書)", 1)
    item(doc, "(2)登記事項証明書(履歴全部事項証明書)又は受入れ機関の概要が分かるパンフレット等", 1)
    item(doc, "(3)損益計算書、貸借対照表等", 1)
    p(doc, "{%p if intermediary %}")
    p(doc, "あっせん機関がある場合は、その概要を明らかにする次の資料（{{ intermediary }}）", size=10)
    item(doc, "(1)あっせん機関概要書(あっせん機関の状況、研修あっせん事業の実績等について記載した文書)", 1)
    item(doc, "(2)登記事項証明書(履歴全部事項証明書)又はあっせん機関の概要が分かるパンフレット等", 1)
    item(doc, "(3)損益計算書、貸借対照表等", 1)
    p(doc, "{%p endif %}")


def renewal_documents(doc) -> None:
    heading(doc, "2、在留資格更新許可申請をする場合（研修の在留資格の解説 71-79行）")
    note(doc, "(実務作業を伴わない研修生の場合。伴う場合は、在留資格が異なります)")
    item(doc, "在留期間更新許可申請書")
    item(doc, "パスポート")
    item(doc, "在留カード（手引きの「外国人登録証明書」）(行政書士取次の場合は写し)")
    p(doc, "研修の内容、必要性、実施場所、期間及び待遇を明らかにする次の文書", size=10)
    item(doc, "(1)研修実施予定表(別記様式)", 1)
    note(doc, "※ 在留資格認定証明書交付申請の際に提出したものの写しを提出してください。なお、計画の変更がある場合は、"
              "その内容を朱書して提出してください。")
    p(doc, "{%p if plan_changed %}")
    note(doc, "→ 計画の変更あり: 変更内容を朱書してください。")
    p(doc, "{%p endif %}")
    p(doc, "研修の進ちょく状況を明らかにする文書", size=10)
    item(doc, "(1)研修・生活状況等報告書(別記様式)", 1)


def build():
    doc = new_document()
    title(doc, "研修ビザ（在留資格「研修」）申請書類チェックリスト", size=14)
    p(doc, "事務所用のチェックリストです（提出しません）。", align="center", size=9)
    case_block(doc)
    spacer(doc, 4)
    p(doc, "{%p if is_certificate %}")
    certificate_documents(doc)
    p(doc, "{%p else %}")
    renewal_documents(doc)
    p(doc, "{%p endif %}")
    spacer(doc, 4)
    p(doc, "出典: 在留資格「研修」の解説（要件・申請書類） 37-84行（研修ビザの申請で必要な書類）。", size=8)
    return doc
