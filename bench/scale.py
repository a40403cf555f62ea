"""Thousands of projects on one daemon: compiled on first request, unloaded when idle (issue 18).

Generates COUNT copies of examples/schoolsite (two apps with models, forms, admin views and templates, as
the tutorial has), named p0, p1, … with hosts pN.localhost and prefixes /pN, then for 100, 1,000 and COUNT of
them (a folder of symlinks to the first N) starts a release sakyumd and measures:
- time to ready and RSS with none compiled;
- at the largest size: the first request to HITS distinct projects never compiled (one each, by Host, one
  at a time: p50/p99/max; this one also creates each project's database), RSS after; then, once they were
  unloaded for being idle (idle_unload: 3), the first request to each again; wrk on one of them once compiled against the same project served alone by
  an --eager daemon (the ratio is "as fast as before"); and 50 `sakyumctl reload --wait` of a compiled one.
Usage: scale.py [COUNT] [HITS]   (defaults 10000, 1000). Writes bench/results/scale-latest.md and .json.
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from http.client import HTTPConnection

from benchlib import write_results, free_port, log, processes, rss_mib, start, stop, wait_ready, wrk

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
HITS = min(int(sys.argv[2]) if len(sys.argv) > 2 else 1000, COUNT)
WORK = tempfile.mkdtemp(prefix="sakyumd-scale-")

log("building sakyumd and sakyumctl (release)")
for product in ["sakyumd", "sakyumctl"]:
    subprocess.run(["swift", "build", "-c", "release", "--product", product], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
release = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
sakyumd, sakyumctl = os.path.join(release, "sakyumd"), os.path.join(release, "sakyumctl")

# ------------------------------------------------------------------------- projects
log(f"generating {COUNT} projects")
source = os.path.join(ROOT, "examples", "schoolsite")
files = []
for folder, _, names in os.walk(source):
    for name in names:
        path = os.path.join(folder, name)
        relative = os.path.relpath(path, source)
        data = open(path, "rb").read()
        files.append((relative, data))
everything = os.path.join(WORK, "all")
for index in range(COUNT):
    name = f"p{index}"
    for relative, data in files:
        target = os.path.join(everything, name, relative.replace("schoolsite", name))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not relative.endswith(".png"):
            data = data.replace(b"schoolsite", name.encode())
        with open(target, "wb") as out:
            out.write(data)


def projects_folder(count):
    if count == COUNT:
        return everything
    folder = os.path.join(WORK, f"first-{count}")
    os.makedirs(folder)
    for index in range(count):
        os.symlink(os.path.join(everything, f"p{index}"), os.path.join(folder, f"p{index}"))
    return folder


def start_daemon(projects, name, *flags):
    port, control = free_port(), os.path.join(WORK, f"{name}.sock")
    log_file, config = os.path.join(WORK, f"{name}.log"), os.path.join(WORK, f"{name}.yaml")
    open(config, "w").write("idle_unload: 3\n")
    began = time.time()
    process = start([sakyumd, "--projects", projects, "--listen", f"127.0.0.1:{port}", "--control", control,
                     "--config", config, "--log-level", "notice", *flags], output=log_file)
    wait_ready(process, log_file, seconds=300)
    return process, port, control, time.time() - began


def ctl(control, *arguments):
    return subprocess.run([sakyumctl, *arguments, "--socket", control], capture_output=True, text=True, check=True).stdout


def first_request(port, project):
    connection = HTTPConnection("127.0.0.1", port, timeout=30)
    began = time.perf_counter()
    connection.request("GET", "/", headers={"Host": f"{project}.localhost"})
    reply = connection.getresponse()
    reply.read()
    elapsed = (time.perf_counter() - began) * 1000
    connection.close()
    if reply.status != 200:
        raise RuntimeError(f"{project}: {reply.status}")
    return elapsed


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


results = {"date": str(date.today()), "cores": os.cpu_count(), "projects": COUNT, "sizes": []}
for count in sorted({100, 1000, COUNT}):
    if count > COUNT:
        continue
    log(f"{count} projects")
    process, port, control, ready = start_daemon(projects_folder(count), f"scale-{count}")
    entry = {"projects": count, "ready_s": round(ready, 2), "rss_mib": round(rss_mib(process.pid), 1)}
    if count == COUNT:
        log(f"first requests to {HITS} projects")
        hit = [f"p{index}" for index in range(0, COUNT, max(1, COUNT // HITS))][:HITS]

        def figures(latencies):
            return {"p50": round(statistics.median(latencies), 2), "p99": round(percentile(latencies, 0.99), 2),
                    "max": round(max(latencies), 2), "count": len(latencies)}

        entry["first_request_ms"] = figures([first_request(port, project) for project in hit])
        entry["rss_after_hits_mib"] = round(rss_mib(process.pid), 1)
        log("waiting for them to be unloaded, then again")
        deadline = time.time() + 120
        def loaded():
            return sum(1 for project in json.loads(ctl(control, "status", "--json"))["result"]["projects"] if project.get("loaded"))

        while loaded() and time.time() < deadline:
            time.sleep(0.5)
        entry["rss_unloaded_mib"] = round(rss_mib(process.pid), 1)
        entry["after_unload_ms"] = figures([first_request(port, project) for project in hit])
        entry["loaded_landing"] = wrk(f"http://127.0.0.1:{port}/", 5, ["Host: p0.localhost"])
        for _ in range(50):
            ctl(control, "reload", "--wait", "p0")
        timing = re.search(r"median ([\d.]+) ms, p99 ([\d.]+) ms", ctl(control, "status", "p0"))
        entry["reload_ms"] = {"median": float(timing.group(1)), "p99": float(timing.group(2))}
    stop(process)
    results["sizes"].append(entry)

log("the same project alone, --eager (the reference)")
alone = os.path.join(WORK, "alone")
os.makedirs(alone)
os.symlink(os.path.join(everything, "p0"), os.path.join(alone, "p0"))
process, port, _, _ = start_daemon(alone, "alone", "--eager")
results["alone_landing"] = wrk(f"http://127.0.0.1:{port}/", 5, ["Host: p0.localhost"])
stop(process)
for process in list(processes):
    stop(process)

# ------------------------------------------------------------------------- report
largest = results["sizes"][-1]
lines = [f"# sakyumd with many projects ({results['date']}, {results['cores']} cores, release build, lazy projects)", "",
         "| projects | ready in s | RSS MiB (none compiled) |", "|---:|---:|---:|"]
lines += [f"| {entry['projects']:,} | {entry['ready_s']} | {entry['rss_mib']} |" for entry in results["sizes"]]
first = largest["first_request_ms"]
ratio = largest["loaded_landing"]["rps"] / results["alone_landing"]["rps"]
lines += ["", f"With {largest['projects']:,} projects:", "",
          f"- first request to {first['count']:,} distinct unloaded projects, one at a time: p50 {first['p50']} ms, "
          f"p99 {first['p99']} ms, max {first['max']} ms (each also creates its database); RSS afterwards {largest['rss_after_hits_mib']} MiB;",
          f"- once all were unloaded for being idle (RSS {largest['rss_unloaded_mib']} MiB), the first request to each again: "
          f"p50 {largest['after_unload_ms']['p50']} ms, p99 {largest['after_unload_ms']['p99']} ms, max {largest['after_unload_ms']['max']} ms;",
          f"- a compiled project's landing page: {largest['loaded_landing']['rps']:,.0f} req/s (p99 {largest['loaded_landing']['p99_ms']:.2f} ms) "
          f"against {results['alone_landing']['rps']:,.0f} req/s for the same project alone under --eager: {ratio:.2f}x;",
          f"- reload of a compiled project (50 × `sakyumctl reload --wait`): median {largest['reload_ms']['median']} ms, "
          f"p99 {largest['reload_ms']['p99']} ms."]
write_results(ROOT, "scale", "\n".join(lines) + "\n", results)
shutil.rmtree(WORK, ignore_errors=True)
