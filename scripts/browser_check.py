"""Headless Chromium through Selenium walks the tutorial as a newcomer would, under the path prefix and by
Host: sign up, log in, ask a question, add a choice, answer it, log out, log in as the admin from a page
(and come back to it), open the admin list and form, create a question there. Every page visited is saved
as a screenshot; axe-core checks the landing page, the login page, an admin list and an admin form and
fails on any serious or critical violation.

usage: browser_check.py PORT ARTIFACTS_DIR   (the daemon serves examples/schoolsite with an admin ada/lovelace1)
"""
import os
import sys

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import Select, WebDriverWait

port, artifacts = sys.argv[1], sys.argv[2]
# Chromium resolves every *.localhost name to the loopback address, so the Host route needs no DNS.
MOUNTS = [("prefix", f"http://127.0.0.1:{port}/schoolsite"), ("host", f"http://schoolsite.localhost:{port}")]
BLOCKING = {"serious", "critical"}


def new_browser():
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"]:
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Walk:
    """One browser session on one mount, taking a numbered screenshot of each page."""

    def __init__(self, tag, base):
        self.tag, self.base = tag, base
        self.browser = new_browser()
        self.wait = WebDriverWait(self.browser, 20)
        self.shots = 0
        self.problems = []

    def shot(self, name, expecting_a_page=True):
        self.shots += 1
        path = os.path.join(artifacts, f"{self.tag}-{self.shots:02d}-{name}.png")
        self.browser.save_screenshot(path)
        title = self.browser.title
        if expecting_a_page:
            assert not title.startswith(("403", "404", "500")), f"{self.tag} {name}: {title} at {self.browser.current_url}"

    def check_accessibility(self, name):
        axe = Axe(self.browser)
        axe.inject()
        results = axe.run()
        for violation in results["violations"]:
            if violation["impact"] in BLOCKING:
                targets = [node["target"] for node in violation["nodes"]][:5]
                self.problems.append(f"{self.tag} {name}: {violation['impact']} {violation['id']}: {violation['help']} {targets}")

    def click_link(self, text):
        self.browser.find_element(By.LINK_TEXT, text).click()

    def fill(self, fields):
        for name, value in fields.items():
            element = self.browser.find_element(By.NAME, name)
            element.clear()
            element.send_keys(value)

    def submit(self):
        self.browser.find_element(By.CSS_SELECTOR, "main form [type=submit]").click()

    def see(self, text):
        # While the page is being replaced, Chrome may answer "node does not belong to the document" for the
        # <main> just found: that is the old page going, not a failure, so the wait looks again.
        WebDriverWait(self.browser, 20, ignored_exceptions=(WebDriverException,)).until(
            ready.text_to_be_present_in_element((By.TAG_NAME, "main"), text),
            message=f"no '{text}' in <main> of {self.browser.current_url}")

    def check_menus_and_theme(self):
        """Menus: one open at a time, closed by Escape and by a click outside. The theme switch overrides
        the system's mode and is remembered across pages."""
        browser = self.browser
        first, second = browser.find_elements(By.CSS_SELECTOR, ".admin-menu details.menu-dropdown")[:2]
        is_open = lambda menu: menu.get_attribute("open") is not None
        first.find_element(By.TAG_NAME, "summary").click()
        assert is_open(first)
        second.find_element(By.TAG_NAME, "summary").click()
        assert is_open(second) and not is_open(first), "one menu open at a time"
        browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
        assert not is_open(second), "Escape closes the menu"
        first.find_element(By.TAG_NAME, "summary").click()
        browser.find_element(By.TAG_NAME, "h1").click()
        assert not is_open(first), "a click outside closes the menu"
        toggle = browser.find_element(By.CSS_SELECTOR, "[data-theme-toggle]")
        assert toggle.is_displayed(), "the theme switch shows once the script runs"
        before = browser.execute_script("return document.documentElement.dataset.theme || ''")
        toggle.click()
        after = browser.execute_script("return document.documentElement.dataset.theme")
        assert after in ("light", "dark") and after != before, (before, after)
        browser.refresh()
        self.wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "table.table")))
        assert browser.execute_script("return document.documentElement.dataset.theme") == after, "the theme is remembered"
        self.shot(f"admin-list-{after}")
        browser.find_element(By.CSS_SELECTOR, "[data-theme-toggle]").click()

    def check_searchable_select(self):
        """A long select gets a filter box: typing narrows the options and picks the first that matches."""
        browser = self.browser
        select = browser.find_element(By.CSS_SELECTOR, "select[data-searchable]")
        box = browser.find_element(By.CSS_SELECTOR, f"input.select-filter[aria-controls='{select.get_attribute('id')}']")
        box.send_keys("ada")
        shown = [option.text for option in select.find_elements(By.TAG_NAME, "option") if option.get_attribute("hidden") is None]
        visible = [text for text in shown if text]
        assert visible == ["ada"], visible
        assert Select(select).first_selected_option.text == "ada"
        box.clear()
        box.send_keys(" ")

    def run(self):
        tag, base, browser = self.tag, self.base, self.browser
        user = f"pupil{tag}"
        browser.get(base + "/")
        self.wait.until(ready.presence_of_element_located((By.TAG_NAME, "h1")))
        self.shot("landing")
        self.check_accessibility("landing")

        self.click_link("Sign up")
        self.wait.until(ready.presence_of_element_located((By.NAME, "confirm")))
        self.shot("signup")
        self.fill({"username": user, "email": f"{user}@example.com", "password": "secret12", "confirm": "secret12"})
        self.submit()
        self.see("Your account is ready")
        assert browser.current_url.startswith(base + "/admin/login/"), browser.current_url
        self.shot("login")
        self.check_accessibility("login")

        self.fill({"username": user, "password": "secret12"})
        self.submit()
        self.wait.until(ready.url_to_be(base + "/"))
        self.see("You are now logged in!")
        self.shot("home-signed-in")

        browser.get(base + "/exam/")
        self.click_link("Ask a question")
        self.wait.until(ready.presence_of_element_located((By.NAME, "question_text")))
        self.fill({"question_text": f"Which planet is the largest? ({tag})"})
        self.submit()
        self.see("Question created")
        self.shot("question")
        self.click_link("Add a choice")
        self.wait.until(ready.presence_of_element_located((By.NAME, "choice_text")))
        self.fill({"choice_text": "Jupiter"})
        self.submit()
        self.see("Choice added")
        self.click_link("Answer")
        self.wait.until(ready.presence_of_element_located((By.NAME, "choice_id")))
        Select(browser.find_element(By.NAME, "choice_id")).select_by_visible_text("Jupiter")
        self.shot("answer")
        self.submit()
        self.see("Answer recorded")
        self.shot("results")

        browser.find_element(By.CSS_SELECTOR, ".account-menu summary").click()
        browser.find_element(By.CSS_SELECTOR, ".account-menu button[type=submit]").click()
        self.see("You logged out!")

        browser.get(base + "/exam/")
        self.click_link("Log in")
        self.wait.until(ready.presence_of_element_located((By.NAME, "username")))
        self.fill({"username": "ada", "password": "lovelace1"})
        self.submit()
        self.wait.until(ready.url_to_be(base + "/exam/"))
        self.see("You are now logged in!")
        self.shot("back-on-the-page")

        browser.get(base + "/admin/examquestionmodel/")
        self.wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "table.table")))
        self.check_menus_and_theme()
        self.shot("admin-list")
        self.check_accessibility("admin list")
        self.click_link("Create")
        self.wait.until(ready.presence_of_element_located((By.NAME, "question_text")))
        self.shot("admin-form")
        self.check_accessibility("admin form")
        self.check_searchable_select()
        self.fill({"question_text": f"Which metal is liquid at room temperature? ({tag})"})
        self.submit()
        self.see("Record was successfully created.")
        cells = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "table.table td")]
        assert f"Which metal is liquid at room temperature? ({tag})" in cells, cells
        self.shot("admin-created")


problems = []
for tag, base in MOUNTS:
    walk = Walk(tag, base)
    try:
        walk.run()
        problems += walk.problems
        print(f"{tag}: signed up, logged in, asked, added a choice, answered, logged out, came back as the admin, "
              f"created a question in the admin ({walk.shots} screenshots)")
    except Exception:
        walk.shot("failure", expecting_a_page=False)
        raise
    finally:
        walk.browser.quit()
if problems:
    print("axe-core found serious or critical violations:")
    for problem in problems:
        print("  " + problem)
    sys.exit(1)
print("axe-core: no serious or critical violations on the landing, login, admin list and admin form pages")
