#!/usr/bin/env python3
"""The dashboard in a real browser (headless Debian chromium through selenium).

A staff member logs in, opens a case from the queue, edits its draft with a forbidden phrase and
sees the lint finding block approval, fixes the draft, approves it, posts it to the sample forum,
and sees the case move on: "sent, not yet seen", then seen in the thread by the demo's crawler
(every minute) and gone from the open queue. On failure a screenshot and the page's HTML are kept
in the artifacts folder. Run by scripts/browser-test.sh, which starts `ombud demo`.
"""
import argparse
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

CASE = "demo-1060"  # the dark road by the south gate: hot, no flags, so staff may approve it
FORBIDDEN = "这是公司规定。"  # config/lint.yaml: forbidden.blame


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600", "--lang=zh-CN"):
        options.add_argument(flag)
    # Headless chromium ignores --lang for Accept-Language; the preference sets it.
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def settle(wait, condition, message):
    """Waits for `condition` (the page after a click loads a moment later); fails with `message`."""
    try:
        wait.until(condition)
    except TimeoutException:
        raise AssertionError(message) from None


def step(name):
    print(f"browser: {name}", flush=True)


def run(driver, url, user, password):
    wait = WebDriverWait(driver, 20)
    page = lambda: driver.page_source

    step("the dashboard sends a stranger to the login form")
    driver.get(url + "/")
    wait.until(EC.presence_of_element_located((By.ID, "password")))
    driver.find_element(By.ID, "name").send_keys(user)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()

    step("the queue speaks Chinese to a zh-CN browser; switch to English")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.queue")))
    assert '<html lang="zh-CN">' in page() and "剩余时间" in page(), "the queue is not in Chinese for a zh-CN browser"
    driver.find_element(By.CSS_SELECTOR, 'a[hreflang="en"]').click()
    wait.until(lambda d: '<html lang="en">' in d.page_source and "time left" in d.page_source)

    step("the queue lists the case; open it")
    link = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, f'a[href="/cases/{CASE}"]')))
    assert user in page(), "the header does not name the person logged in"
    link.click()
    settle(wait, lambda d: d.find_elements(By.CSS_SELECTOR, "details.edit"), "the case page did not open from the queue")

    step("edit the draft with a forbidden phrase: the finding shows and blocks approval")
    driver.find_element(By.CSS_SELECTOR, "details.edit > summary").click()
    area = driver.find_element(By.CSS_SELECTOR, f"form[action='/cases/{CASE}/edit'] textarea")
    original = area.get_attribute("value")
    assert original.strip(), "the draft is empty"
    area.clear()
    area.send_keys(original + "\n" + FORBIDDEN)
    driver.find_element(By.CSS_SELECTOR, f"form[action='/cases/{CASE}/edit'] button[type=submit]").click()
    # Wait for the new page, not the one the click left (it has the same case id).
    settle(wait, lambda d: "forbidden.blame" in d.page_source and d.find_elements(By.CSS_SELECTOR, ".lint-blocked"),
           "the lint finding is not shown after saving")
    driver.find_element(By.CSS_SELECTOR, f"form[action='/cases/{CASE}/approve'] button[type=submit]").click()
    wait.until(lambda d: "Not done" in d.page_source)
    assert "approval.lint" in page(), "approving a draft with a forbidden phrase was not refused for its lint finding"

    step("fix the draft and approve it")
    driver.get(url + f"/cases/{CASE}")
    driver.find_element(By.CSS_SELECTOR, "details.edit > summary").click()
    area = driver.find_element(By.CSS_SELECTOR, f"form[action='/cases/{CASE}/edit'] textarea")
    area.clear()
    area.send_keys(original)
    driver.find_element(By.CSS_SELECTOR, f"form[action='/cases/{CASE}/edit'] button[type=submit]").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".lint-clean"))
    driver.find_element(By.CSS_SELECTOR, f"form[action='/cases/{CASE}/approve'] button[type=submit]").click()
    approver = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".approved .approver")))
    assert approver.text == user, f"the draft shows it approved by {approver.text!r}"

    step("post it to the forum: the case shows it sent, not yet seen")
    driver.find_element(By.CSS_SELECTOR, f"form[action='/cases/{CASE}/post'] button.post-to-forum").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".not-seen"))
    assert driver.find_elements(By.CSS_SELECTOR, "b.status.open"), "the case was answered before the crawler saw the reply"

    step("the demo crawls every minute: wait for the crawler to see the reply")
    deadline = time.monotonic() + 180
    while not driver.find_elements(By.CSS_SELECTOR, ".seen"):
        assert time.monotonic() < deadline, "the crawler did not see the posted reply within 3 minutes"
        time.sleep(5)
        driver.get(url + f"/cases/{CASE}")
    assert driver.find_element(By.CSS_SELECTOR, "b.status.replied").text == "replied", "the case is not answered after the crawler saw the reply"

    step("the case has left the open queue")
    driver.get(url + "/")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "form.filters")))
    assert f'href="/cases/{CASE}"' not in page(), "the answered case is still in the open queue"

    step("back to Chinese: the choice sticks")
    driver.find_element(By.CSS_SELECTOR, 'a[hreflang="zh-CN"]').click()
    wait.until(lambda d: '<html lang="zh-CN">' in d.page_source and "队列" in d.page_source)
    driver.get(url + f"/cases/{CASE}")
    assert "已在帖子中看到" in page() and driver.find_element(By.CSS_SELECTOR, "b.status").text == "已回复", \
        "the case page is not in Chinese after switching back"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--artifacts", default="var/browser")
    args = parser.parse_args()
    driver = browser()
    try:
        run(driver, args.url.rstrip("/"), args.user, args.password)
    except Exception as error:  # keep what the browser showed, then fail
        os.makedirs(args.artifacts, exist_ok=True)
        shot = os.path.join(args.artifacts, "failure.png")
        driver.save_screenshot(shot)
        with open(os.path.join(args.artifacts, "failure.html"), "w", encoding="utf-8") as handle:
            handle.write(driver.page_source)
        print(f"browser test FAILED: {error!r}\n  at {driver.current_url}\n  screenshot: {shot}", file=sys.stderr)
        return 1
    finally:
        driver.quit()
    print("browser test passed: login, languages, edit, lint finding, approval, posting, crawler confirmation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
