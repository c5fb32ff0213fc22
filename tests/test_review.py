"""`cli.py review` opened in real headless Chromium (Debian's chromium and chromium-driver;
`tests/setup_browser.sh` installs them, as the README's test command does)."""

from __future__ import annotations

import base64
import gzip
import json
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


# -- issue 8: a review that cannot mislead ------------------------------------------------------

def self_evaluated(path: Path) -> None:
    """Turn the first form of a document into a 自评表 record (issue 10's fields)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    form = document["forms"][0]
    form.update(form_type="self_evaluation", self_score="92.5")
    form["funding"].update(executed="9.80", execution_rate="95.61")
    row = next(i for i in form["indicators"] if i["name"] == "卫生健康宣传活动次数")
    row.update(weight="10", score="8", deviation="疫情影响",
               actual={"raw": "2次", "op": None, "value": "2", "unit": "次", "text": None})
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module")
def archive_page(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """An archive with a good file, a file that fails, a file with no form, one source edited
    after the run; one record made a self-evaluation."""
    work = tmp_path_factory.mktemp("archive")
    (work / "in").mkdir()
    text = (ROOT / "samples" / "004_1c981b526f6e6f3d.txt").read_text(encoding="utf-8")
    (work / "in" / "good.txt").write_text(text, encoding="utf-8")
    (work / "in" / "edited.txt").write_text(text, encoding="utf-8")
    (work / "in" / "empty.txt").write_bytes(b"")
    (work / "in" / "prose.txt").write_text("这是一段说明文字。\n没有表格。\n", encoding="utf-8")
    subprocess.run([sys.executable, str(ROOT / "cli.py"), "extract", "in", "--out", "out",
                    "--jobs", "1"], cwd=work, capture_output=True, timeout=300)
    self_evaluated(work / "out" / "good.json")
    (work / "in" / "edited.txt").write_text("一行新的文字\n" + text, encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "cli.py"), "review", "out", "--html",
                             "review.html"], cwd=work, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return work, result


def unpacked(page: Path) -> list[dict]:
    html = page.read_text(encoding="utf-8")
    packed = json.loads(html.split('<script id="documents" type="application/json">')[1]
                        .split("</script>")[0])
    return [json.loads(gzip.decompress(base64.b64decode(p))) if p else None for p in packed]


def test_a_changed_source_is_named_on_stderr_and_not_shown(archive_page):
    work, result = archive_page
    [warning] = [line for line in result.stderr.splitlines() if "edited" in line]
    assert "has changed since extraction (sha256 differs)" in warning and "--source-root" in warning
    documents = {d["key"]: d for d in unpacked(work / "review.html") if d}
    assert documents["edited"]["source_status"] == "changed" and documents["edited"]["lines"] is None
    assert documents["good"]["source_status"] == "ok" and documents["good"]["lines"]


def test_source_root_finds_the_inputs_as_extracted(archive_page, tmp_path):
    work, _ = archive_page
    original = tmp_path / "archive"
    original.mkdir()
    text = (ROOT / "samples" / "004_1c981b526f6e6f3d.txt").read_text(encoding="utf-8")
    (original / "edited.txt").write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "cli.py"), "review", "out", "--html",
                             str(tmp_path / "review.html"), "--source-root", str(original)],
                            cwd=work, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "edited" not in result.stderr
    documents = {d["key"]: d for d in unpacked(tmp_path / "review.html") if d}
    assert documents["edited"]["source_status"] == "ok"


def open_page(browser, page: Path, fragment: str = ""):
    browser.set_window_size(1600, 1000)
    browser.get(page.as_uri() + fragment)
    return browser


def test_failed_inputs_documents_without_forms_and_changed_sources_are_listed(archive_page,
                                                                               browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    work, _ = archive_page
    open_page(browser, work / "review.html")
    items = {li.get_attribute("data-id"): li.text for li in
             browser.find_elements(By.CSS_SELECTOR, "#forms li")}
    assert "failed" in items["empty"] and "no forms" in items["prose"]
    assert "source changed" in items["edited#1"]
    browser.find_element(By.CSS_SELECTOR, "li[data-id='empty']").click()
    WebDriverWait(browser, 10).until(lambda d: "This input failed" in d.find_element(
        By.ID, "record").text)
    assert "empty.txt is empty" in browser.find_element(By.ID, "record").text
    browser.find_element(By.CSS_SELECTOR, "li[data-id='prose']").click()
    WebDriverWait(browser, 10).until(lambda d: "No form was recognised" in d.find_element(
        By.ID, "record").text)
    assert "no_forms" in browser.find_element(By.ID, "record").text
    browser.find_element(By.CSS_SELECTOR, "li[data-id='edited#1']").click()
    banner = WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.ID, "source-problem"))
    assert "has changed since this record was extracted" in banner[0].text


def test_record_shows_raw_values_plan_texts_and_self_evaluation(archive_page, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    work, _ = archive_page
    open_page(browser, work / "review.html", "#good%231")
    record = WebDriverWait(browser, 10).until(
        lambda d: "卫生局工作业务经费" in d.find_element(By.ID, "record").text
        and d.find_element(By.ID, "record").text)
    for heading in ("Spending plan", "Texts", "Goals", "Money", "as printed"):
        assert heading in record
    assert "≥3次" in record  # target.raw
    assert "self_evaluation" in record and "92.5" in record
    assert "executed (万元)" in record and "9.80" in record and "95.61" in record
    row = browser.find_element(By.CSS_SELECTOR, "tr.indicator[data-line='28']").text
    assert "10" in row and "2 次" in row and "8" in row and "not met" in row and "疫情影响" in row


def test_url_hash_follows_the_form_shown(archive_page, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    work, _ = archive_page
    open_page(browser, work / "review.html")
    browser.find_element(By.CSS_SELECTOR, "li[data-id='good#3']").click()
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return location.hash")
                                     == "#good%233")
    browser.get((work / "review.html").as_uri() + "#good%232")
    WebDriverWait(browser, 10).until(
        lambda d: "疾病预防控制中心工作业务经费" in d.find_element(By.ID, "record").text)


def test_keyboard_alone_reaches_a_form_and_its_line(archive_page, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    work, _ = archive_page
    open_page(browser, work / "review.html")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys("/")
    assert browser.switch_to.active_element.get_attribute("id") == "search"
    browser.switch_to.active_element.send_keys("good#1", Keys.ENTER)
    WebDriverWait(browser, 10).until(
        lambda d: "good#1" in d.find_element(By.ID, "record").text)
    browser.switch_to.active_element.send_keys(Keys.ENTER)  # the focused list item: into the record
    WebDriverWait(browser, 10).until(
        lambda d: d.switch_to.active_element.get_attribute("data-line") is not None)
    line = browser.switch_to.active_element.get_attribute("data-line")
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    highlighted = WebDriverWait(browser, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#source .ln.hl"))
    assert highlighted[0].get_attribute("id") == f"L{line}"
    browser.find_element(By.ID, "search").clear()
    browser.find_element(By.ID, "search").send_keys(Keys.ESCAPE)
    before = browser.execute_script("return location.hash")
    browser.find_element(By.TAG_NAME, "body").send_keys("j")
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return location.hash") != before)


def test_readable_at_phone_width(archive_page, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    work, _ = archive_page
    browser.set_window_size(390, 844)
    browser.get((work / "review.html").as_uri() + "#good%231")
    WebDriverWait(browser, 10).until(
        lambda d: "卫生局工作业务经费" in d.find_element(By.ID, "record").text)
    viewport = browser.execute_script(
        "return document.querySelector('meta[name=viewport]').content")
    assert "width=device-width" in viewport
    boxes = {name: browser.find_element(By.ID, name).rect for name in ("list", "record", "source")}
    assert boxes["list"]["y"] < boxes["record"]["y"] < boxes["source"]["y"]  # stacked
    width = browser.execute_script("return document.documentElement.clientWidth")
    assert all(box["width"] <= width + 1 for box in boxes.values())
    assert browser.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
    browser.set_window_size(1600, 1000)
