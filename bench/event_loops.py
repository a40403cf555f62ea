"""One event-loop thread against two (the default on 2 cores), in one run, alternating so noise hits both.
See bench/event-loops.

sakyumd with examples/schoolsite is started with `event_loops: 1` and then `event_loops: 2` in its daemon
settings, ROUNDS times each, alternating; wrk (1 thread, 8 connections, bounded in time) measures the pages
answered on the event loop (cached landing page, static file) and the ones rendered in a task (login page,
admin list). Writes bench/results/event-loops-latest.json and .md; the figure kept is each setting's median.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
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


def run(loops, seed):
    name = f"loops{loops}"
    config, log_path = os.path.join(WORK, f"{name}.yaml"), os.path.join(WORK, f"{name}.log")
    open(config, "w").write(f"event_loops: {loops}\naccess_log: {{file: {WORK}/{name}-access.log}}\n")
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
    stop(process)
    return figures


runs = {1: [], 2: []}
for round_number in range(ROUNDS):
    for loops in (1, 2):
        log(f"round {round_number + 1}: event_loops {loops}")
        runs[loops].append(run(loops, seed=not runs[1] and not runs[2]))

results = {"date": str(date.today()), "cores": os.cpu_count(), "seconds": SECONDS, "rounds": ROUNDS, "pages": {}}
lines = [f"# One event-loop thread against two ({results['date']}, {os.cpu_count()} cores)", "",
         f"wrk -t1 -c{benchlib.CONNECTIONS} -d{SECONDS}s on loopback, release build, examples/schoolsite; the median of "
         f"{ROUNDS} alternating runs of each setting (`bench/event-loops`).", "",
         "| page | 1 loop req/s | 2 loops req/s | 2 / 1 |", "|---|---:|---:|---:|"]
for label, _, _ in pages:
    one = statistics.median(run[label]["rps"] for run in runs[1])
    two = statistics.median(run[label]["rps"] for run in runs[2])
    results["pages"][label] = {"one": one, "two": two, "runs_one": [r[label] for r in runs[1]], "runs_two": [r[label] for r in runs[2]]}
    lines.append(f"| {label} | {one:,.0f} | {two:,.0f} | {two / one:.2f}× |")
benchlib.write_results(ROOT, "event-loops", "\n".join(lines) + "\n", results)
