#!/usr/bin/env python3
"""An analyst in a real browser (Debian's chromium + chromium-driver, driven by selenium).

Builds a dataset as an analyst would: opens round 2022 for two projects, ingests their status
reports (SP-2020-016 has three flagged answers), and adds an analyst account (`analyst add`,
the password piped in). Starts `survey-intake serve` on a free loopback port and then, as the
analyst: logs in with name and password, reads the round's page, opens SP-2020-016's page,
gives it the review state has-issues with a comment, waives one flag with a reason, and corrects
the category of one challenge. Stops serve (SIGTERM) and checks what the analysts' scripts would
read: submissions.csv has the review state, flags.csv the flag as waived, challenges.csv the
category with category_source analyst, and the audit log has all three under the account's name.
Screenshots go to the artefacts folder.

    scripts/browser_analyst_review.py --binary .build/debug/survey-intake --artifacts artifacts/browser

Exit status 0 when every step held; 1 with the step that failed.
"""
import argparse
import csv
import os
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser_lead_form import browser, check, start_server, stop_server  # noqa: E402

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROJECT = "SP-2020-016"
PASSWORD = "et langt kodeord til browsertesten"


def rows(dataset, name):
    with open(os.path.join(dataset, "csv", name), newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def click_and_wait(driver, element):
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 30).until(lambda d: d.find_element(By.TAG_NAME, "html") != old)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--artifacts", default="artifacts/browser")
    args = parser.parse_args()
    os.makedirs(args.artifacts, exist_ok=True)
    work = tempfile.mkdtemp(prefix="browser-analyst-")
    dataset = os.path.join(work, "data")
    roster = os.path.join(work, "roster.csv")
    with open(roster, "w", encoding="utf-8") as handle:
        handle.write("project_id,title,authority,authority_type,lead_name,lead_email\n"
                     f"{PROJECT},Faldrisiko,Viborg Kommune,municipality,Helle Dahl Kristoffersen,hedk@viborg.dk\n"
                     "SP-2020-001,Røntgen,Region Hovedstaden,region,Mette Kjær Lindholm,mette.kjaer.lindholm@regionh.dk\n")
    subprocess.run([args.binary, "round", "open", "2022", "--format", "statusreport-2", "--deadline", "2099-11-30",
                    "--roster", roster, "--out", dataset], check=True, stdout=subprocess.DEVNULL)
    samples = [os.path.join(ROOT, "samples", "2022", f"{project}.xml") for project in (PROJECT, "SP-2020-001")]
    subprocess.run([args.binary, "ingest", *samples, "--out", dataset, "--quiet"], check=True)
    subprocess.run([args.binary, "analyst", "add", "karen", "--role", "analyst", "--out", dataset],
                   input=PASSWORD + "\n", text=True, check=True, stdout=subprocess.DEVNULL)
    database = sqlite3.connect(f"file:{os.path.join(dataset, 'intake.sqlite')}?mode=ro", uri=True)
    (submission,) = database.execute("SELECT submission_id FROM submissions WHERE project_id = ? AND status = 'current'",
                                     (PROJECT,)).fetchone()
    database.close()

    server, base = start_server(args.binary, dataset)
    driver = browser()
    try:
        print(f"serve at {base}")
        driver.get(f"{base}/analyst")
        check(driver.current_url == f"{base}/analyst/login", "the analysts' page asks for a login first", driver.current_url)
        driver.find_element(By.ID, "name").send_keys("karen")
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "#account-login button"))
        check(driver.current_url == f"{base}/analyst", "name and password open the round's page", driver.current_url)
        check("2 af 2 projekter har sendt." in driver.page_source, "the round's page counts who has sent")
        check("Logget ind som karen" in driver.page_source, "the page names the analyst")
        driver.save_screenshot(os.path.join(args.artifacts, "analyst-1-round.png"))

        click_and_wait(driver, driver.find_element(By.LINK_TEXT, PROJECT))
        check(driver.current_url == f"{base}/analyst/submission/{submission}", "the project's link opens its submission",
              driver.current_url)
        findings = driver.find_elements(By.CSS_SELECTOR, "#findings tbody tr")
        check(len(findings) == 3, "the submission's page lists its three findings", repr([f.text for f in findings]))

        form = driver.find_element(By.ID, "review")
        Select(form.find_element(By.NAME, "state")).select_by_value("has-issues")
        form.find_element(By.NAME, "comment").send_keys("Domæne og beskrivelse mangler")
        click_and_wait(driver, form.find_element(By.TAG_NAME, "button"))
        check("har mangler" in driver.find_element(By.ID, "reviews").text, "the review is listed on the page",
              driver.find_element(By.ID, "reviews").text)

        # Waive the missing domain with a reason.
        row = next(r for r in driver.find_elements(By.CSS_SELECTOR, "#findings tbody tr") if "project.domain" in r.text)
        waive = row.find_element(By.CSS_SELECTOR, "form.waive")
        waive.find_element(By.NAME, "reason").send_keys("Domænet fremgår af projektets titel")
        click_and_wait(driver, waive.find_element(By.TAG_NAME, "button"))
        row = next(r for r in driver.find_elements(By.CSS_SELECTOR, "#findings tbody tr") if "project.domain" in r.text)
        check("frafaldet: Domænet fremgår af projektets titel (karen)" in row.text, "the flag shows as waived, with the reason",
              row.text)

        # Correct the first challenge's category to legal (Jura).
        before = driver.find_element(By.ID, "challenge-1").text
        correct = driver.find_element(By.ID, "correct-1")
        Select(correct.find_element(By.NAME, "category")).select_by_value("legal")
        correct.find_element(By.NAME, "note").send_keys("Handler om hjemmel")
        click_and_wait(driver, correct.find_element(By.TAG_NAME, "button"))
        after = driver.find_element(By.ID, "challenge-1").text
        check("analytiker" in after, "the challenge is now placed by the analyst", f"{before!r} -> {after!r}")
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(os.path.join(args.artifacts, "analyst-2-submission.png"))
    finally:
        driver.quit()
        stop_server(server)

    submissions = {row["submission_id"]: row for row in rows(dataset, "submissions.csv")}
    check(submissions[submission]["review_state"] == "has-issues", "submissions.csv has the review state",
          repr(submissions[submission]))
    waived = [row for row in rows(dataset, "flags.csv") if row["submission_id"] == submission and row["field"] == "project.domain"]
    check([row["state"] for row in waived] == ["waived"], "flags.csv has the flag as waived", repr(waived))
    first = [row for row in rows(dataset, "challenges.csv") if row["submission_id"] == submission and row["position"] == "1"]
    check([(row["category"], row["category_source"]) for row in first] == [("legal", "analyst")],
          "challenges.csv has the corrected category, placed by the analyst", repr(first))
    log = subprocess.run([args.binary, "log", "--out", dataset], check=True, capture_output=True, text=True).stdout
    check("karen  review has-issues" in log, "the audit log has the review under the account's name", log)
    check("karen  waive" in log and "karen  correct legal" in log, "and the waiver and the correction", log)
    print(f"analyst browser test passed; screenshots in {args.artifacts}")


if __name__ == "__main__":
    main()
