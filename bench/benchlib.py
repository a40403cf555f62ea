"""What the benchmark scripts share: free loopback ports, processes started in their own session and
stopped with them, waiting for HTTP, wrk runs parsed into figures, and RSS."""
import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

CONNECTIONS = 8
processes = []


def log(message):
    print(f"== {message}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(arguments, cwd=None, output=None):
    stream = open(output or os.devnull, "w")
    process = subprocess.Popen(arguments, cwd=cwd, stdout=stream, stderr=subprocess.STDOUT, start_new_session=True)
    processes.append(process)
    return process


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def wait_http(url, headers=None, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=2).read()
            return
        except urllib.error.HTTPError:
            return
        except Exception:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer")


def wait_ready(process, log_path, seconds=120):
    """Waits for sakyumd's `ready:` line in its log; raises with the log when it exits or takes too long."""
    deadline = time.time() + seconds
    while "ready:" not in open(log_path).read():
        if time.time() > deadline or process.poll() is not None:
            raise RuntimeError(f"sakyumd did not start:\n{open(log_path).read()[-2000:]}")
        time.sleep(0.01)


def wrk(url, seconds, headers=()):
    arguments = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    for header in headers:
        arguments += ["-H", header]
    return parse_wrk(subprocess.run(arguments + [url], capture_output=True, text=True, check=True).stdout)


def parse_wrk(text):
    """A wrk run's output (with --latency) as figures."""
    def millis(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket_errors = re.search(r"Socket errors: (.*)", text)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50_ms": millis(50), "p99_ms": millis(99),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        return int(re.search(r"VmRSS:\s+(\d+)", status.read()).group(1)) / 1024


def write_results(root, name, text, results):
    """Prints a run's table and writes it, with its figures, as bench/results/NAME-latest.md and .json."""
    print(text)
    folder = os.path.join(root, "bench", "results")
    os.makedirs(folder, exist_ok=True)
    open(os.path.join(folder, f"{name}-latest.md"), "w").write(text)
    json.dump(results, open(os.path.join(folder, f"{name}-latest.json"), "w"), indent=2)


def seed_statements():
    """50 questions of user 1 with 4 choices each, as the sakyum side of bench/run has them: (SQL, values)."""
    for number in range(1, 51):
        yield ("INSERT INTO exam_question_model (id, date_posted, user_id, question_text) VALUES (?, ?, 1, ?)",
               (number, f"2024-01-01 10:{number:02d}:00.000000", f"Question number {number}: what is {number} + {number}?"))
        for choice in range(4):
            yield ("INSERT INTO exam_choice_model (date_posted, question_id, choice_text) VALUES (?, ?, ?)",
                   (f"2024-01-01 10:{number:02d}:00.000000", number, f"answer {number * 2 + choice - 1}"))


def seed_sqlite(database):
    """Writes seed_statements into a project's SQLite file."""
    import sqlite3
    with sqlite3.connect(database) as db:
        for statement, values in seed_statements():
            db.execute(statement, values)


def login_cookie(base, host, username="ada", password="lovelace1"):
    """Logs in through sakyumd's login form; the session cookie for wrk.

    Without a User-Agent, as wrk sends none: a session is bound to its browser's User-Agent (as Flask-Login's
    session protection binds sakyum's, see bench/sakyum/login.py), and one used by another is no longer fresh,
    which rewrites the cookie on every response."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = []
    headers = {"Host": host}
    page = opener.open(urllib.request.Request(base + "/admin/login/", headers=headers)).read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrf_token": token, "username": username, "password": password}).encode()
    opener.open(urllib.request.Request(base + "/admin/login/", data=body, headers=headers))
    return "; ".join(f"{c.name}={c.value}" for c in jar)
