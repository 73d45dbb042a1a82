"""End-to-end browser tests of the register: log in, search, open a person, request a
reduction, township scoping and the home page statistics.

Run with ``python3 -m pytest -q Tests/browser`` (see README.md in this folder).
"""
from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlparse

import pytest

try:
    import selenium  # noqa: F401
except ImportError as e:
    pytest.skip(f"browser tests skipped: Python package 'selenium' is not usable ({e})", allow_module_level=True)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

from pages import UUID_RE, click_and_wait, login, open_page, page_text, path_of, save_screenshot, wait, wait_for_css  # noqa: E402

JIELING = "界岭镇"


# ----------------------------------------------------------------------------- helpers

def table_rows(driver, table_css: str) -> list[dict]:
    """The rows of a table as dicts keyed by the header text; each has the cell elements
    under '_cells' and the row element under '_row'."""
    table = wait_for_css(driver, table_css)
    headers = [th.text.strip() for th in table.find_elements(By.CSS_SELECTOR, "thead th, tr th")]
    rows = []
    for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr"):
        cells = tr.find_elements(By.TAG_NAME, "td")
        if not cells:
            continue
        row = {h: c.text.strip() for h, c in zip(headers, cells)}
        row["_cells"] = cells
        row["_row"] = tr
        rows.append(row)
    return rows


def set_date(driver, field, days_before_today: int) -> None:
    """Sets a date input to a day before today (date inputs take no typed text reliably)."""
    driver.execute_script(
        "const d = new Date(Date.now() - arguments[1] * 86400000 + 8 * 3600000);"
        "arguments[0].value = d.toISOString().slice(0, 10);", field, days_before_today)


def set_notice_days(driver, form, days: int) -> None:
    """Sets the form's notice end so that the notice lasts `days` days from its start."""
    driver.execute_script(
        "const s = arguments[0].value.split('-').map(Number);"
        "const end = new Date(Date.UTC(s[0], s[1] - 1, s[2] + arguments[2] - 1));"
        "arguments[1].value = end.toISOString().slice(0, 10);",
        form.find_element(By.NAME, "notice_start"), form.find_element(By.NAME, "notice_end"), days)


def person_link(row: dict):
    return row["_cells"][0].find_element(By.CSS_SELECTOR, "a[href^='/people/']")


def person_id_of(row: dict) -> str:
    href = person_link(row).get_attribute("href")
    m = re.search(rf"/people/({UUID_RE})$", urlparse(href).path)
    assert m, f"unexpected person link {href}"
    return m.group(1)


def result_total(driver) -> int:
    m = re.search(r"共找到\s*(\d+)\s*人", page_text(driver))
    assert m, f"no result count on {driver.current_url}"
    return int(m.group(1))


def search_people(driver, server, q: str, problems: list[str]) -> list[dict]:
    """Search through the real form (#search-form), as a user would.

    The result is cross-checked against the plain URL ``/people?q=...``: if the form's
    submission finds something different (e.g. because a filter <select> sends a bogus
    value), that is recorded in ``problems`` -- the test fails at its end -- and the rest of
    the test continues with the URL's result so that later steps are still exercised.
    """
    if path_of(driver) != "/people":
        open_page(driver, server, "/people", "#search-form")
    form = driver.find_element(By.CSS_SELECTOR, "#search-form")
    field = form.find_element(By.NAME, "q")
    field.clear()
    field.send_keys(q)
    click_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit]"))
    assert path_of(driver) == "/people"
    assert driver.find_element(By.CSS_SELECTOR, "#search-form [name=q]").get_attribute("value") == q
    form_url, form_total = driver.current_url, result_total(driver)

    open_page(driver, server, "/people?q=" + quote(q), "#people-table")
    url_total = result_total(driver)
    if form_total != url_total:
        problems.append(
            f"/people search form for q={q!r} found {form_total} people but /people?q=... finds {url_total}; "
            f"the form submitted {unquote(urlparse(form_url).query)!r}")
    else:
        driver.get(form_url)
    return table_rows(driver, "#people-table")


# ----------------------------------------------------------------------------- tests

def test_county_searches_person_and_requests_reduction(resettle_server, browser, artifacts_dir):
    """Test A: county staff finds a person and submits a reduction (death) request."""
    server, d = resettle_server, browser
    problems: list[str] = []
    login(d, server, "county")

    # The unfiltered list; take the first person still on the register (在册): only they
    # can be reduced. In the demo data that is normally the very first row.
    open_page(d, server, "/people", "#people-table")
    rows = table_rows(d, "#people-table")
    assert rows, "the unfiltered people list is empty"
    candidates = [r for r in rows if r.get("状态") == "在册"]
    assert candidates, f"no person with status 在册 on the first page: {[r.get('状态') for r in rows]}"
    first = candidates[0]
    name, id_number, person_id = first["姓名"], first["身份证号"], person_id_of(first)
    assert name and re.fullmatch(r"\d{17}[\dX]", id_number), (name, id_number)

    # Search by that name: the result contains the person.
    results = search_people(d, server, name, problems)
    assert any(r["姓名"] == name for r in results), f"search for {name} did not list them"
    assert all(name in r["姓名"] for r in results), f"search for {name} listed others: {[r['姓名'] for r in results]}"
    match = [r for r in results if person_id_of(r) == person_id]
    assert match, f"search for {name} did not list the person {person_id}"

    # Open the person page through the name link.
    link = person_link(match[0])
    assert link.text.strip() == name
    click_and_wait(d, link)
    wait_for_css(d, "#change-form")
    assert path_of(d) == f"/people/{person_id}"
    text = page_text(d)
    assert "基本信息" in text
    assert id_number in text
    assert name in d.find_element(By.TAG_NAME, "h1").text
    save_screenshot(d, artifacts_dir, "person-page.png")

    # Submit a reduction for death with the default notice period.
    form = d.find_element(By.CSS_SELECTOR, "#change-form")
    kind = Select(form.find_element(By.NAME, "kind"))
    kind.select_by_value("reduction")
    assert kind.first_selected_option.text.strip() == "调减"
    Select(form.find_element(By.NAME, "reason")).select_by_value("death")
    set_date(d, form.find_element(By.NAME, "event_date"), days_before_today=12)
    form.find_element(By.NAME, "evidence").send_keys("死亡证明 浏览器测试-0001号")
    start = form.find_element(By.NAME, "notice_start").get_attribute("value")
    end = form.find_element(By.NAME, "notice_end").get_attribute("value")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", start) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", end), (start, end)
    click_and_wait(d, form.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit]"))

    change_path = path_of(d)
    assert re.fullmatch(rf"/changes/{UUID_RE}", change_path), \
        f"after submitting landed on {d.current_url}: {page_text(d)[:500]}"
    flash = wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".flash"))).text
    assert "已提交调减申请" in flash, flash
    steps = table_rows(d, "#steps")
    assert steps, "the steps table is empty"
    assert any("提交申请并公示" in r["_row"].text for r in steps), [r["_row"].text for r in steps]
    assert f"公示 {start} 至 {end}" in d.find_element(By.CSS_SELECTOR, "#steps").text

    # Back on the person page the request is listed as under notice.
    open_page(d, server, f"/people/{person_id}", "#change-history")
    history = table_rows(d, "#change-history")
    mine = [r for r in history if r["_cells"][0].find_elements(By.CSS_SELECTOR, f"a[href='{change_path}']")]
    assert mine, f"#change-history does not list {change_path}: {[r['_row'].text for r in history]}"
    assert mine[0]["类型"] == "调减"
    assert mine[0]["状态"] == "公示中", mine[0]["状态"]
    assert "死亡" in mine[0]["原因"]
    assert not problems, "\n".join(problems)


def test_township_user_sees_only_own_township(resettle_server, new_browser):
    """Test B: a township user's search and person pages are limited to their township."""
    server = resettle_server
    problems: list[str] = []

    # As admin, find a person of another township.
    admin = new_browser()
    login(admin, server, "admin")
    open_page(admin, server, "/people", "#search-form")
    townships = [(o.get_attribute("value"), o.text.strip())
                 for o in admin.find_elements(By.CSS_SELECTOR, "#search-form select[name=township] option")]
    others = [code for code, label in townships if re.fullmatch(r"\d{9}", code or "") and label != JIELING]
    assert others, f"admin sees no township other than {JIELING}: {townships}"
    open_page(admin, server, f"/people?township={others[0]}", "#people-table")
    foreign_rows = [r for r in table_rows(admin, "#people-table") if r["乡镇"] != JIELING]
    assert foreign_rows, "admin found no person outside 界岭镇"
    foreign = foreign_rows[0]
    foreign_id, foreign_idno, foreign_name = person_id_of(foreign), foreign["身份证号"], foreign["姓名"]

    # The admin can open that person ...
    open_page(admin, server, f"/people/{foreign_id}", "main")
    assert "基本信息" in page_text(admin)

    # ... the township user cannot, and does not see them in searches.
    d = new_browser()
    login(d, server, "jieling")
    assert JIELING in d.find_element(By.CSS_SELECTOR, "header .who").text
    open_page(d, server, "/people", "#people-table")
    township_select = d.find_elements(By.CSS_SELECTOR, "#search-form select[name=township] option")
    assert {o.text.strip() for o in township_select} <= {"全部", JIELING}
    rows = table_rows(d, "#people-table")
    assert rows, "township user sees an empty list"
    assert {r["乡镇"] for r in rows} == {JIELING}, sorted({r["乡镇"] for r in rows})

    # A search: by a name of their own township, then by the other township's ID number.
    own_name = rows[0]["姓名"]
    results = search_people(d, server, own_name, problems)
    assert results and {r["乡镇"] for r in results} == {JIELING}
    results = search_people(d, server, foreign_idno, problems)
    assert all(r["乡镇"] == JIELING for r in results)
    assert foreign_idno not in [r["身份证号"] for r in results]
    results = search_people(d, server, foreign_name, problems)
    assert all(r["乡镇"] == JIELING for r in results), [r["乡镇"] for r in results]

    # Opening the other township's person directly: the 未找到 page.
    open_page(d, server, f"/people/{foreign_id}", "main")
    assert d.find_element(By.TAG_NAME, "h1").text.strip() == "未找到"
    text = page_text(d)
    assert "未找到该记录" in text
    assert foreign_idno not in text and "基本信息" not in text
    assert "未找到" in d.title
    # The same holds for the record's ID number in the URL.
    open_page(d, server, f"/people/{foreign_idno}", "main")
    assert "未找到该记录" in page_text(d)
    assert not problems, "\n".join(problems)


def test_admin_home_shows_2022_reductions(resettle_server, browser):
    """Test C: the home page tile for 2022 reductions shows the demo figure."""
    server, d = resettle_server, browser
    login(d, server, "admin")
    open_page(d, server, "/", "#reductions-2022")
    tile = d.find_element(By.CSS_SELECTOR, "#reductions-2022")
    assert tile.find_element(By.CSS_SELECTOR, ".value").text.strip() == "337", tile.text
    assert "2022年动态调减" in tile.text


def test_a_refused_change_request_comes_back_with_what_was_typed(resettle_server, browser, artifacts_dir):
    """Test D: a notice too short is refused on the person page itself, under the field, with
    the evidence and reason as typed; once corrected the same form goes through."""
    server, d = resettle_server, browser
    login(d, server, "county")
    open_page(d, server, "/people?status=active", "#people-table")
    rows = [r for r in table_rows(d, "#people-table") if r.get("状态") == "在册"]
    assert rows, "no person on the register to file a change for"
    person_id = person_id_of(rows[-1])
    open_page(d, server, f"/people/{person_id}", "#change-form")
    form = d.find_element(By.CSS_SELECTOR, "#change-form")
    Select(form.find_element(By.NAME, "kind")).select_by_value("reduction")
    Select(form.find_element(By.NAME, "reason")).select_by_value("nonAgricultural")
    set_date(d, form.find_element(By.NAME, "event_date"), days_before_today=30)
    event_date = form.find_element(By.NAME, "event_date").get_attribute("value")
    evidence = "户籍证明 邵公户字〔2022〕23号 <浏览器>"
    form.find_element(By.NAME, "evidence").send_keys(evidence)
    start = form.find_element(By.NAME, "notice_start").get_attribute("value")
    # A notice of three days: the office's minimum is seven.
    set_notice_days(d, form, 3)
    click_and_wait(d, form.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit]"))

    assert path_of(d) == f"/people/{person_id}", f"a refused form went to {d.current_url}: {page_text(d)[:400]}"
    refused = wait_for_css(d, "#form-refused").text
    assert "公示期为3天，不得少于7天" in refused, refused
    invalid = d.find_element(By.CSS_SELECTOR, "#change-form .field.invalid")
    assert "公示结束日期" in invalid.text and "公示期为3天" in invalid.text, invalid.text
    form = d.find_element(By.CSS_SELECTOR, "#change-form")
    assert form.find_element(By.NAME, "evidence").get_attribute("value") == evidence
    assert Select(form.find_element(By.NAME, "reason")).first_selected_option.get_attribute("value") == "nonAgricultural"
    assert form.find_element(By.NAME, "notice_start").get_attribute("value") == start
    assert form.find_element(By.NAME, "event_date").get_attribute("value") == event_date
    save_screenshot(d, artifacts_dir, "refused-change-form.png")

    # Corrected: a week's notice, and the same form is filed.
    set_notice_days(d, form, 7)
    click_and_wait(d, form.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit]"))
    assert re.fullmatch(rf"/changes/{UUID_RE}", path_of(d)), f"landed on {d.current_url}: {page_text(d)[:400]}"
    assert "已提交调减申请" in wait_for_css(d, ".flash").text
