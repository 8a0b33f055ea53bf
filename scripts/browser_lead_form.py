#!/usr/bin/env python3
"""A lead in a real browser (Debian's chromium + chromium-driver, driven by selenium).

Opens a round, issues the links, starts `survey-intake serve` on a free loopback port, and then,
as a lead would: opens the link, fills the web form leaving two required answers blank (the
lead's e-mail and the first challenge's description), sends it, reads the receipt's two
findings, follows "Ret og send igen", fills them in, and sends again. Then checks the dataset:
a current and a superseded submission, the first with exactly those two flags, the second with
none. Screenshots of the form and of both receipts go to the artefacts folder.

    scripts/browser_lead_form.py --binary .build/debug/survey-intake --artifacts artifacts/browser

Exit status 0 when every step held; 1 with the step that failed.
"""
import argparse
import datetime
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.support.ui import Select, WebDriverWait

PROJECT = "SP-2021-014"


def fail(step, detail=""):
    print(f"browser test FAILED at: {step}" + (f"\n  {detail}" if detail else ""), file=sys.stderr)
    sys.exit(1)


def check(condition, step, detail=""):
    if not condition:
        fail(step, detail)
    print(f"  ok: {step}")


def start_server(binary, dataset):
    """serve on 127.0.0.1:0; returns the process and the base URL it printed."""
    process = subprocess.Popen([binary, "serve", "--out", dataset, "--listen", "127.0.0.1:0"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "SURVEY_INTAKE_ANALYST_TOKEN": "browser-test-analyst-token"})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            if process.poll() is not None:
                fail("starting serve", f"exit {process.returncode}")
            continue
        match = re.search(r"(?:listening on|lytter på) (http://127\.0\.0\.1:\d+)/", line)
        if match:
            return process, match.group(1)
    process.kill()
    fail("starting serve", "no 'listening on' line within 30 s")


def stop_server(server):
    """SIGTERM, as an operator stops it: serve answers what is in flight, writes the exports, exits 0."""
    server.terminate()
    try:
        code = server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        fail("stopping serve", "SIGTERM did not stop it within 20 s")
    check(code == 0, "serve exits 0 on SIGTERM", f"exit {code}")


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,1800",
                     "--lang=da-DK", "--disable-background-networking", "--no-first-run"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def fill(driver, element_id, value):
    element = driver.find_element(By.ID, element_id)
    if element.tag_name == "select":
        Select(element).select_by_value(value)
    else:
        element.clear()
        element.send_keys(value)


def send(driver):
    """Presses "Send besvarelsen" and waits (up to 30 s) for the receipt page the post leads to."""
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.ID, "send").click()
    try:
        WebDriverWait(driver, 30).until(lambda d: "/lead/receipts/" in d.current_url
                                        or d.find_elements(By.CSS_SELECTOR, "[role=alert]"))
        WebDriverWait(driver, 30).until(lambda d: d.find_element(By.TAG_NAME, "html") != old)
    except TimeoutException:
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--artifacts", default="artifacts/browser")
    args = parser.parse_args()
    os.makedirs(args.artifacts, exist_ok=True)
    work = tempfile.mkdtemp(prefix="browser-test-")
    dataset = os.path.join(work, "data")
    year = datetime.date.today().year
    deadline = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
    roster = os.path.join(work, "roster.csv")
    with open(roster, "w", encoding="utf-8") as handle:
        handle.write("project_id,title,authority,authority_type,lead_name,lead_email\n"
                     f"{PROJECT},AI-assisteret visitation,Aarhus Kommune,municipality,Mette Hansen,mette@example.dk\n")
    subprocess.run([args.binary, "round", "open", str(year), "--format", "statusreport-2", "--deadline", deadline,
                    "--roster", roster, "--out", dataset], check=True, stdout=subprocess.DEVNULL)
    links = subprocess.run([args.binary, "links", "--round", str(year), "--out", dataset, "--base-url", "http://placeholder"],
                           check=True, capture_output=True, text=True).stdout
    token = re.search(r"/r/([A-Za-z0-9_-]{43})", links).group(1)

    server, base = start_server(args.binary, dataset)
    driver = browser()
    try:
        print(f"serve at {base}, round {year}")
        driver.get(f"{base}/r/{token}")
        check(driver.current_url == f"{base}/lead", "the link leads to /lead, without the token", driver.current_url)
        check("AI-assisteret visitation" in driver.page_source, "the page names the project")
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "da", "the page is Danish")

        # Everything but the lead's e-mail and the first challenge's description.
        for element_id, value in [
            ("f-project-title", "AI-assisteret visitation"), ("f-project-authority", "Aarhus Kommune"),
            ("f-project-authorityType", "municipality"), ("f-project-authorityCode", "751"),
            ("f-project-domain", "social"), ("f-project-phase", "pilot"), ("f-project-status", "on-track"),
            ("f-lead-name", "Mette Hansen"),
            ("f-challenges-1-code", "data"), ("f-challenges-1-severity", "high"), ("f-challenges-1-resolved", "no"),
        ]:
            fill(driver, element_id, value)
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(os.path.join(args.artifacts, "1-form.png"))
        send(driver)

        alerts = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "[role=alert]")]
        check("/lead/receipts/" in driver.current_url, "sending shows the receipt", f"{driver.current_url} {alerts}")
        driver.set_window_size(1100, 760)
        driver.save_screenshot(os.path.join(args.artifacts, "2-receipt-two-findings.png"))
        driver.set_window_size(1100, 1800)
        findings = driver.find_elements(By.CSS_SELECTOR, "ol.findings li")
        texts = [finding.text for finding in findings]
        check(len(findings) == 2, "the receipt lists two findings", repr(texts))
        check(any("Projektleders e-mail" in text for text in texts), "one names the lead's e-mail by its label", repr(texts))
        check(any("Udfordring 1" in text and "Beskrivelse" in text for text in texts),
              "one names challenge 1's description", repr(texts))

        driver.find_element(By.LINK_TEXT, "Ret og send igen").click()
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.ID, "f-project-title"))
        check(driver.find_element(By.ID, "f-project-title").get_attribute("value") == "AI-assisteret visitation",
              "the form opens prefilled from the submission")
        check(len(driver.find_elements(By.CSS_SELECTOR, ".question.invalid")) == 2, "the two questions are marked")
        fill(driver, "f-lead-email", "mette@example.dk")
        fill(driver, "f-challenges-1-description", "Adgang til data fra fagsystemet tog fire måneder.")
        send(driver)
        alerts = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "[role=alert], .notice")]
        if "/lead/receipts/" not in driver.current_url:
            driver.save_screenshot(os.path.join(args.artifacts, "failed-second-send.png"))
        check("/lead/receipts/" in driver.current_url, "sending again shows a receipt", f"{driver.current_url} {alerts}")
        driver.set_window_size(1100, 760)
        driver.save_screenshot(os.path.join(args.artifacts, "3-receipt-complete.png"))
        check(driver.find_element(By.TAG_NAME, "h1").text == "Modtaget", "the second receipt says Modtaget")
        check(not driver.find_elements(By.CSS_SELECTOR, "ol.findings li"), "and lists no findings")
        check("100 %" in driver.page_source, "completeness 100 %")
    finally:
        driver.quit()
        stop_server(server)

    database = sqlite3.connect(f"file:{os.path.join(dataset, 'intake.sqlite')}?mode=ro", uri=True)
    rows = database.execute(
        "SELECT submission_id, status, flag_count, origin_kind FROM submissions WHERE project_id = ? AND round = ? ORDER BY submitted_at_utc",
        (PROJECT, year)).fetchall()
    check([row[1] for row in rows] == ["superseded", "current"], "the dataset holds a superseded and a current submission", repr(rows))
    check(all(row[3] == "form" for row in rows), "both came from the form", repr(rows))
    first_flags = sorted(field for (field,) in database.execute(
        "SELECT field FROM flags WHERE submission_id = ?", (rows[0][0],)))
    check(first_flags == ["challenges[1].description", "lead.email"], "the first has exactly the two flags", repr(first_flags))
    check(rows[1][2] == 0, "the current one has none", repr(rows[1]))
    print(f"browser test passed; screenshots in {args.artifacts}")


if __name__ == "__main__":
    main()
