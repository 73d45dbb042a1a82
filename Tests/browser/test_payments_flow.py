"""End-to-end browser test of the quarterly payment flow (issue #4 item 11): county staff
generates the roll of a past quarter, a second user (leader) approves it, county exports the
one-card file, builds a bank result from it with a few deliberate differences, imports it and
reads the reconciliation counts; a second upload of the same file is refused.

Run with ``python3 -m pytest -q Tests/browser`` (see README.md in this folder).
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
import time
import xml.etree.ElementTree as ET
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from urllib.parse import urlparse

import pytest

try:
    import selenium  # noqa: F401
except ImportError as e:
    pytest.skip(f"browser tests skipped: Python package 'selenium' is not usable ({e})", allow_module_level=True)

from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from pages import UUID_RE, WAIT, click_and_wait, follow_job, login, open_page, page_text, path_of, save_screenshot, wait, wait_for_css  # noqa: E402

# Generating a roll of ~43 000 payees and importing a bank result of the same size take a
# few seconds each in a debug build; leave a wide margin for a loaded machine.
SLOW_WAIT = 180
PERIOD = "2022Q3"
PERIOD_CHINESE = "2022年第3季度"
ONECARD_HEADER = ["序号", "乡镇", "村", "姓名", "身份证号", "银行卡号", "开户银行", "金额", "摘要"]
BANK_HEADER = ["身份证号", "姓名", "银行卡号", "实发金额", "状态"]
ALL_KINDS = ["duplicate_in_roll", "duplicate_in_paid", "in_roll_not_paid", "paid_not_in_roll",
             "name_mismatch", "card_mismatch", "amount_mismatch", "payment_failed"]
AMOUNT_RE = re.compile(r"\d+\.\d{2}")
KIND_LABELS = {"duplicate_in_roll": "花名册中身份证号重复", "duplicate_in_paid": "银行结果中身份证号重复",
               "in_roll_not_paid": "花名册有、银行结果无", "paid_not_in_roll": "银行结果有、花名册无",
               "name_mismatch": "姓名不一致", "card_mismatch": "账号不一致", "amount_mismatch": "金额不一致",
               "payment_failed": "发放失败（退票）"}


# ----------------------------------------------------------------------------- helpers

def flash(driver) -> str:
    return wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".flash"))).text.strip()


def facts(driver, scope_css: str = "main") -> dict[str, str]:
    """The first ``dl.facts`` under ``scope_css`` as {dt: dd}."""
    dl = wait_for_css(driver, f"{scope_css} dl.facts")
    keys = [dt.text.strip() for dt in dl.find_elements(By.TAG_NAME, "dt")]
    values = [dd.text.strip() for dd in dl.find_elements(By.TAG_NAME, "dd")]
    assert len(keys) == len(values), f"unbalanced dl.facts: {keys} / {values}"
    return dict(zip(keys, values))


def table_rows(driver, table_css: str) -> list[dict]:
    """The rows of a table as dicts keyed by the header text, plus '_row' and '_class'.

    Read with one script call: the roll's totals table has ~150 rows and fetching each cell
    through WebDriver would take a while."""
    wait_for_css(driver, table_css)
    data = WebDriverWait(driver, WAIT, ignored_exceptions=(WebDriverException,)).until(lambda d: d.execute_script("""
        const t = document.querySelector(arguments[0]);
        const headers = [...t.querySelectorAll('thead th')].map(th => th.textContent.trim());
        return {headers, rows: [...t.querySelectorAll('tbody tr')].map(tr => ({
            cls: tr.className, cells: [...tr.querySelectorAll('td')].map(td => td.textContent.trim())}))};
    """, table_css))
    rows = []
    for r in data["rows"]:
        if not r["cells"]:
            continue
        row = dict(zip(data["headers"], r["cells"]))
        row["_row"] = " | ".join(r["cells"])
        row["_class"] = r["cls"] or ""
        rows.append(row)
    return rows


def yuan(text: str) -> Decimal:
    """An amount as the pages write it: 元 with two decimals, thousands separated by commas."""
    plain = text.replace(",", "")
    assert AMOUNT_RE.fullmatch(plain), f"not an amount in 元 with two decimals: {text!r}"
    return Decimal(plain)


def yuan_with_wan(text: str) -> Decimal:
    """A summary amount, 元 with 万元 beside it (1,234,567.00元（123.46万元）): the 元 figure."""
    m = re.fullmatch(r"([\d,]+\.\d{2})元（([\d,]+\.\d{2})万元）", text)
    assert m, f"not an amount in 元 and 万元: {text!r}"
    amount = yuan(m.group(1))
    assert yuan(m.group(2)) == (amount / 10000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), text
    return amount


def count(text: str) -> int:
    """A count as the pages write it, thousands separated by commas (43,210)."""
    assert re.fullmatch(r"\d{1,3}(,\d{3})*", text), f"not a count: {text!r}"
    return int(text.replace(",", ""))


def status_badge(driver) -> str:
    return wait_for_css(driver, "main .card .badge").text.strip()


def browser_post(driver, path: str) -> tuple[int, str]:
    """POST a form with the page's CSRF token from inside the browser (same cookies, same
    origin), the way a hand-crafted form would; returns (status, response text)."""
    result = driver.execute_async_script("""
        const [path, done] = arguments;
        const token = document.querySelector("input[name=_csrf]");
        const body = new URLSearchParams({_csrf: token ? token.value : ""});
        fetch(path, {method: "POST", body, credentials: "same-origin", redirect: "manual"})
          .then(r => r.text().then(t => done([r.status, t])))
          .catch(e => done([0, String(e)]));
    """, path)
    return int(result[0]), re.sub(r"<[^>]+>", " ", result[1])


def enable_downloads(driver, directory: Path) -> None:
    """Let headless Chromium save downloads into ``directory`` (the CDP equivalent of the
    ``download.default_directory`` preference, which needs no change to the shared driver)."""
    params = {"behavior": "allow", "downloadPath": str(directory)}
    try:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", params)
    except Exception:
        driver.execute_cdp_cmd("Page.setDownloadBehavior", params)


def wait_for_download(directory: Path, suffix: str, timeout: float = SLOW_WAIT) -> Path:
    """The single finished ``*suffix`` file in ``directory`` (no .crdownload, size stable)."""
    deadline = time.monotonic() + timeout
    last_size = -1
    while time.monotonic() < deadline:
        partial = list(directory.glob("*.crdownload"))
        done = [p for p in directory.iterdir() if p.name.endswith(suffix)]
        if done and not partial:
            size = done[0].stat().st_size
            if size > 0 and size == last_size:
                assert len(done) == 1, f"more than one download: {[p.name for p in done]}"
                return done[0]
            last_size = size
        time.sleep(0.3)
    raise AssertionError(f"no finished {suffix} download in {directory} after {timeout}s: "
                         f"{[p.name for p in directory.iterdir()]}")


def session_for(driver, server):
    """A requests session carrying the browser's cookies (for the XLSX/GBK downloads)."""
    import requests

    s = requests.Session()
    host = urlparse(server.base_url).hostname
    for c in driver.get_cookies():
        s.cookies.set(c["name"], c["value"], domain=host, path=c.get("path", "/"))
    return s


def xlsx_rows(data: bytes) -> list[list[str]]:
    """The first sheet of an XLSX as lists of cell texts (inline and shared strings)."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    z = zipfile.ZipFile(io.BytesIO(data))
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        root = ET.fromstring(z.read("xl/sharedStrings.xml"))
        shared = ["".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t")) for si in root.findall("m:si", ns)]
    sheet = sorted(n for n in z.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))[0]
    root = ET.fromstring(z.read(sheet))
    rows = []
    for row in root.iter(f"{{{ns['m']}}}row"):
        cells = []
        for c in row.findall("m:c", ns):
            kind = c.get("t")
            if kind == "inlineStr":
                cells.append("".join(t.text or "" for t in c.iter(f"{{{ns['m']}}}t")))
            elif kind == "s":
                cells.append(shared[int(c.find("m:v", ns).text)])
            else:
                v = c.find("m:v", ns)
                cells.append(v.text if v is not None and v.text else "")
        rows.append(cells)
    return rows


def gb11643_id(first17: str) -> str:
    """An 18-character resident ID with its GB 11643-1999 check character."""
    assert re.fullmatch(r"\d{17}", first17)
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(first17, weights))
    return first17 + "10X98765432"[total % 11]


def assert_valid_id(id_number: str) -> None:
    assert re.fullmatch(r"\d{17}[\dX]", id_number) and gb11643_id(id_number[:17]) == id_number, id_number


# ----------------------------------------------------------------------------- tests

def test_quarterly_roll_approve_export_and_reconcile(resettle_server, new_browser, artifacts_dir, tmp_path):
    """Generate (county) -> approve (leader) -> export (county) -> bank result -> reconciliation."""
    server = resettle_server
    county = new_browser()
    login(county, server, "county")

    # ---- 1. county generates the roll from 发放管理.
    open_page(county, server, "/", "header nav")
    click_and_wait(county, county.find_element(By.CSS_SELECTOR, "header nav a[href='/payments']"))
    assert path_of(county) == "/payments"
    assert county.find_element(By.TAG_NAME, "h1").text.strip() == "发放管理"
    existing = [r["发放期"] for r in table_rows(county, "#rolls")]
    assert not any(PERIOD_CHINESE in p for p in existing), f"{PERIOD} already has a roll: {existing}"
    form = wait_for_css(county, "form[action='/payments/rolls']")
    Select(form.find_element(By.NAME, "period")).select_by_value(PERIOD)
    click_and_wait(county, form.find_element(By.CSS_SELECTOR, "button[type=submit]"), timeout=SLOW_WAIT)
    follow_job(county, timeout=SLOW_WAIT)

    m = re.fullmatch(rf"/payments/rolls/({UUID_RE})", path_of(county))
    assert m, f"after generating landed on {county.current_url}: {page_text(county)[:500]}"
    roll_id, roll_path = m.group(1), path_of(county)
    assert county.find_element(By.TAG_NAME, "h1").text.strip() == f"{PERIOD_CHINESE}发放花名册"
    info = facts(county)
    assert info["发放期"] == PERIOD_CHINESE, info
    payees = count(info["发放人数"])
    total = yuan_with_wan(info["发放金额"])
    assert payees > 1000, f"suspiciously few payees for the demo county: {info}"
    per_period = re.search(r"每人每期(\d+\.\d{2})元", info["发放标准"])
    assert per_period, info["发放标准"]
    assert total == yuan(per_period.group(1)) * payees, (total, per_period.group(1), payees)
    assert flash(county) == f"已生成{PERIOD_CHINESE}花名册：{payees:,}人，{total:,.2f}元"
    assert status_badge(county) == "草稿（待审批）"
    assert info["生成人"].startswith("county"), info
    assert info["审批人"] in ("", "—"), info

    # Totals by township (and village): every township has a 小计 row; they add up.
    totals = table_rows(county, "#totals")
    subtotals = [r for r in totals if r["村"] == "小计"]
    assert len(subtotals) >= 5, f"too few township subtotals: {[r['_row'] for r in subtotals]}"
    assert all("subtotal" in r["_class"].split() for r in subtotals)
    assert "界岭镇" in {r["乡镇"] for r in subtotals}
    assert sum(count(r["人数"]) for r in subtotals) == payees
    assert sum(yuan(r["金额（元）"]) for r in subtotals) == total
    villages = [r for r in totals if r["村"] != "小计"]
    for sub in subtotals:
        mine = [r for r in villages if r["乡镇"] == sub["乡镇"]]
        assert mine and sum(count(r["人数"]) for r in mine) == count(sub["人数"]), sub["_row"]
    # The first page of payees is there and paginated.
    lines = table_rows(county, "#lines")
    assert 0 < len(lines) <= 100 and all(AMOUNT_RE.fullmatch(r["金额（元）"]) for r in lines)
    save_screenshot(county, artifacts_dir, "payments-roll-draft.png")

    # County (the generator, and not an approver role) cannot approve: no control on the
    # page, and a hand-made POST is refused with a Chinese explanation.
    assert not county.find_elements(By.CSS_SELECTOR, "form[action$='/approve']")
    assert "审批并锁定" not in page_text(county)
    status, body = browser_post(county, f"{roll_path}/approve")
    assert status == 403, (status, body[:300])
    assert "无权" in body, body[:300]
    # Nor can it export a draft.
    assert not county.find_elements(By.CSS_SELECTOR, "a[href*='/onecard.']")
    open_page(county, server, roll_path, "#totals")
    assert status_badge(county) == "草稿（待审批）", "the refused approval changed the roll"

    # ---- 2. leader approves in a second browser.
    leader = new_browser()
    login(leader, server, "leader")
    open_page(leader, server, "/payments", "#rolls")
    mine = [r for r in table_rows(leader, "#rolls") if r["发放期"] == PERIOD_CHINESE]
    assert len(mine) == 1 and mine[0]["状态"] == "草稿（待审批）", [r["_row"] for r in mine]
    click_and_wait(leader, leader.find_element(By.CSS_SELECTOR, f"#rolls a[href='{roll_path}']"))
    assert path_of(leader) == roll_path
    assert count(facts(leader)["发放人数"]) == payees
    approve = wait_for_css(leader, "form[action$='/approve'] button[type=submit]")
    assert approve.text.strip() == "审批并锁定"
    click_and_wait(leader, approve, timeout=SLOW_WAIT)
    assert path_of(leader) == roll_path, f"after approving landed on {leader.current_url}: {page_text(leader)[:500]}"
    assert flash(leader) == f"{PERIOD_CHINESE}花名册已审批锁定"
    assert status_badge(leader) == "已审批锁定"
    assert "ok" in leader.find_element(By.CSS_SELECTOR, "main .card .badge").get_attribute("class").split()
    info = facts(leader)
    assert info["审批人"] == "leader" and count(info["发放人数"]) == payees, info
    assert not leader.find_elements(By.CSS_SELECTOR, "form[action$='/approve'], form[action$='/generate']")
    # Leader approves but does not send money: no export or import links.
    assert not leader.find_elements(By.CSS_SELECTOR, "a[href*='/onecard.'], a[href$='/results/new']")

    # County sees it locked, in the list and on the page; regenerating is gone.
    open_page(county, server, "/payments", "#rolls")
    mine = [r for r in table_rows(county, "#rolls") if r["发放期"] == PERIOD_CHINESE]
    assert len(mine) == 1, [r["_row"] for r in mine]
    assert mine[0]["状态"] == "已审批锁定" and mine[0]["审批人"] == "leader" and mine[0]["生成人"] == "county", mine[0]["_row"]
    assert count(mine[0]["发放人数"]) == payees and yuan(mine[0]["金额（元）"]) == total, mine[0]["_row"]
    open_page(county, server, roll_path, "#totals")
    assert status_badge(county) == "已审批锁定"
    assert not county.find_elements(By.CSS_SELECTOR, "form[action$='/generate'], form[action$='/approve']")
    save_screenshot(county, artifacts_dir, "payments-roll-approved.png")

    # ---- 3. county exports the one-card file: CSV through the browser's download ...
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    enable_downloads(county, downloads)
    csv_link = wait_for_css(county, f"a[href='{roll_path}/onecard.csv']")
    assert "UTF-8" in csv_link.text
    csv_link.click()
    csv_file = wait_for_download(downloads, ".csv")
    assert PERIOD in csv_file.name, csv_file.name
    raw = csv_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "the UTF-8 CSV should start with a BOM for Excel"
    exported = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert ",".join(exported[0]) == "序号,乡镇,村,姓名,身份证号,银行卡号,开户银行,金额,摘要"
    body_rows = exported[1:]
    assert len(body_rows) == payees, f"CSV has {len(body_rows)} rows, the page says {payees} payees"
    assert [r[0] for r in body_rows] == [str(i) for i in range(1, payees + 1)]
    assert all(len(r) == len(ONECARD_HEADER) and AMOUNT_RE.fullmatch(r[7]) for r in body_rows)
    assert sum(Decimal(r[7]) for r in body_rows) == total
    assert body_rows[0][7] == per_period.group(1) == "150.00", body_rows[0]
    ids = [r[4] for r in body_rows]
    assert len(set(ids)) == len(ids), "an ID appears twice in the exported roll"
    assert all(r[5] for r in body_rows), "a payee without a bank card in the one-card file"

    # ... and XLSX and the GBK CSV fetched with the browser's session cookie.
    http = session_for(county, server)
    r = http.get(server.url(f"{roll_path}/onecard.xlsx"), timeout=SLOW_WAIT)
    assert r.status_code == 200, (r.status_code, r.text[:300])
    assert r.headers["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert r.headers.get("X-Content-SHA256") == hashlib.sha256(r.content).hexdigest()
    sheet = xlsx_rows(r.content)
    assert sheet[0] == ONECARD_HEADER, sheet[0]
    assert len(sheet) - 1 == payees
    assert [row[4] for row in sheet[1:]] == ids, "XLSX and CSV list different people or order"
    assert {row[7] for row in sheet[1:]} <= {r[7] for r in body_rows} and sheet[1][7] == "150.00", sheet[1]
    r = http.get(server.url(f"{roll_path}/onecard.csv?encoding=gbk"), timeout=SLOW_WAIT)
    assert r.status_code == 200 and "gb18030" in r.headers["Content-Type"].lower(), r.headers
    assert list(csv.reader(io.StringIO(r.content.decode("gb18030"), newline=""))) == exported

    # ---- 4. a bank result built from the export, with deliberate differences.
    n = len(body_rows)
    failed_rows = {n // 5, n // 2}
    amount_row = (2 * n) // 3
    removed_row = (4 * n) // 5
    prefix = "430582199001"
    extra_id = next(gb11643_id(f"{prefix}{k:05d}") for k in range(1, 99999)
                    if gb11643_id(f"{prefix}{k:05d}") not in set(ids))
    assert_valid_id(extra_id)
    bank = io.StringIO()
    w = csv.writer(bank, lineterminator="\r\n")
    w.writerow(BANK_HEADER)
    for i, row in enumerate(body_rows):
        if i == removed_row:
            continue
        amount = row[7]
        if i == amount_row:
            amount = str(Decimal(amount) - Decimal("1.00"))
        w.writerow([row[4], row[3], row[5], amount, "失败" if i in failed_rows else "成功"])
    w.writerow([extra_id, "测试外来人", "6214590000000000017", "150.00", "成功"])
    bank_file = tmp_path / f"银行发放结果_{PERIOD}.csv"
    bank_file.write_bytes(bank.getvalue().encode("gb18030"))
    expected = {
        (KIND_LABELS["payment_failed"], body_rows[i][4]) for i in failed_rows
    } | {(KIND_LABELS["amount_mismatch"], body_rows[amount_row][4]),
         (KIND_LABELS["in_roll_not_paid"], body_rows[removed_row][4]), (KIND_LABELS["paid_not_in_roll"], extra_id)}
    paid_expected = sum(Decimal(r[7]) for i, r in enumerate(body_rows) if i not in failed_rows | {removed_row}) \
        - Decimal("1.00") + Decimal("150.00")

    open_page(county, server, roll_path, "#totals")
    click_and_wait(county, wait_for_css(county, f"a[href='{roll_path}/results/new']"))
    assert path_of(county) == f"{roll_path}/results/new"
    upload = wait_for_css(county, f"form[action='{roll_path}/results'] input[type=file][name=file]")
    upload.send_keys(str(bank_file))
    click_and_wait(county, county.find_element(By.CSS_SELECTOR, f"form[action='{roll_path}/results'] button[type=submit]"),
                   timeout=SLOW_WAIT)
    follow_job(county, timeout=SLOW_WAIT)
    # The file is read and shown before anything is written: figures per kind and the first rows.
    assert re.fullmatch(rf"{roll_path}/results/preview/[0-9a-f]{{64}}", path_of(county)), county.current_url
    assert county.find_element(By.TAG_NAME, "h1").text.strip() == f"银行结果预览（{PERIOD_CHINESE}）"
    preview = facts(county)
    assert count(preview["银行结果行数"]) == n and count(preview["发放失败"]) == 2, preview
    assert count(preview["差异合计"]) == 5, preview
    assert count(wait_for_css(county, "#preview-counts td[data-kind='payment_failed']").text.strip()) == 2
    assert len(table_rows(county, "#preview-rows")) == 20
    open_page(county, server, roll_path, "#totals")
    assert not county.find_elements(By.CSS_SELECTOR, "#results"), "a previewed file already counts for the roll"
    county.back()
    save_screenshot(county, artifacts_dir, "payments-bank-preview.png")
    click_and_wait(county, wait_for_css(county, "#confirm-form button[type=submit]"), timeout=SLOW_WAIT)
    follow_job(county, timeout=SLOW_WAIT)
    m = re.fullmatch(rf"/payments/results/({UUID_RE})", path_of(county))
    assert m, f"the import did not reach the reconciliation page: {county.current_url}\n{page_text(county)[:1500]}"
    result_path = path_of(county)
    assert flash(county) == f"已导入银行结果 {n} 行，差异 5 处"
    assert county.find_element(By.TAG_NAME, "h1").text.strip() == f"对账结果（{PERIOD_CHINESE}）"
    counts = {kind: int(wait_for_css(county, f"#counts td[data-kind='{kind}']").text.strip()) for kind in ALL_KINDS}
    assert counts == {"duplicate_in_roll": 0, "duplicate_in_paid": 0, "in_roll_not_paid": 1, "paid_not_in_roll": 1,
                      "name_mismatch": 0, "card_mismatch": 0, "amount_mismatch": 1, "payment_failed": 2}, counts
    assert status_badge(county) == "共 5 处差异"
    info = facts(county)
    assert info["银行结果文件"] == bank_file.name, info
    assert count(info["花名册行数"]) == payees and count(info["银行结果行数"]) == n, info
    assert count(info["发放失败行数"]) == 2 and yuan(info["银行实发金额（元）"]) == paid_expected, info
    found = {(r["类别"], r["身份证号"]) for r in table_rows(county, "#differences")}
    assert found == expected, f"differences listed {sorted(found)}, expected {sorted(expected)}"
    save_screenshot(county, artifacts_dir, "payments-reconciliation.png")

    # The filter by kind lists only that kind.
    click_and_wait(county, county.find_element(By.CSS_SELECTOR, f"#counts a[href='{result_path}?kind=payment_failed']"))
    filtered = table_rows(county, "#differences")
    assert {(r["类别"], r["身份证号"]) for r in filtered} == {e for e in expected if e[0] == KIND_LABELS["payment_failed"]}
    # A payee on the roll is named with township and village and linked to the person's page.
    assert all(r["姓名"] and r["乡镇"] and r["村"] for r in filtered), [r["_row"] for r in filtered]
    assert len(county.find_elements(By.CSS_SELECTOR, "#differences a[href^='/people/']")) == len(filtered)
    assert "selected" in county.find_element(By.CSS_SELECTOR, "#counts tr.selected").get_attribute("class")

    # The two failed payments are now re-issue cases.
    open_page(county, server, "/payments/reissues", "#reissues")
    reissues = [r for r in table_rows(county, "#reissues") if r["所属期"] == PERIOD_CHINESE]
    assert {r["身份证号"] for r in reissues} == {body_rows[i][4] for i in failed_rows}, [r["_row"] for r in reissues]

    # ---- the same file again: refused (same SHA-256), in Chinese, nothing written.
    open_page(county, server, f"{roll_path}/results/new", f"form[action='{roll_path}/results']")
    county.find_element(By.CSS_SELECTOR, "input[type=file][name=file]").send_keys(str(bank_file))
    click_and_wait(county, county.find_element(By.CSS_SELECTOR, f"form[action='{roll_path}/results'] button[type=submit]"),
                   timeout=SLOW_WAIT)
    assert path_of(county) == f"{roll_path}/results", county.current_url
    errors = table_rows(county, "#import-errors")
    assert len(errors) == 1 and errors[0]["类别"] == "重复文件", [e["_row"] for e in errors]
    assert "该文件已导入过" in errors[0]["说明"] and "不能重复导入" in errors[0]["说明"], errors[0]["说明"]
    assert bank_file.name in errors[0]["说明"]
    assert "文件未导入" in page_text(county)

    open_page(county, server, roll_path, "#results")
    results = table_rows(county, "#results")
    assert len(results) == 1, f"the duplicate upload was stored: {[r['_row'] for r in results]}"
    assert results[0]["文件"] == bank_file.name and results[0]["失败"] == "2" and results[0]["差异"] == "5", results[0]["_row"]
    assert county.find_element(By.CSS_SELECTOR, f"#results a[href='{result_path}']")

    # ---- a wrong result is voided by a second person, with a reason; the same file then imports again.
    open_page(county, server, result_path, "#counts")
    assert not county.find_elements(By.CSS_SELECTOR, "#void-form")
    assert "另一人" in wait_for_css(county, "#void-refusal").text
    open_page(leader, server, result_path, "#void-form")
    # The reason is required in the form (the server refuses an empty one too: BankResultVoidTests).
    assert leader.find_element(By.CSS_SELECTOR, "#void-form textarea[name=reason]").get_attribute("required")
    leader.find_element(By.CSS_SELECTOR, "#void-form textarea[name=reason]").send_keys("列对应错误，重新导入")
    click_and_wait(leader, leader.find_element(By.CSS_SELECTOR, "#void-form button[type=submit]"))
    assert path_of(leader) == result_path, leader.current_url
    assert "列对应错误，重新导入" in wait_for_css(leader, "#voided").text
    save_screenshot(leader, artifacts_dir, "payments-bank-result-voided.png")
    open_page(county, server, roll_path, "#totals")
    assert not county.find_elements(By.CSS_SELECTOR, "#results"), "a voided result still counts for the roll"
    open_page(county, server, "/payments/reissues", "#reissues")
    assert not [r for r in table_rows(county, "#reissues") if r["所属期"] == PERIOD_CHINESE and not r["状态"].startswith("已撤回")]

    open_page(county, server, f"{roll_path}/results/new", f"form[action='{roll_path}/results']")
    county.find_element(By.CSS_SELECTOR, "input[type=file][name=file]").send_keys(str(bank_file))
    click_and_wait(county, county.find_element(By.CSS_SELECTOR, f"form[action='{roll_path}/results'] button[type=submit]"),
                   timeout=SLOW_WAIT)
    follow_job(county, timeout=SLOW_WAIT)
    click_and_wait(county, wait_for_css(county, "#confirm-form button[type=submit]"), timeout=SLOW_WAIT)
    follow_job(county, timeout=SLOW_WAIT)
    again = path_of(county)
    assert re.fullmatch(rf"/payments/results/({UUID_RE})", again) and again != result_path, county.current_url
    open_page(county, server, roll_path, "#results")
    assert [r["文件"] for r in table_rows(county, "#results")] == [bank_file.name]
    assert county.find_element(By.CSS_SELECTOR, f"#results a[href='{again}']")
    open_page(county, server, "/payments/reissues", "#reissues")
    open_cases = [r for r in table_rows(county, "#reissues") if r["所属期"] == PERIOD_CHINESE and not r["状态"].startswith("已撤回")]
    assert {r["身份证号"] for r in open_cases} == {body_rows[i][4] for i in failed_rows}, [r["_row"] for r in open_cases]


def test_generator_cannot_approve_own_roll(resettle_server, browser):
    """Four eyes: admin may approve rolls, but not one it generated itself."""
    server, d = resettle_server, browser
    period = "2022Q2"
    login(d, server, "admin")
    open_page(d, server, "/payments", "form[action='/payments/rolls']")
    form = d.find_element(By.CSS_SELECTOR, "form[action='/payments/rolls']")
    Select(form.find_element(By.NAME, "period")).select_by_value(period)
    click_and_wait(d, form.find_element(By.CSS_SELECTOR, "button[type=submit]"), timeout=SLOW_WAIT)
    follow_job(d, timeout=SLOW_WAIT)
    m = re.fullmatch(rf"/payments/rolls/({UUID_RE})", path_of(d))
    assert m, f"after generating landed on {d.current_url}: {page_text(d)[:500]}"
    roll_path = path_of(d)
    assert status_badge(d) == "草稿（待审批）"
    assert facts(d)["生成人"].startswith("admin")
    assert not d.find_elements(By.CSS_SELECTOR, "form[action$='/approve']")
    # A hand-made approval from the roll's page is refused and comes back to that page with
    # the reason (a redirect, which fetch reports as status 0 when not followed).
    status, body = browser_post(d, f"{roll_path}/approve")
    assert status in (0, 303), (status, body[:300])
    open_page(d, server, roll_path, "#totals")
    refused = wait_for_css(d, "#form-refused").text
    assert "须由生成人以外的另一人审批" in refused, refused
    assert status_badge(d) == "草稿（待审批）"
