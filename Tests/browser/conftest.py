"""Fixtures for the Resettle browser tests.

* ``resettle_server`` (session): starts the real, already built server binary with the demo
  data set in a fresh data directory on a free port, waits for ``/healthz``, stops it at the
  end and prints its log when a test failed.
* ``browser`` / ``new_browser``: headless Chromium driven by chromedriver via Selenium.

The tests are skipped (not failed) when Selenium, Chromium or chromedriver are not installed.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BIN = REPO_ROOT / ".build" / "debug" / "resettle"

SERVER_BIN = Path(os.environ.get("RESETTLE_BIN", str(DEFAULT_BIN)))
CHROMIUM_BIN = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
CHROMEDRIVER_BIN = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")

HEALTH_TIMEOUT = float(os.environ.get("RESETTLE_HEALTH_TIMEOUT", "180"))
# The binary may be briefly missing while someone else rebuilds it.
BIN_WAIT = float(os.environ.get("RESETTLE_BIN_WAIT", "120"))

DEMO_PASSWORD = "demo1234"


def _missing_browser_reason() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "Python package 'selenium' is not installed (pip install selenium)"
    chromium = shutil.which(CHROMIUM_BIN) if not os.path.isabs(CHROMIUM_BIN) else CHROMIUM_BIN
    if not chromium or not os.access(chromium, os.X_OK):
        return f"Chromium not found at {CHROMIUM_BIN} (set CHROMIUM_BIN)"
    driver = shutil.which(CHROMEDRIVER_BIN) if not os.path.isabs(CHROMEDRIVER_BIN) else CHROMEDRIVER_BIN
    if not driver or not os.access(driver, os.X_OK):
        return f"chromedriver not found at {CHROMEDRIVER_BIN} (set CHROMEDRIVER_BIN)"
    return None


MISSING_BROWSER = _missing_browser_reason()


def pytest_collection_modifyitems(config, items):
    """Skip every browser test up front when the browser stack is missing, so the server
    is not even started."""
    if MISSING_BROWSER is None:
        return
    here = Path(__file__).parent
    marker = pytest.mark.skip(reason=f"browser tests skipped: {MISSING_BROWSER}")
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(marker)


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Remember on the session whether any test failed, so the server log gets printed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)
    if report.failed:
        item.session.resettle_failed = True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_binary(path: Path) -> None:
    deadline = time.monotonic() + BIN_WAIT
    while not (path.is_file() and os.access(path, os.X_OK)):
        if time.monotonic() > deadline:
            pytest.fail(f"server binary {path} does not exist (build it first or set RESETTLE_BIN)")
        time.sleep(2)


class ResettleServer:
    def __init__(self, base_url: str, process: subprocess.Popen, log_path: Path, data_dir: Path):
        self.base_url = base_url
        self.process = process
        self.log_path = log_path
        self.data_dir = data_dir

    def url(self, path: str) -> str:
        return self.base_url + path

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError as e:
            return f"(could not read server log: {e})"


def _start(tmp: Path) -> ResettleServer:
    _wait_for_binary(SERVER_BIN)
    data_dir = tmp / "data"
    data_dir.mkdir()
    log_path = tmp / "server.log"
    port = _free_port()
    env = dict(os.environ, RESETTLE_DATA=str(data_dir))
    cmd = [str(SERVER_BIN), "serve", "--demo", "--hostname", "127.0.0.1", "--port", str(port)]
    log_file = open(log_path, "wb")
    try:
        process = subprocess.Popen(cmd, env=env, cwd=str(REPO_ROOT), stdout=log_file, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        # The binary can vanish between the check and the exec while it is being rebuilt.
        time.sleep(5)
        _wait_for_binary(SERVER_BIN)
        process = subprocess.Popen(cmd, env=env, cwd=str(REPO_ROOT), stdout=log_file, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    finally:
        log_file.close()
    server = ResettleServer(f"http://127.0.0.1:{port}", process, log_path, data_dir)

    deadline = time.monotonic() + HEALTH_TIMEOUT
    last = "no answer yet"
    while True:
        if process.poll() is not None:
            _stop(process)
            pytest.fail(f"server exited with code {process.returncode} before becoming healthy\n"
                        f"--- server log ---\n{server.log()}")
        try:
            with urllib.request.urlopen(server.url("/healthz"), timeout=5) as r:
                if r.status == 200:
                    return server
                last = f"HTTP {r.status}"
        except urllib.error.HTTPError as e:
            last = f"HTTP {e.code}"
        except (urllib.error.URLError, OSError) as e:
            last = str(e)
        if time.monotonic() > deadline:
            _stop(process)
            pytest.fail(f"server not healthy after {HEALTH_TIMEOUT:.0f}s ({last})\n--- server log ---\n{server.log()}")
        time.sleep(0.5)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def resettle_server(request):
    if MISSING_BROWSER is not None:  # belt and braces; normally skipped at collection
        pytest.skip(f"browser tests skipped: {MISSING_BROWSER}")
    tmp = Path(tempfile.mkdtemp(prefix="resettle-browser-"))
    server = _start(tmp)
    try:
        yield server
    finally:
        _stop(server.process)
        if getattr(request.session, "resettle_failed", False):
            sys.stderr.write(f"\n===== resettle server log ({server.log_path}) =====\n{server.log()}\n===== end of server log =====\n")
            sys.stderr.flush()
        if os.environ.get("RESETTLE_KEEP_DATA"):
            sys.stderr.write(f"server data kept in {tmp}\n")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def _make_driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM_BIN
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--lang=zh-CN", "--disable-gpu"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER_BIN), options=options)
    driver.set_page_load_timeout(60)
    return driver


def _artifacts_path() -> Path | None:
    raw = os.environ.get("BROWSER_ARTIFACTS")
    if not raw:
        return None
    path = Path(raw)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _dump_failed_browser(name: str, driver) -> None:
    """On a failed test: where each browser was, and (with BROWSER_ARTIFACTS) a screenshot
    and the page source."""
    try:
        sys.stderr.write(f"\n[{name}] last URL: {driver.current_url} title: {driver.title!r}\n")
        target = _artifacts_path()
        if target is not None:
            driver.save_screenshot(str(target / f"{name}.png"))
            (target / f"{name}.html").write_text(driver.page_source, encoding="utf-8")
            sys.stderr.write(f"[{name}] screenshot and page source saved in {target}\n")
    except Exception as e:
        sys.stderr.write(f"[{name}] could not capture the browser state: {e}\n")


@pytest.fixture
def new_browser(request):
    """A factory for extra, independent browsers (separate cookie jars); all are quit at the end."""
    if MISSING_BROWSER is not None:
        pytest.skip(f"browser tests skipped: {MISSING_BROWSER}")
    drivers = []

    def make():
        d = _make_driver()
        drivers.append(d)
        return d

    yield make
    report = getattr(request.node, "rep_call", None)
    failed = report is not None and report.failed
    for i, d in enumerate(drivers):
        if failed:
            _dump_failed_browser(f"FAILED-{request.node.name}-browser{i + 1}", d)
        try:
            d.quit()
        except Exception:
            pass


@pytest.fixture
def browser(new_browser):
    return new_browser()


@pytest.fixture
def artifacts_dir() -> Path | None:
    """The directory named by $BROWSER_ARTIFACTS (created), or None."""
    return _artifacts_path()


def _describe_exit(code: int) -> str:
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"was killed by {name} (not by these tests: another process stopped it?)"
    return f"exited with code {code}"


@pytest.fixture(autouse=True)
def _server_still_running(request):
    """Fail clearly when the server is gone, instead of with a browser connection error."""
    uses_server = "resettle_server" in request.fixturenames
    if uses_server:
        server = request.getfixturevalue("resettle_server")
        if server.process.poll() is not None:
            pytest.fail(f"the resettle server {_describe_exit(server.process.returncode)} before this test; "
                        f"log: {server.log_path}")
    yield
    report = getattr(request.node, "rep_call", None)
    if uses_server and report is not None and report.failed:
        code = server.process.poll()
        if code is not None:
            sys.stderr.write(f"\n!!! the resettle server {_describe_exit(code)} during {request.node.name}\n")
