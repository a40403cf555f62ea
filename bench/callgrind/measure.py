"""Instructions per request of sakyumd (release) under callgrind: stable where wrk's figures are noisy.

Starts sakyumd with examples/schoolsite under `valgrind --tool=callgrind`, warms each page up, zeroes the
counters, sends REQUESTS requests one after another on one keep-alive connection and dumps; the dump's
total instruction count divided by REQUESTS is the page's cost, every thread of the daemon included.
Writes bench/results/callgrind-latest.md and .json. Usage: measure.py [REQUESTS] [LABEL]; with CALLGRIND_KEEP=1
the dumps are kept for `callgrind_annotate`.
"""
import glob
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import date

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import benchlib  # noqa: E402
from benchlib import free_port, log, start, stop  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
REQUESTS = int(sys.argv[1]) if len(sys.argv) > 1 else 200
LABEL = sys.argv[2] if len(sys.argv) > 2 else subprocess.run(
    ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
WORK = tempfile.mkdtemp(prefix="sakyumd-callgrind-")
HOST = "schoolsite.localhost"

log("building sakyumd (release)")
subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
release = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.strip()
sakyumctl = os.path.join(release, "sakyumctl")
# Valgrind 3.19 cannot read the DWARF 5 that Swift writes and gives up on the binary: callgrind runs a copy
# without debug information (the symbol table stays, so a dump still names functions).
sakyumd = os.path.join(WORK, "sakyumd")
subprocess.run(["objcopy", "--strip-debug", os.path.join(release, "sakyumd"), sakyumd], check=True)
swift_libraries = os.path.join(os.path.dirname(os.path.realpath(shutil.which("swift"))), "..", "lib", "swift", "linux")
main_queue = os.path.join(WORK, "libmain_queue.so")
subprocess.run(["clang", "-shared", "-fPIC", "-O2", os.path.join(HERE, "main_queue.c"), "-o", main_queue,
                f"-L{swift_libraries}", f"-Wl,-rpath,{swift_libraries}", "-ldispatch"], check=True)

projects = os.path.join(WORK, "projects")
os.makedirs(projects)
shutil.copytree(os.path.join(ROOT, "examples", "schoolsite"), os.path.join(projects, "schoolsite"))
port, control = free_port(), os.path.join(WORK, "control.sock")
output = os.path.join(WORK, "callgrind.out")
log("starting sakyumd under callgrind (slow: about 50 times slower than natively)")
daemon = start(["env", f"LD_PRELOAD={main_queue}", "valgrind", "--tool=callgrind", f"--callgrind-out-file={output}", "--dump-instr=no",
                sakyumd, "--projects", projects, "--listen", f"127.0.0.1:{port}", "--control", control,
                "--log-level", "notice"], output=os.path.join(WORK, "daemon.log"))
benchlib.wait_ready(daemon, os.path.join(WORK, "daemon.log"), seconds=600)

subprocess.run([sakyumctl, "add-user", "schoolsite", "-u", "ada", "-e", "ada@example.com", "-p", "lovelace1",
                "--socket", control], check=True, capture_output=True, timeout=600)
benchlib.seed_sqlite(os.path.join(projects, "schoolsite", "default.db"))
cookie = benchlib.login_cookie(f"http://127.0.0.1:{port}", HOST)


def callgrind_control(*arguments):
    subprocess.run(["callgrind_control", *arguments, str(daemon.pid)], check=True, capture_output=True, timeout=600)


def instructions_since_zero():
    """Dumps the counters and returns the dump's total instruction count (every thread's dump summed)."""
    before = set(glob.glob(output + "*"))
    callgrind_control("--dump")
    total = 0
    for path in set(glob.glob(output + "*")) - before:
        match = re.search(r"^(?:summary|totals): (\d+)", open(path).read(), re.M)
        total += int(match.group(1)) if match else 0
    return total


def measure(path, headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def request():
        connection.request("GET", path, headers={"Host": HOST, **headers})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"{path}: HTTP {response.status}")

    for _ in range(20):
        request()
    callgrind_control("--zero")
    for _ in range(REQUESTS):
        request()
    connection.close()
    return instructions_since_zero() / REQUESTS


pages = [
    ("landing", "/", {}),
    ("static CSS", "/static/default/style.css", {}),
    ("project static file", "/static/schoolsite/style.css", {}),
    ("login page", "/admin/login/", {}),
    ("admin list (50 rows)", "/admin/examquestionmodel/", {"Cookie": cookie}),
    ("question page", "/exam/1/", {}),
]
results = {"date": str(date.today()), "label": LABEL, "requests": REQUESTS, "pages": []}
for name, path, headers in pages:
    log(f"callgrind: {name}")
    results["pages"].append({"page": name, "instructions_per_request": measure(path, headers)})
stop(daemon)
if os.environ.get("CALLGRIND_KEEP"):
    log(f"kept the dumps (one per page, in the order above) for callgrind_annotate in {WORK}")
else:
    shutil.rmtree(WORK, ignore_errors=True)

lines = [f"# sakyumd instructions per request under callgrind ({results['date']}, {LABEL})", "",
         f"Release build, examples/schoolsite, {REQUESTS} requests per page on one keep-alive connection after 20 "
         "to warm up; every thread of the daemon counted (`bench/callgrind/run`)."]
# A run kept as results/callgrind-before.json (copy a run's .json there) is the column to compare with.
before_path = os.path.join(ROOT, "bench", "results", "callgrind-before.json")
before = json.load(open(before_path)) if os.path.exists(before_path) else None
if before:
    earlier = {row["page"]: row["instructions_per_request"] for row in before["pages"]}
    lines += [f"Before: {before['label']}, measured the same way.", "",
              "| page | before | now | now / before |", "|---|---:|---:|---:|"]
    for row in results["pages"]:
        was = earlier.get(row["page"])
        now = row["instructions_per_request"]
        lines.append(f"| {row['page']} | {was:,.0f} | {now:,.0f} | {now / was:.2f} |" if was
                     else f"| {row['page']} | | {now:,.0f} | |")
else:
    lines += ["", "| page | instructions / request |", "|---|---:|"]
    lines += [f"| {row['page']} | {row['instructions_per_request']:,.0f} |" for row in results["pages"]]
benchlib.write_results(ROOT, "callgrind", "\n".join(lines) + "\n", results)
