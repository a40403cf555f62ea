#!/usr/bin/env python3
"""Logs in to the sakyum reference site through its real login page and prints a Cookie header value.

usage: login.py BASE_URL USERNAME PASSWORD      e.g. login.py http://127.0.0.1:5000 ada lovelace1

1. GET  BASE_URL/admin/login/ (sakyum's auth.adminLogin, a Flask-WTF form) and read its csrf_token;
2. POST username, password and csrf_token there (sakyum logs in with Flask-Login, remember=True);
3. GET  BASE_URL/admin/examquestionmodel/ (Flask-Admin list of ExamQuestionModel) and check 200, 50 rows;
4. GET  it again sending only the printed Cookie header (no cookie jar, no redirects) and check it again;
   and check that without the cookie it redirects to the login page.

stdout: one line, the value for a `Cookie:` header (session=...; remember_token=...).
stderr: the admin list path used and the checks.

Flask-Login's session protection is "strong" in sakyum: the session is bound to a hash of the client
address and its User-Agent header. No User-Agent is sent here, like wrk's default request; a client that
sends one (curl, a browser) must send none too (`curl -A ''`) or the session is dropped.
Standard library only.
"""
import html.parser
import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

LOGIN_PATH = "/admin/login/"
LIST_PATH = "/admin/examquestionmodel/"
EXPECTED_ROWS = 50


class CSRFFinder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.token = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") == "csrf_token":
            self.token = a.get("value")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fail(message):
    print(f"login.py: {message}", file=sys.stderr)
    sys.exit(1)


def count_rows(body):
    # Flask-Admin's list view puts one action checkbox per row (the tutorial's view has can_delete)
    return len(re.findall(r'name="rowid"', body))


def main():
    if len(sys.argv) != 4:
        fail("usage: login.py BASE_URL USERNAME PASSWORD")
    base, username, password = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = []  # no User-Agent: see the module docstring

    with opener.open(base + LOGIN_PATH) as r:
        page = r.read().decode()
    finder = CSRFFinder()
    finder.feed(page)
    fields = {"username": username, "password": password}
    if finder.token:
        fields["csrf_token"] = finder.token
    print(f"login page: {LOGIN_PATH} (csrf_token {'found' if finder.token else 'absent'})", file=sys.stderr)

    data = urllib.parse.urlencode(fields).encode()
    with opener.open(urllib.request.Request(base + LOGIN_PATH, data=data, method="POST")) as r:
        landed = urllib.parse.urlparse(r.geturl()).path
        r.read()
    if landed.startswith(LOGIN_PATH):
        fail(f"login as {username!r} failed (still on {landed})")
    print(f"logged in as {username}, redirected to {landed}", file=sys.stderr)

    with opener.open(base + LIST_PATH) as r:
        status, final, body = r.status, urllib.parse.urlparse(r.geturl()).path, r.read().decode()
    if status != 200 or final != LIST_PATH:
        fail(f"{LIST_PATH}: status {status}, ended at {final}")
    rows = count_rows(body)
    if rows != EXPECTED_ROWS:
        fail(f"{LIST_PATH}: {rows} rows, expected {EXPECTED_ROWS}")

    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)

    # The header alone must be enough (that is what wrk sends).
    bare = urllib.request.build_opener(NoRedirect)
    bare.addheaders = []
    try:
        with bare.open(urllib.request.Request(base + LIST_PATH, headers={"Cookie": cookie})) as r:
            status, body = r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        status, body = e.code, ""
    if status != 200 or count_rows(body) != EXPECTED_ROWS:
        fail(f"{LIST_PATH} with the Cookie header only: status {status}, {count_rows(body)} rows")
    try:
        with bare.open(base + LIST_PATH) as r:
            anonymous = r.status
    except urllib.error.HTTPError as e:
        anonymous = e.code
    print(f"admin list: {LIST_PATH} -> 200, {rows} rows (with the Cookie header alone too; "
          f"without it: {anonymous})", file=sys.stderr)
    print(cookie)


if __name__ == "__main__":
    main()
