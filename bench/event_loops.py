"""Where the daemon's threads go: one event loop against two, and request tasks on the loops against Swift's
own pool, in one run, alternating so noise hits every setting. See bench/event-loops.

sakyumd with examples/schoolsite is started with each setting (`event_loops`, `tasks_on_event_loops` in its
daemon settings), ROUNDS times, alternating; wrk (1 thread, 8 connections, bounded in time) measures the pages
answered on the event loop (cached landing page, static file) and the ones rendered in a task (login page,
admin list). A last row measures the price of rendering on a loop: the static file's p99 latency while a
second wrk loads the admin list on the same daemon (a render holds its loop's other connections).
Writes bench/results/event-loops-latest.json and .md; the figure kept is each setting's median.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from datetime import date

import benchlib
from benchlib import free_port, log, start, stop

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECONDS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
ROUNDS = 3
WORK = tempfile.mkdtemp(prefix="sakyumd-bench-loops-")
HOST = "schoolsite.localhost"

log("building sakyumd (release)")
subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
release = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
sakyumd, sakyumctl = os.path.join(release, "sakyumd"), os.path.join(release, "sakyumctl")

projects = os.path.join(WORK, "projects")
os.makedirs(projects)
shutil.copytree(os.path.join(ROOT, "examples", "schoolsite"), os.path.join(projects, "schoolsite"))
pages = [
    ("landing (cached, event loop)", "/", False),
    ("static CSS (event loop)", "/static/default/style.css", False),
    ("login page (task)", "/admin/login/", False),
    ("admin list, 50 rows (task)", "/admin/examquestionmodel/", True),
]
MIXED = "both at once: static CSS p99 ms (req/s) + admin list req/s"
# (label, event_loops, tasks_on_event_loops); the last is the default on 2 cores.
settings = [
    ("1 loop, pool", 1, False),
    ("2 loops, pool", 2, False),
    ("1 loop, tasks on it", 1, True),
    ("2 loops, tasks on them", 2, True),
]


def mixed(base, cookie):
    """The static file's figures while another wrk keeps the admin list busy (its rate kept as `admin_rps`)."""
    admin = {}
    loader = threading.Thread(target=lambda: admin.update(benchlib.wrk(
        base + "/admin/examquestionmodel/", SECONDS + 1, [f"Host: {HOST}", f"Cookie: {cookie}"])))
    loader.start()
    figures = benchlib.wrk(base + "/static/default/style.css", SECONDS, [f"Host: {HOST}"])
    loader.join()
    return {**figures, "admin_rps": admin["rps"]}


def run(name, loops, on_loops, seed):
    config, log_path = os.path.join(WORK, f"{name}.yaml"), os.path.join(WORK, f"{name}.log")
    open(config, "w").write(f"event_loops: {loops}\ntasks_on_event_loops: {'true' if on_loops else 'false'}\n"
                            f"access_log: {{file: {WORK}/{name}-access.log}}\n")
    port, control = free_port(), os.path.join(WORK, f"{name}.sock")
    process = start([sakyumd, "--projects", projects, "--listen", f"127.0.0.1:{port}", "--control", control,
                     "--config", config, "--log-level", "notice"], output=log_path)
    benchlib.wait_ready(process, log_path)
    base = f"http://127.0.0.1:{port}"
    if seed:
        subprocess.run([sakyumctl, "add-user", "schoolsite", "-u", "ada", "-e", "ada@example.com", "-p", "lovelace1",
                        "--socket", control], check=True, capture_output=True)
        benchlib.seed_sqlite(os.path.join(projects, "schoolsite", "default.db"))
    cookie = benchlib.login_cookie(base, HOST)
    figures = {}
    for label, path, logged_in in pages:
        headers = [f"Host: {HOST}"] + ([f"Cookie: {cookie}"] if logged_in else [])
        figures[label] = benchlib.wrk(base + path, SECONDS, headers)
    figures[MIXED] = mixed(base, cookie)
    stop(process)
    return figures


runs = {name: [] for name, _, _ in settings}
for round_number in range(ROUNDS):
    for index, (name, loops, on_loops) in enumerate(settings):
        log(f"round {round_number + 1}: {name}")
        runs[name].append(run(f"setting{index}", loops, on_loops, seed=round_number == 0 and index == 0))

results = {"date": str(date.today()), "cores": os.cpu_count(), "seconds": SECONDS, "rounds": ROUNDS, "pages": {}}
names = [name for name, _, _ in settings]
lines = [f"# Event loops and where request tasks run ({results['date']}, {os.cpu_count()} cores)", "",
         f"wrk -t1 -c{benchlib.CONNECTIONS} -d{SECONDS}s on loopback, release build, examples/schoolsite; the median of "
         f"{ROUNDS} alternating runs of each setting (`bench/event-loops`). \"pool\": request tasks on Swift's "
         "concurrency pool (`tasks_on_event_loops: false`); \"tasks on them\": on the event loops (the default).", "",
         "| page (req/s) | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
for label, _, _ in pages:
    medians = {name: statistics.median(run[label]["rps"] for run in runs[name]) for name in names}
    results["pages"][label] = {name: {"rps": medians[name], "runs": [run[label] for run in runs[name]]} for name in names}
    lines.append(f"| {label} | " + " | ".join(f"{medians[name]:,.0f}" for name in names) + " |")
p99 = {name: statistics.median(run[MIXED]["p99_ms"] for run in runs[name]) for name in names}
rps = {name: statistics.median(run[MIXED]["rps"] for run in runs[name]) for name in names}
admin_rps = {name: statistics.median(run[MIXED]["admin_rps"] for run in runs[name]) for name in names}
results["pages"][MIXED] = {name: {"p99_ms": p99[name], "rps": rps[name], "admin_rps": admin_rps[name],
                                  "runs": [run[MIXED] for run in runs[name]]} for name in names}
lines.append(f"| {MIXED} | " + " | ".join(f"{p99[name]:.2f} ({rps[name]:,.0f}) + {admin_rps[name]:,.0f}" for name in names) + " |")
benchlib.write_results(ROOT, "event-loops", "\n".join(lines) + "\n", results)
