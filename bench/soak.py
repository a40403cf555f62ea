"""The long versions of the end-to-end soaks, and what the access log costs, against a release sakyumd.

1. Access log: the landing page and a static file with the access log on (to a file) and off, alternated
   ROUNDS times so the machine's noise hits both alike; reports the median requests/s of each and the ratio.
2. Reloads under load: wrk on three pages of examples/schoolsite for the whole run while the project is
   reloaded RELOADS times (template edits the watcher sees, and `sakyumctl reload --wait`); every
   response must be a 200 and no socket may fail.
3. kill -9 while writing: KILLS rounds of two writers posting notes as fast as they can, the daemon
   killed at a random moment, restarted on the same files; every acknowledged note must be there.

Usage: soak.py [RELOADS] [KILLS] [ROUNDS]   (defaults 1000, 50, 3). Writes bench/results/soak-latest.md and .json.
"""
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import date
from http.client import HTTPConnection

from benchlib import write_results, free_port, log, processes, start, stop, wait_http, wait_ready, wrk

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RELOADS = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
KILLS = int(sys.argv[2]) if len(sys.argv) > 2 else 50
ROUNDS = int(sys.argv[3]) if len(sys.argv) > 3 else 3
WORK = tempfile.mkdtemp(prefix="sakyumd-soak-")

log("building sakyumd and sakyumctl (release)")
subprocess.run(["swift", "build", "-c", "release", "--product", "sakyumd"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
subprocess.run(["swift", "build", "-c", "release", "--product", "sakyumctl"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
release = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
sakyumd, sakyumctl = os.path.join(release, "sakyumd"), os.path.join(release, "sakyumctl")


def start_daemon(projects, name, config=""):
    """A release sakyumd on a free port; returns (process, port, control socket) once it is ready."""
    port, control = free_port(), os.path.join(WORK, f"{name}.sock")
    config_file = os.path.join(WORK, f"{name}.yaml")
    open(config_file, "w").write(config)
    log_file = os.path.join(WORK, f"{name}.log")
    process = start([sakyumd, "--projects", projects, "--listen", f"127.0.0.1:{port}", "--control", control,
                     "--config", config_file, "--log-level", "notice"], output=log_file)
    wait_ready(process, log_file, seconds=60)
    return process, port, control


def ctl(control, *arguments):
    return subprocess.run([sakyumctl, *arguments, "--socket", control], capture_output=True, text=True, check=True).stdout


def schoolsite():
    projects = os.path.join(WORK, f"projects-{len(os.listdir(WORK))}")
    os.makedirs(projects)
    shutil.copytree(os.path.join(ROOT, "examples", "schoolsite"), os.path.join(projects, "schoolsite"))
    return projects


HOST = ["Host: schoolsite.localhost"]
results = {"date": str(date.today()), "cores": os.cpu_count()}

# ------------------------------------------------------------------------- access log cost
log(f"access log on and off, {ROUNDS} rounds")
projects = schoolsite()
settings = {
    "on": f"access_log: {{enabled: true, format: combined, file: {WORK}/access.log}}\n",
    "off": "access_log: {enabled: false}\n",
}
figures = {(state, page): [] for state in settings for page in ["landing", "static"]}
for _ in range(ROUNDS):
    for state, config in settings.items():
        process, port, _ = start_daemon(projects, f"access-{state}", config)
        base = f"http://127.0.0.1:{port}"
        wait_http(base + "/", {"Host": "schoolsite.localhost"})
        figures[(state, "landing")].append(wrk(base + "/", 5, HOST)["rps"])
        figures[(state, "static")].append(wrk(base + "/static/default/style.css", 5, HOST)["rps"])
        stop(process)
results["access_log"] = {
    page: {"on_rps": statistics.median(figures[("on", page)]), "off_rps": statistics.median(figures[("off", page)]),
           "on_over_off": round(statistics.median(figures[("on", page)]) / statistics.median(figures[("off", page)]), 3)}
    for page in ["landing", "static"]
}
results["access_log"]["lines_written"] = sum(1 for _ in open(f"{WORK}/access.log"))

# ------------------------------------------------------------------------- reloads under load
log(f"{RELOADS} reloads under load")
projects = schoolsite()
process, port, control = start_daemon(projects, "reloads")
base = f"http://127.0.0.1:{port}"
template = os.path.join(projects, "schoolsite", "templates", "schoolsite", "index.html")
original = open(template).read()
load = {}


def run_load(page, path):
    # Long enough for every reload even on a busy machine (the loop stops early when a wrk ends, and says so).
    load[page] = wrk(base + path, max(30, RELOADS // 5), HOST)


loaders = [threading.Thread(target=run_load, args=(page, path)) for page, path in
           [("landing", "/"), ("app index", "/exam/"), ("static", "/static/default/style.css")]]
for loader in loaders:
    loader.start()
time.sleep(1)
began = time.time()
for number in range(RELOADS):
    if number % 2:
        ctl(control, "reload", "--wait", "schoolsite")
    else:
        with open(template + ".tmp", "w") as edited:
            edited.write(original + f"\n<!-- edit {number} -->\n")
        os.replace(template + ".tmp", template)
        time.sleep(0.02)
    if any(not loader.is_alive() for loader in loaders):
        break
reload_seconds = time.time() - began
for loader in loaders:
    loader.join()
status = ctl(control, "status", "schoolsite")
timing = re.search(r"median ([\d.]+) ms, p99 ([\d.]+) ms", status)
results["reloads"] = {
    "reloads": number + 1, "planned": RELOADS, "seconds": round(reload_seconds, 1),
    "reload_median_ms": float(timing.group(1)) if timing else None, "reload_p99_ms": float(timing.group(2)) if timing else None,
    "load": load, "failures": sum(figures["non_2xx"] for figures in load.values()),
    "socket_errors": {page: figures["socket_errors"] for page, figures in load.items() if figures["socket_errors"]},
}
stop(process)

# ------------------------------------------------------------------------- kill -9 while writing
log(f"kill -9 while writing, {KILLS} rounds")
projects = os.path.join(WORK, "notes-projects")
notes = os.path.join(projects, "notes")
files = {
    "project.yaml": "name: notes\nhosts: [notes.localhost]\nprefix: /notes\nblueprints: [default, errors, auth, base, board]\n"
                    "routes:\n  - {path: /, endpoint: index, template: notes/index.html}\n",
    "templates/notes/index.html": "<h1>notes</h1>\n",
    "board/models.yaml": "Note:\n  fields:\n    id: {type: integer, primary_key: true}\n    text: {type: string, length: 40, nullable: false}\n",
    "board/forms.yaml": "NoteForm:\n  text: {type: string, validators: [required]}\n",
    "board/views.yaml": "- {path: /notes/new/, endpoint: new_note, template: board/new.html, create: {model: Note, form: NoteForm}, "
                        "success: {redirect: {url: /}}}\n- {path: /notes/all/, endpoint: all, json: {query: Note, order_by: id}}\n",
    "templates/board/new.html": '<form method="post">{{ form.hidden_tag() }}{{ form.text }}</form>\n',
}
for relative, text in files.items():
    os.makedirs(os.path.dirname(os.path.join(notes, relative)), exist_ok=True)
    open(os.path.join(notes, relative), "w").write(text)


def form_fields(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/notes/notes/new/") as page:
        cookie = page.headers["Set-Cookie"].split(";")[0]
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.read().decode()).group(1)
    return cookie, urllib.parse.quote(token, safe="")


def stored_notes(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/notes/notes/all/") as reply:
        return {row["text"] for row in json.load(reply)}


acknowledged, lost, rounds = [], [], []
for round_number in range(KILLS):
    process, port, _ = start_daemon(projects, f"notes-{round_number}")
    cookie, token = form_fields(port)
    before = stored_notes(port)
    written, lock, stopping = [], threading.Lock(), threading.Event()

    def writer(name):
        connection = HTTPConnection("127.0.0.1", port, timeout=5)
        for number in range(1_000_000):
            if stopping.is_set():
                return
            text = f"r{round_number}-{name}-{number}"
            try:
                connection.request("POST", "/notes/notes/new/", f"csrf_token={token}&text={text}",
                                   {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
                reply = connection.getresponse()
                reply.read()
            except OSError:
                return
            if reply.status != 302:
                return
            with lock:
                written.append(text)

    writers = [threading.Thread(target=writer, args=(name,)) for name in "ab"]
    for thread in writers:
        thread.start()
    time.sleep(random.uniform(0.2, 1.5))
    os.killpg(process.pid, 9)
    process.wait()
    stopping.set()
    for thread in writers:
        thread.join()
    process, port, _ = start_daemon(projects, f"notes-{round_number}-after")
    stored = stored_notes(port)
    stop(process)
    missing = [text for text in written if text not in stored]
    acknowledged += written
    lost += missing
    rounds.append({"acknowledged": len(written), "lost": len(missing), "stored_before": len(before)})
results["kills"] = {"rounds": KILLS, "acknowledged": len(acknowledged), "lost": len(lost), "lost_examples": lost[:10],
                    "fewest_acknowledged_in_a_round": min(r["acknowledged"] for r in rounds)}

for process in list(processes):
    stop(process)

# ------------------------------------------------------------------------- report
access, reloads, kills = results["access_log"], results["reloads"], results["kills"]
lines = [f"# sakyumd soak ({results['date']}, {results['cores']} cores, release build)", "",
         f"## Access log ({ROUNDS} alternated rounds of wrk -t1 -c8 -d5s, median requests/s)", "",
         "| page | log on (file) | log off | on / off |", "|---|---:|---:|---:|"]
for page in ["landing", "static"]:
    lines.append(f"| {page} | {access[page]['on_rps']:,.0f} | {access[page]['off_rps']:,.0f} | {access[page]['on_over_off']:.3f} |")
lines += ["", f"{access['lines_written']:,} access log lines written.", "",
          "## Reloads under load", "",
          f"{reloads['reloads']} of {reloads['planned']} reloads in {reloads['seconds']} s (half file edits, half `sakyumctl reload --wait`); "
          f"reload median {reloads['reload_median_ms']} ms, p99 {reloads['reload_p99_ms']} ms.", "",
          "| page | requests/s | p99 ms | non-2xx | socket errors |", "|---|---:|---:|---:|---|"]
for page, figures in reloads["load"].items():
    lines.append(f"| {page} | {figures['rps']:,.0f} | {figures['p99_ms']:.2f} | {figures['non_2xx']} | {figures['socket_errors'] or 'none'} |")
lines += ["", "## kill -9 while writing", "",
          f"{kills['rounds']} rounds, {kills['acknowledged']:,} acknowledged writes (at least {kills['fewest_acknowledged_in_a_round']} a round), "
          f"**{kills['lost']} lost**."]
write_results(ROOT, "soak", "\n".join(lines) + "\n", results)
shutil.rmtree(WORK, ignore_errors=True)
failed = reloads["failures"] or reloads["socket_errors"] or kills["lost"] or reloads["reloads"] < RELOADS
sys.exit(1 if failed else 0)
