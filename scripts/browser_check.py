"""Headless Chromium through Selenium: log in to the admin, open the questions list, create a question
through the form, see it listed, save a screenshot. usage: browser_check.py BASE_URL SCREENSHOT"""
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

base, screenshot = sys.argv[1], sys.argv[2]
options = webdriver.ChromeOptions()
for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"]:
    options.add_argument(argument)
options.binary_location = "/usr/bin/chromium"
browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(browser, 20)
try:
    browser.get(base + "/admin/examquestionmodel/")
    wait.until(ready.presence_of_element_located((By.NAME, "username")))
    assert "/admin/login/" in browser.current_url, browser.current_url
    browser.find_element(By.NAME, "username").send_keys("ada")
    browser.find_element(By.NAME, "password").send_keys("lovelace1")
    browser.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    wait.until(ready.url_contains("/admin/examquestionmodel/"))
    assert "Questions" in browser.find_element(By.TAG_NAME, "h1").text

    browser.find_element(By.LINK_TEXT, "Create").click()
    wait.until(ready.presence_of_element_located((By.NAME, "question_text")))
    browser.find_element(By.NAME, "question_text").send_keys("Which planet is the largest?")
    browser.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    wait.until(ready.text_to_be_present_in_element((By.TAG_NAME, "main"), "Record was successfully created."))
    cells = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "table.table td")]
    assert "Which planet is the largest?" in cells, cells
    browser.save_screenshot(screenshot)
    print("logged in, opened the list, created a question through the form, found it listed")
finally:
    browser.quit()
