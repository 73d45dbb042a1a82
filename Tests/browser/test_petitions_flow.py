"""End-to-end browser test of a petition (petitions issue, point 11): county staff register a
group visit of six with two representatives, accept it, assign it to the township's clerk,
answer it with the written reply (处理意见书) and close it with the petitioner's satisfaction.
A reply dated before the acceptance comes back refused with the reason and what was typed;
the clerk then finds the petition on their own home page while it runs.

Run with ``python3 -m pytest -q Tests/browser`` (see README.md in this folder).
"""
from __future__ import annotations

import datetime
import io
import re
import zipfile

import pytest

try:
    import selenium  # noqa: F401
except ImportError as e:
    pytest.skip(f"browser tests skipped: Python package 'selenium' is not usable ({e})", allow_module_level=True)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

from pages import UUID_RE, click_and_wait, login, open_page, page_text, path_of, save_screenshot  # noqa: E402
from test_payments_flow import session_for  # noqa: E402

REQUEST = "移民安置点排水沟堵塞（浏览器测试）"


def fill(form, values: dict[str, str]) -> None:
    for name, value in values.items():
        field = form.find_element(By.NAME, name)
        if field.tag_name == "select":
            Select(field).select_by_value(value)
        else:
            field.clear()
            field.send_keys(value)


def set_date(driver, field, day: datetime.date) -> None:
    driver.execute_script("arguments[0].value = arguments[1];", field, day.isoformat())


def step(driver, server, url: str, action: str, values: dict[str, str], dates: dict[str, datetime.date]) -> str:
    """Fills the step's form on the petition page and submits it; answers the page text."""
    open_page(driver, server, url, f"#step-{action}")
    form = driver.find_element(By.CSS_SELECTOR, f"#step-{action} form")
    fill(form, values)
    for name, day in dates.items():
        set_date(driver, form.find_element(By.NAME, name), day)
    click_and_wait(driver, form.find_element(By.CSS_SELECTOR, "[type=submit]"))
    return page_text(driver)


def test_a_group_visit_from_registration_to_closure(resettle_server, new_browser, artifacts_dir):
    server = resettle_server
    today = datetime.date.today()
    staff = new_browser()
    login(staff, server, "county")

    # Register a group visit of six; two representatives speak for it, one is a resettler.
    open_page(staff, server, "/petitions/new", "main form")
    form = staff.find_element(By.CSS_SELECTOR, "main form")
    fill(form, {
        "headcount": "6", "township": "430582101", "category": "生产生活困难", "request": REQUEST,
        "facts": "雨季排水沟堵塞，积水进屋", "role1": "representative", "name1": "罗代表", "phone1": "13800000011",
        "role2": "representative", "name2": "彭代表", "phone2": "13800000012",
    })
    Select(form.find_element(By.NAME, "channel")).select_by_value("visit")
    click_and_wait(staff, form.find_element(By.CSS_SELECTOR, "[type=submit]"))
    assert re.fullmatch(rf"/petitions/{UUID_RE}", path_of(staff)), f"not on the petition page: {page_text(staff)[:600]}"
    url = path_of(staff)
    text = page_text(staff)
    assert "已登记XF" in text and REQUEST in text and "6人" in text
    assert "待受理" in text and "受理告知" in text
    save_screenshot(staff, artifacts_dir, "petition-registered.png")

    # Accept it today and assign it to the township's clerk.
    text = step(staff, server, url, "decide", {"decision": "accepted"}, {"day": today})
    assert "办理中" in text, text[:600]
    text = step(staff, server, url, "assign", {"assigned_to": "界岭镇", "assignee": "jieling"},
                {"due": today + datetime.timedelta(days=30)})
    assert "交界岭镇（jieling）办理" in text, text[:600]

    # The clerk sees it on the home page while it runs.
    clerk = new_browser()
    login(clerk, server, "jieling")
    open_page(clerk, server, "/", "main")
    # Due in 60 days: not yet on the board; the board shows what is due within 7.
    assert REQUEST not in page_text(clerk)
    open_page(clerk, server, url, "main")
    assert REQUEST in page_text(clerk)

    # A reply dated before the acceptance is refused with the reason; the typed opinion stays.
    text = step(staff, server, url, "reply", {"outcome": "supported", "opinion": "安排疏通排水沟"},
                {"day": today - datetime.timedelta(days=3)})
    assert "早于受理日期" in text, text[:600]
    opinion = staff.find_element(By.CSS_SELECTOR, "#step-reply textarea[name=opinion]")
    assert opinion.get_attribute("value") == "安排疏通排水沟"
    assert "办理中" in page_text(staff)
    save_screenshot(staff, artifacts_dir, "petition-reply-refused.png")
    # The other forms on the page are not marked: the note form keeps today's date.
    note_day = staff.find_element(By.CSS_SELECTOR, "#step-note input[name=day]").get_attribute("value")
    assert note_day == today.isoformat()

    # The reply, delivered today; the petitioner is satisfied.
    text = step(staff, server, url, "reply", {"outcome": "supported", "opinion": "安排疏通排水沟，三日内完成"},
                {"day": today, "delivered_on": today})
    assert "已办结" in text, text[:600]
    text = step(staff, server, url, "satisfaction", {"satisfaction": "satisfied"}, {})
    assert "满意" in text
    save_screenshot(staff, artifacts_dir, "petition-closed.png")

    # The written reply as DOCX, with the petition's fields filled in.
    link = staff.find_element(By.LINK_TEXT, "下载处理意见书（DOCX）").get_attribute("href")
    answer = session_for(staff, server).get(link, timeout=30)
    assert answer.status_code == 200
    document = zipfile.ZipFile(io.BytesIO(answer.content)).read("word/document.xml").decode("utf-8")
    for expected in ["信访事项处理意见书", "罗代表、彭代表等6人", REQUEST, "安排疏通排水沟，三日内完成", "予以支持"]:
        assert expected in document, f"{expected} not in the reply"

    # This year's statistics count it: one more batch, six more person-times.
    open_page(staff, server, "/petitions/statistics", "#petition-summary")
    summary = staff.find_element(By.CSS_SELECTOR, "#petition-summary").text
    batches, people = map(int, re.search(r"接待信访(\d+)批(\d+)人次", summary).groups())
    assert batches >= 1 and people >= 6
