"""End-to-end browser test of an import into a register that is already built: county staff
upload a list of newcomers, first with a notice that is too short (refused beside the field,
what was typed kept), then with a week's notice; every newcomer is written 待审批 with an
addition request (调增) in notice, which the township sees in its own list. Read-only staff
cannot reach the import page.

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

from pages import click_and_wait, login, open_page, page_text, path_of, save_screenshot, wait_for_css  # noqa: E402
from test_payments_flow import gb11643_id  # noqa: E402
from test_register_flow import set_notice_days, table_rows  # noqa: E402

HEADER = "身份证号,姓名,性别,与户主关系,户主身份证号,乡镇,村,组,水库,移民类型,搬迁完成日期,开户银行,银行卡号,联系电话"
# Born in Beijing's Dongcheng district: no demo resident has these IDs.
HEAD = gb11643_id("11010119800101021")  # 17th digit odd: a man
CHILD = gb11643_id("11010120100101022")  # even: a girl


def newcomers_csv() -> str:
    return "\n".join([
        HEADER,
        f"{HEAD},浏览器新户,男,户主,{HEAD},界岭镇,大丰村,3,柘溪水库,现状,,邵东农商银行,,",
        f"{CHILD},浏览器新女,女,子女,{HEAD},界岭镇,大丰村,3,柘溪水库,现状,,,,",
    ]) + "\n"


def submit(driver):
    form = driver.find_element(By.CSS_SELECTOR, "#import-form")
    click_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit]"))


def test_a_later_import_files_addition_requests_in_notice(resettle_server, new_browser, artifacts_dir, tmp_path):
    server = resettle_server
    upload = tmp_path / "界岭镇调增名单.csv"
    upload.write_text(newcomers_csv(), encoding="utf-8")

    county = new_browser()
    login(county, server, "county")
    open_page(county, server, "/import/people", "#import-form")
    text = page_text(county)
    assert "已建库" in text and "逐人提出调增申请" in text, text[:600]
    save_screenshot(county, artifacts_dir, "import-additions-form.png")

    # A notice of three days: refused on the import page itself, beside the field.
    form = county.find_element(By.CSS_SELECTOR, "#import-form")
    evidence = "界岭镇人民政府关于调增移民的报告 <浏览器>"
    form.find_element(By.NAME, "evidence").send_keys(evidence)
    set_notice_days(county, form, 3)
    form.find_element(By.CSS_SELECTOR, "input[type=file][name=file]").send_keys(str(upload))
    submit(county)
    assert path_of(county) == "/import/people", f"a refused upload went to {county.current_url}"
    invalid = wait_for_css(county, "#import-form .field.invalid")
    assert "公示结束日期" in invalid.text and "不得少于7天" in invalid.text, invalid.text
    form = county.find_element(By.CSS_SELECTOR, "#import-form")
    assert form.find_element(By.NAME, "evidence").get_attribute("value") == evidence
    save_screenshot(county, artifacts_dir, "import-additions-refused.png")

    # A week's notice: imported as additions, each in notice.
    set_notice_days(county, form, 7)
    notice_end = form.find_element(By.NAME, "notice_end").get_attribute("value")
    form.find_element(By.CSS_SELECTOR, "input[type=file][name=file]").send_keys(str(upload))
    submit(county)
    # An import's job page itself tells how it ended.
    assert path_of(county).startswith("/jobs/"), county.current_url
    wait_for_css(county, "#job-summary, #job-error", timeout=120)
    result = page_text(county)
    assert "新增 2 人" in result, result[:800]
    year, month, day = (int(x) for x in notice_end.split("-"))
    assert f"已为每人提出调增申请（共 2 条），公示至{year}年{month}月{day}日" in result, result[:800]
    save_screenshot(county, artifacts_dir, "import-additions-done.png")

    # The newcomer is 待审批, with the addition request on their page.
    open_page(county, server, f"/people?q={HEAD}", "#people-table")
    rows = table_rows(county, "#people-table")
    assert [r["状态"] for r in rows] == ["待审批"], rows
    click_and_wait(county, rows[0]["_cells"][0].find_element(By.CSS_SELECTOR, "a[href^='/people/']"))
    person = page_text(county)
    assert "调增" in person and "公示中" in person, person[:1200]

    # The township reviews from its own list once the notice has ended.
    jieling = new_browser()
    login(jieling, server, "jieling")
    open_page(jieling, server, "/changes?kind=addition", "main")
    listed = page_text(jieling)
    assert "浏览器新户" in listed and "浏览器新女" in listed, listed[:1200]

    # Read-only staff cannot reach the import.
    finance = new_browser()
    login(finance, server, "finance")
    finance.get(server.url("/import/people"))
    assert not finance.find_elements(By.CSS_SELECTOR, "#import-form")
    assert re.search(r"无权|没有权限|403", page_text(finance)), page_text(finance)[:400]
