"""End-to-end browser test of a village project (funds and projects issue, point 13): the
township clerk files the village meeting and submits the project, the leader leads the
county's pre-review, county staff approve it into the annual plan and arrange money from a
batch, the township builds, accepts and pays it through its finance office and hands it
over. A payment beyond the approved amount comes back refused with what was typed.

Run with ``python3 -m pytest -q Tests/browser`` (see README.md in this folder).
"""
from __future__ import annotations

import re

import pytest

try:
    import selenium  # noqa: F401
except ImportError as e:
    pytest.skip(f"browser tests skipped: Python package 'selenium' is not usable ({e})", allow_module_level=True)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

from pages import UUID_RE, click_and_wait, login, open_page, page_text, path_of, save_screenshot, wait_for_css  # noqa: E402

NAME = "大丰村机耕道硬化（浏览器测试）"


def set_date(driver, field, days_before_today: int) -> None:
    driver.execute_script(
        "const d = new Date(); d.setDate(d.getDate() - arguments[1]);"
        "arguments[0].value = d.toISOString().slice(0, 10);", field, days_before_today)


def fill(form, values: dict[str, str]) -> None:
    for name, value in values.items():
        field = form.find_element(By.NAME, name)
        if field.tag_name == "select":
            Select(field).select_by_value(value)
        else:
            field.clear()
            field.send_keys(value)


def take_step(driver, server, project_url: str, kind: str, values: dict[str, str] | None = None) -> str:
    """Fills the step's form on the project page and submits it; answers the flash text."""
    open_page(driver, server, project_url, f"#step-{kind}")
    form = driver.find_element(By.CSS_SELECTOR, f"#step-{kind} form")
    fill(form, values or {})
    click_and_wait(driver, form.find_element(By.CSS_SELECTOR, "[type=submit]"))
    text = page_text(driver)
    assert "已办理" in text, f"step {kind} was not taken: {text[:600]}"
    return text


def test_a_project_from_the_village_meeting_to_payment(resettle_server, new_browser, artifacts_dir):
    server = resettle_server
    clerk = new_browser()
    login(clerk, server, "jieling")

    # The township clerk files the village meeting, its notice having run from 19 to 12 days ago.
    open_page(clerk, server, "/projects/new", "form")
    form = clerk.find_element(By.CSS_SELECTOR, "main form")
    fill(form, {
        "name": NAME, "implementer": "大丰村村民委员会", "beneficiaries": "86", "planned_resettlement": "48000.00",
        "planned_self_raised": "2000", "attendance": "41", "decision": "一事一议，同意硬化机耕道1.1公里",
        "performance_target": "硬化机耕道：1.1公里",
    })
    Select(form.find_element(By.NAME, "village")).select_by_visible_text("界岭镇 大丰村")
    Select(form.find_element(By.NAME, "kind")).select_by_value("基础设施（道路）")
    for name, days in [("meeting_on", 20), ("notice_start", 19), ("notice_end", 12), ("schedule_start", 5),
                       ("schedule_end", 0)]:
        set_date(clerk, form.find_element(By.NAME, name), days)
    click_and_wait(clerk, form.find_element(By.CSS_SELECTOR, "[type=submit]"))
    assert re.fullmatch(rf"/projects/{UUID_RE}", path_of(clerk)), f"not on the project page: {page_text(clerk)[:600]}"
    project_url = path_of(clerk)
    assert "村级议事公示" in page_text(clerk)
    # The clerk is offered the submission, not the county's steps.
    assert clerk.find_elements(By.CSS_SELECTOR, "#step-submission")
    assert not clerk.find_elements(By.CSS_SELECTOR, "#step-approval")
    take_step(clerk, server, project_url, "submission")

    # The leader leads the pre-review; the form proposes the leader linked to 界岭镇.
    leader = new_browser()
    login(leader, server, "leader")
    open_page(leader, server, project_url, "#step-preReview")
    proposed = leader.find_element(By.CSS_SELECTOR, "#step-preReview [name=team_leader]").get_attribute("value")
    assert proposed == "王主任（中心领导）", proposed
    take_step(leader, server, project_url, "preReview", {"team_members": "财务股、项目股"})

    # County staff approve it into the plan and arrange money from the key-village batch.
    county = new_browser()
    login(county, server, "county")
    take_step(county, server, project_url, "approval", {"plan_document": "邵移〔2022〕12号"})
    # This year's first batch, registered on the overview, then arranged from its page.
    open_page(county, server, "/funds", "#batches")
    batch_form = county.find_element(By.CSS_SELECTOR, "form[action='/funds/batches']")
    fill(batch_form, {"category": "第一批到县资金", "document": "湘移〔浏览器〕3号", "level": "central",
                      "amount": "100000.00", "manager": "county"})
    set_date(county, batch_form.find_element(By.NAME, "received_on"), 3)
    click_and_wait(county, batch_form.find_element(By.CSS_SELECTOR, "[type=submit]"))
    assert "已登记湘移〔浏览器〕3号，10.00万元" in page_text(county), page_text(county)[:600]
    wait_for_css(county, "#arrangements")
    arrange = county.find_element(By.CSS_SELECTOR, f"form[action$='/arrangements']")
    Select(arrange.find_element(By.NAME, "project")).select_by_visible_text(
        next(o.text for o in arrange.find_elements(By.CSS_SELECTOR, "option") if NAME in o.text))
    fill(arrange, {"amount": "48000.00"})
    click_and_wait(county, arrange.find_element(By.CSS_SELECTOR, "[type=submit]"))
    assert "已安排48,000.00元" in page_text(county), page_text(county)[:600]

    # The township builds and accepts it; under 10万元 its finance office pays, with no county check.
    take_step(clerk, server, project_url, "start", {"contract": "JL-2022-031", "progress": "20"})
    take_step(clerk, server, project_url, "acceptance", {"settled": "48000.00"})
    open_page(clerk, server, project_url, "#payment-form")
    assert "无需县级复核" in page_text(clerk)
    pay = clerk.find_element(By.CSS_SELECTOR, "#payment-form form")
    fill(pay, {"kind": "final", "voucher": "JL-BZ-0031", "amount": "48000.01"})
    click_and_wait(clerk, pay.find_element(By.CSS_SELECTOR, "[type=submit]"))
    # refused, on the same page, with the reason beside the amount and the voucher kept
    assert path_of(clerk) == project_url
    error = clerk.find_element(By.CSS_SELECTOR, "#payment-form .field-error").text
    assert "超过核定金额" in error or "超出已安排的资金" in error, error
    assert clerk.find_element(By.CSS_SELECTOR, "#payment-form [name=voucher]").get_attribute("value") == "JL-BZ-0031"
    save_screenshot(clerk, artifacts_dir, "project-payment-refused.png")
    pay = clerk.find_element(By.CSS_SELECTOR, "#payment-form form")
    fill(pay, {"amount": "48000.00"})
    click_and_wait(clerk, pay.find_element(By.CSS_SELECTOR, "[type=submit]"))
    assert "已登记结算款48,000.00元" in page_text(clerk), page_text(clerk)[:600]
    take_step(clerk, server, project_url, "handover",
              {"asset_owner": "大丰村村民委员会", "upkeep_body": "大丰村", "upkeep_rules": "村规民约"})
    text = page_text(clerk)
    assert "已完工移交" in text
    for step in ["村民议事与公示", "乡镇申报", "县级事前预审", "列入年度计划", "开工", "乡镇验收", "完工移交"]:
        assert step in text, f"the history lacks {step}"
    save_screenshot(clerk, artifacts_dir, "project-closed.png")

    # Discipline inspection reads the project and may not act on it.
    discipline = new_browser()
    login(discipline, server, "discipline")
    open_page(discipline, server, project_url, "#project-steps")
    assert not discipline.find_elements(By.CSS_SELECTOR, "form[action*='/steps']")
    assert not discipline.find_elements(By.CSS_SELECTOR, "#payment-form")
