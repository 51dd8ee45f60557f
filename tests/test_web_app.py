"""The web app as an office person uses it: a real `formgen serve` on 127.0.0.1, real headless Chromium.

One server (DOCX and PDF: the packet is the point here) and one browser for the module; the pages are
saved as PNGs (into docs/screenshots/ for docs/web.md with `make screenshots`).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from webtools import ROOT, Server, chrome, copy_inbox, screenshot

pytestmark = pytest.mark.slow

selenium = pytest.importorskip("selenium")
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.expected_conditions import staleness_of  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

TODAY = "2026-11-01"


@pytest.fixture(scope="module")
def place(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("web")
    copy_inbox(ROOT / "inbox", base / "inbox")
    (base / "config").mkdir()
    return base


@pytest.fixture(scope="module")
def server(place):
    running = Server(place / "inbox", place / "outbox", place / "config", "--today", TODAY, "--format", "both")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser(place):
    (place / "downloads").mkdir()
    driver = chrome(place / "downloads", place / "chrome-profile")
    yield driver
    driver.quit()


def open_page(driver, server, path: str) -> None:
    driver.get(server.url + path)


FIND_FIELD = """
const [name, wanted] = arguments, field = document.getElementsByName(name)[0];
if (!field) return null;
for (let d = field.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
field.scrollIntoView({block: 'center'});
if (field.type === 'checkbox') {
  const boxes = [...document.getElementsByName(name)];
  return {click: boxes.filter(b => wanted.includes(b.value) && !b.checked),
          missing: wanted.filter(v => !boxes.some(b => b.value === v))};
}
if (field.tagName === 'SELECT') return {click: [...field.options].filter(o => o.value === wanted), missing: []};
return {type: field, filled: field.value !== ''};
"""
"""Finds a named field, opens the folded optional sections around it (as a person clicks their titles) and
scrolls to it; returns the options or boxes to click, or the input to type into. One WebDriver command
instead of four: each costs Chromium some 35 ms of CPU on a page with a few hundred inputs."""


def fill(driver, values: dict[str, str | list[str]]) -> None:
    """Type into each named input, choose in each named select, tick each named check box."""
    for name, value in values.items():
        found = driver.execute_script(FIND_FIELD, name, value)
        assert found is not None, f"no field named {name}"
        if "click" in found:
            assert not found["missing"] and (found["click"] or isinstance(value, list)), f"{name} has no option {value}"
            for element in found["click"]:
                if isinstance(value, list):  # a box further down the list of boxes
                    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
                element.click()
            continue
        if found["filled"]:
            found["type"].clear()
        found["type"].send_keys(value)


def value_of(driver, name: str) -> str:
    return driver.find_element(By.NAME, name).get_attribute("value")


def field_errors(driver, name: str) -> list[str]:
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, f'.field-error[data-for="{name}"]')]


def follow(driver, element) -> None:
    """Click a link or a button that posts its form, and wait for the page it leads to: read before that
    page has loaded, an element would be the old page's (or gone with it: StaleElementReferenceException)."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 30).until(staleness_of(page))


def save(driver) -> None:
    """Click 保存 and wait for the page the server answers with."""
    follow(driver, driver.find_element(By.ID, "save"))


def wait_for_build(driver, seconds: float = 60) -> None:
    """The case page polls the build (htmx) and reloads itself when it is done."""
    try:
        WebDriverWait(driver, seconds, poll_frequency=0.5, ignored_exceptions=(StaleElementReferenceException,)).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#case-state.s-built, #case-state.s-error, #build-status .error"))
    except TimeoutException:
        raise AssertionError(f"not built within {seconds} s; the page says:\n"
                             + driver.find_element(By.TAG_NAME, "main").text[:3000]) from None
    assert not driver.find_elements(By.CSS_SELECTOR, "#case-state.s-error, #build-status .error"), \
        driver.find_element(By.TAG_NAME, "main").text[:3000]


def download(driver, folder: Path, name: str, seconds: float = 30) -> Path:
    target = folder / name
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if target.is_file() and not list(folder.glob("*.crdownload")):
            return target
        time.sleep(0.2)
    raise AssertionError(f"{name} was not downloaded: {list(folder.iterdir())}")


RETURN_HOME = {
    "institution.__ref": "sakura-kai",
    "facility.__ref": "sakura-en",
    "person.name": "アニサ・プトリ",
    "person.name_alphabet": "ANNISA PUTRI",
    "person.nationality": "インドネシア",
    "person.sex": "女",
    "person.birth_date": "1999-03-21",
    "person.residence_card_number": "EF24681357GH",
    "person.work_start_date": "2023-06-01",
    "return_date": "2026-02-30",
    "reason": "在留期間満了",
    "contract_end_date": "2026-11-30",
    "departure.date": "2026-12-01",
    "departure.airport": "関西国際空港",
    "departure.staff_title": "介護主任",
    "departure.staff_name": "田中 美咲",
    "report_date": "2026-12-07",
}


def test_a_return_home_case_made_through_the_form_is_checked_saved_and_built(server, browser, place):
    open_page(browser, server, "/new")
    screenshot(browser, "new-kind")
    follow(browser, browser.find_element(By.CSS_SELECTOR, 'a[data-kind="epa_return_home"]'))
    fill(browser, RETURN_HOME)
    save(browser)

    errors = field_errors(browser, "return_date")
    assert errors and "存在しない日" in errors[0], browser.page_source[:2000]
    assert value_of(browser, "return_date") == "2026-02-30"  # what was typed is kept, wrong as it is
    assert value_of(browser, "person.name") == "アニサ・プトリ"
    assert Select(browser.find_element(By.NAME, "facility.__ref")).first_selected_option.get_attribute("value") == "sakura-en"
    assert not (place / "inbox" / "epa-return-home-annisa.yaml").exists()
    screenshot(browser, "new-case-error", height=2100)

    fill(browser, {"return_date": "2026-12-01"})
    save(browser)
    assert "/cases/epa-return-home-annisa" in browser.current_url, browser.find_element(By.TAG_NAME, "main").text[:1500]
    wait_for_build(browser)
    screenshot(browser, "case")
    listed = browser.find_element(By.CSS_SELECTOR, "table.documents").text
    assert "期限チェックリスト（事務所用・提出しません）" in listed and "帰国確認報告書（事務所用" not in listed

    written = (place / "inbox" / "epa-return-home-annisa.yaml").read_text(encoding="utf-8")
    assert "return_date: 2026-12-01" in written and "institution:" in written and "ref: sakura-kai" in written
    browser.find_element(By.ID, "packet-download").click()
    packet = PdfReader(download(browser, place / "downloads", "packet.pdf"))
    text = "".join(page.extract_text() or "" for page in packet.pages)
    assert len(packet.pages) == 2, text[:2000]  # the cover and the report: the deadline checklist is no page of it
    assert "帰国確認報告書" in text and "期限チェックリスト" not in text


def test_marking_a_deadline_filed_writes_filed_into_the_yaml_and_keeps_its_comments(server, browser, place):
    case = place / "inbox" / "epa-status-change-maria.yaml"
    before = case.read_text(encoding="utf-8")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    open_page(browser, server, "/cases/epa-status-change-maria")
    button = browser.find_element(By.CSS_SELECTOR, "button.filed-button")
    key = button.get_attribute("data-deadline")
    date_input = button.find_element(By.XPATH, "..").find_element(By.NAME, "date")
    browser.execute_script("arguments[0].value = '2026-10-30'", date_input)
    follow(browser, button)

    assert "done=filed" in browser.current_url
    after = case.read_text(encoding="utf-8")
    assert "filed:" in after and f"{key}: 2026-10-30" in after
    assert [line for line in after.splitlines() if line.lstrip().startswith("#")] == comments
    assert after.startswith(before.rstrip("\n").split("\n")[0])
    assert "提出済み 2026-10-30" in browser.find_element(By.TAG_NAME, "main").text


def test_the_pages_of_the_app(server, browser):
    for path, name in (("/", "dashboard"), ("/cases", "cases"), ("/people", "people"), ("/parties", "parties"),
                       ("/calendar", "calendar"), ("/parties/sakura-kai/edit", "party-edit")):
        open_page(browser, server, path)
        assert browser.find_elements(By.TAG_NAME, "h1"), path
        screenshot(browser, name)
    open_page(browser, server, "/people")
    follow(browser, browser.find_element(By.LINK_TEXT, "デウィ・アユ・レスタリ"))
    assert "帰国確認報告書" in browser.find_element(By.TAG_NAME, "main").text
    screenshot(browser, "person")


JOB_OFFER = {"institution.__ref": "sakura-kai", "application_date": "2026-11-20"}
JOB_OFFER_FACILITY = {
    "facilities.0.__ref": "sakura-en",
    "facilities.0.training.__ref": "sakura-en-training",
    "facilities.0.countries": ["インドネシア"],
    "facilities.0.new_facility": "true",
    "facilities.0.established_date": "2001-04-01",
    "facilities.0.business_hours": ["昼間", "夜間"],
    "facilities.0.care_level": "要介護3～5",
    "facilities.0.user_types": ["高齢者"],
    "facilities.0.capacity": "80",
    "facilities.0.residents": "76",
    "facilities.0.care_staff": "40",
    "facilities.0.care_staff_fte": "36.5",
    "facilities.0.fulltime_care_staff": "32",
    "facilities.0.certified_care_workers": "16",
    "facilities.0.requested_count": "2",
    "facilities.0.duties": "入所者の身体介護（食事・入浴・排泄の介助等）、生活援助",
    "facilities.0.hours.start": "08:30",
    "facilities.0.hours.end": "17:30",
    "facilities.0.hours.monthly_hours": "160",
    "facilities.0.holidays.fixed_days": ["土", "日"],
    "facilities.0.wages.pay_form": "月給",
    "facilities.0.wages.base_amount": "176,000円",
    "facilities.0.wages.monthly_workdays": "21",
    "facilities.0.wages.overtime.exists": "true",
    "facilities.0.wages.overtime.over_60_hours": "false",
    "facilities.0.wages.overtime.other": "法定どおり（月60時間まで25%）",
    "facilities.0.wages.holiday_work.exists": "false",
    "facilities.0.wages.night_work.exists": "true",
    "facilities.0.wages.night_work.percent": "25",
    "facilities.0.housing.type": "法人借上げアパート（単身用）",
    "facilities.0.housing.layout": "1K",
    "facilities.0.housing.area_m2": "25",
    "facilities.0.housing.shared_living": "なし（個室）",
    "facilities.0.housing.commute_means": "徒歩",
    "facilities.0.housing.commute_minutes": "10",
    "facilities.0.housing.rent.mode": "全額候補者負担",
    "facilities.0.housing.deposit.mode": "全額補助(就労者の負担額:なし)",
    "facilities.0.housing.utilities.mode": "全額候補者負担",
}


def test_a_job_offer_made_through_the_form_gets_its_packet(server, browser, place):
    open_page(browser, server, "/new/epa_job_offer")
    fill(browser, JOB_OFFER)
    follow(browser, browser.find_element(By.CSS_SELECTOR, 'button[value="add:facilities"]'))
    assert value_of(browser, "application_date") == "2026-11-20"  # adding a row keeps what was typed
    fill(browser, JOB_OFFER_FACILITY)
    assert not browser.find_element(By.ID, "f-facilities.0.name").is_displayed()  # the parties file gives it
    screenshot(browser, "new-job-offer", height=2000)
    fill(browser, {"_case_name": "epa-job-offer-sakura-2026"})
    save(browser)
    assert "/cases/epa-job-offer-sakura-2026" in browser.current_url, \
        browser.find_element(By.TAG_NAME, "main").text[:3000]
    wait_for_build(browser)
    written = (place / "inbox" / "epa-job-offer-sakura-2026.yaml").read_text(encoding="utf-8")
    assert "- ref: sakura-en" in written and "base_amount: 176,000円" in written and "end: 17:30" in written
    packet = PdfReader(place / "outbox" / "epa-job-offer-sakura-2026" / "packet.pdf")
    assert len(packet.pages) >= 4
    names = {p.name for p in (place / "outbox" / "epa-job-offer-sakura-2026").iterdir()}
    assert any(n.startswith("jicwels-1-1") and n.endswith(".pdf") for n in names), names


def test_a_save_over_someone_elses_newer_save_is_refused_with_what_changed_and_nothing_lost(server, browser, place):
    case = place / "inbox" / "epa-death-nam.yaml"
    other = chrome(place / "downloads", place / "chrome-profile-2")
    try:
        open_page(browser, server, "/cases/epa-death-nam/edit")
        open_page(other, server, "/cases/epa-death-nam/edit")
        fill(browser, {"person.candidate_number": "VN-K-2023-0099"})
        save(browser)
        assert "done=saved" in browser.current_url
        fill(other, {"report_date": "2026-09-16"})
        save(other)

        conflict = other.find_element(By.ID, "conflict").text
        assert "変更しました" in conflict and "候補者番号" in conflict and "VN-K-2023-0099" in conflict
        assert value_of(other, "report_date") == "2026-09-16"  # what this person typed is kept
        assert value_of(other, "person.candidate_number") == "VN-K-2023-0099"  # and the other's change shown
        assert "report_date: 2026-09-15" in case.read_text(encoding="utf-8")
        screenshot(other, "edit-conflict", height=1200)
        save(other)
        assert "done=saved" in other.current_url
    finally:
        other.quit()
    text = case.read_text(encoding="utf-8")
    assert "candidate_number: VN-K-2023-0099" in text and "report_date: 2026-09-16" in text
    assert text.startswith("# yaml-language-server") and "# 死亡報告書" in text


def _bucket_of_case(driver, case_key: str) -> str:
    row = driver.find_element(By.XPATH, f'//tr[.//a[@href="/cases/{case_key}"]]')
    return row.get_attribute("data-bucket")


def test_the_dashboard_computes_the_status_for_the_servers_today(server, browser, place):
    open_page(browser, server, "/?kind=epa_return_home")
    assert _bucket_of_case(browser, "epa-return-home-dewi") == "month"  # due 2026-11-24, today 2026-11-01
    later = Server(place / "inbox", place / "outbox", place / "config", "--today", "2026-12-01", "--format", "docx")
    try:
        open_page(browser, later, "/?kind=epa_return_home")
        assert _bucket_of_case(browser, "epa-return-home-dewi") == "overdue"
        assert "期限超過" in browser.find_element(By.XPATH, '//tr[.//a[@href="/cases/epa-return-home-dewi"]]').text
    finally:
        later.stop()


def test_the_dashboard_shows_the_end_of_technical_intern_training_and_sources_by_their_titles(server, browser):
    open_page(browser, server, "/?kind=epa_return_home")
    assert browser.title == "ダッシュボード — formgen"  # the window title, nothing of the page's body
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.cutover")) == 1
    table = browser.find_element(By.CSS_SELECTOR, "table.cutover").text
    for day, what, left in (("2027-03-31", "技能実習計画の新規の認定申請の最終日", "あと150日"),
                            ("2027-04-01", "育成就労制度の施行", "あと151日"),
                            ("2027-06-30", "経過措置で認定される計画の実習開始の最終日", "あと241日")):
        assert day in table and what in table and left in table, table
    source = browser.find_element(By.CSS_SELECTOR, "span.rule").get_attribute("title")
    assert "受入れの手引き 2377行" in source and "002_e5f9a0dfd8ef1d48" not in source


def test_rebuild_shows_its_progress_and_then_the_new_documents(server, browser, place):
    open_page(browser, server, "/cases/epa-return-home-dewi")
    assert "未作成" in browser.find_element(By.ID, "case-state").text
    browser.find_element(By.ID, "rebuild").click()
    WebDriverWait(browser, 10, poll_frequency=0.1, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: "作成" in d.find_element(By.ID, "build-status").text)
    wait_for_build(browser)
    assert browser.find_element(By.ID, "packet-download").is_displayed()
    assert (place / "outbox" / "epa-return-home-dewi" / "packet.pdf").is_file()


def test_a_page_asked_for_under_a_foreign_host_name_is_refused(server):
    import urllib.error
    import urllib.request

    request = urllib.request.Request(server.url + "/", headers={"Host": "cases.example.com"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 400
    with urllib.request.urlopen(server.url.replace("127.0.0.1", "localhost") + "/", timeout=10) as page:
        assert page.status == 200
