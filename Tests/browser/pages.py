"""Page helpers shared by the browser tests: waiting, reading the page, logging in."""

from __future__ import annotations

from urllib.parse import urlparse

from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import DEMO_PASSWORD

WAIT = 30
UUID_RE = r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"


def wait(driver, timeout: float = WAIT) -> WebDriverWait:
    return WebDriverWait(driver, timeout)


def path_of(driver) -> str:
    return urlparse(driver.current_url).path


def page_text(driver) -> str:
    return driver.find_element(By.TAG_NAME, "body").text


def wait_for_css(driver, css: str, timeout: float = WAIT):
    """Wait for an element; on timeout fail with the URL and what the page said instead."""
    try:
        return wait(driver, timeout).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))
    except TimeoutException:
        try:
            body = page_text(driver)[:800]
        except Exception as e:  # the page itself may be broken
            body = f"(no page text: {e})"
        raise AssertionError(f"{css!r} did not appear within {timeout}s on {driver.current_url} "
                             f"(title {driver.title!r}); page text:\n{body}") from None


def click_and_wait(driver, element, timeout: float = WAIT) -> None:
    """Click a submit button or link and wait until the old page has been replaced."""
    # The old document is marked and the wait is for a document without the mark. Waiting for
    # the old <html> node to go stale races the navigation: asked mid-swap, Chromium answers
    # "node does not belong to the document" instead of "stale", which is the same fact.
    driver.execute_script("document.documentElement.dataset.replacedPage = '1'")
    element.click()

    def replaced_and_loaded(d) -> bool:
        return d.execute_script(
            "return document.documentElement.dataset.replacedPage === undefined"
            " && document.readyState === 'complete'")

    # While the new document replaces the old one a script can hit a destroyed execution
    # context ("unknown error"): that only means "not yet".
    WebDriverWait(driver, timeout, ignored_exceptions=(WebDriverException,)).until(replaced_and_loaded)


def follow_job(driver, timeout: float = WAIT) -> None:
    """Long work runs as a background job: a form lands on the job's page, whose script moves
    the progress bar and then opens the result. Wait until the result page is there."""
    if not path_of(driver).startswith("/jobs/"):
        return
    try:
        WebDriverWait(driver, timeout, ignored_exceptions=(WebDriverException,)).until(
            lambda d: not path_of(d).startswith("/jobs/") and d.execute_script("return document.readyState") == "complete")
    except TimeoutException:
        raise AssertionError(f"the job at {driver.current_url} did not lead to its result: {page_text(driver)[:800]}")


def open_page(driver, server, path: str, ready_css: str = "main") -> None:
    driver.get(server.url(path))
    wait_for_css(driver, ready_css)


def login(driver, server, username: str) -> None:
    open_page(driver, server, "/login", "#login-form")
    form = driver.find_element(By.CSS_SELECTOR, "#login-form")
    form.find_element(By.NAME, "username").send_keys(username)
    form.find_element(By.NAME, "password").send_keys(DEMO_PASSWORD)
    click_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit]"))
    assert path_of(driver) != "/login", f"login as {username} failed: {page_text(driver)[:500]}"
    wait_for_css(driver, "header .who")


def save_screenshot(driver, artifacts_dir, name: str) -> None:
    if artifacts_dir is not None:
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(str(artifacts_dir / name))
