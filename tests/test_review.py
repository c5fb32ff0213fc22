"""`cli.py review` opened in real headless Chromium (Debian's chromium and chromium-driver;
`tests/setup_browser.sh` installs them, as the README's test command does)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")

webdriver = pytest.importorskip("selenium.webdriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="Debian's chromium and chromium-driver are not installed; "
                                       "run tests/setup_browser.sh")


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("review")
    out = work / "out"
    subprocess.run([sys.executable, str(ROOT / "cli.py"), "extract", "samples", "--out", str(out),
                    "--jobs", "2"], cwd=ROOT, check=True, capture_output=True, timeout=300)
    result = subprocess.run([sys.executable, str(ROOT / "cli.py"), "review", str(out), "--html",
                             str(work / "review.html")], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    return work / "review.html"


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--window-size=1600,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def test_page_is_self_contained(page):
    html = page.read_text(encoding="utf-8")
    assert "http://" not in html.split("<script>")[0] and "https://" not in html
    assert page.stat().st_size < 2_000_000  # 129 forms and their sources, compressed


def test_known_form_shows_its_record_and_source(page, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(page.as_uri())
    search = browser.find_element(By.ID, "search")
    search.send_keys("卫生局工作业务经费")
    items = browser.find_elements(By.CSS_SELECTOR, "#forms li")
    assert len(items) == 1
    items[0].click()
    wait = WebDriverWait(browser, 10)
    wait.until(ready.text_to_be_present_in_element((By.ID, "record"), "10.25"))
    record = browser.find_element(By.ID, "record").text
    assert "卫生局工作业务经费" in record and "10.25" in record
    assert "卫生健康宣传活动次数" in record and ">= 3 次" in record

    row = browser.find_element(By.CSS_SELECTOR, "tr.indicator[data-line='28']")
    row.click()
    highlighted = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#source .ln.hl"))
    assert highlighted[0].get_attribute("id") == "L28"
    assert "卫生健康宣传活动次数" in highlighted[0].text
    browser.save_screenshot(str(tmp_path / "review.png"))
    assert (tmp_path / "review.png").stat().st_size > 10_000


def test_filter_to_forms_with_warnings(page, browser):
    from selenium.webdriver.common.by import By

    browser.get(page.as_uri())
    everything = browser.find_element(By.ID, "page").text
    browser.find_element(By.ID, "only-warnings").click()
    warned = browser.find_element(By.ID, "page").text
    assert everything.startswith("129 forms") and not warned.startswith("129 forms")
    assert all(item.find_elements(By.CSS_SELECTOR, ".badge")
               for item in browser.find_elements(By.CSS_SELECTOR, "#forms li"))
