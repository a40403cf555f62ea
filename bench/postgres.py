"""PostgreSQL against SQLite for the same project in one run, and two daemons against one. See bench/postgres.

A private PostgreSQL cluster (initdb in a temporary folder, as nobody when run as root, default settings but
the socket and port) holds one project's data; a second copy of the project keeps SQLite. Both get the same
50 questions of 4 choices and the admin `ada`. wrk: 1 thread, 8 connections, bounded in time.
Writes bench/results/postgres-latest.json and .md."""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date

import benchlib
from benchlib import free_port, log, start, stop
from benchlib import login_cookie, seed_statements

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECONDS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
WORK = tempfile.mkdtemp(prefix="sakyumd-bench-pg-")
os.chmod(WORK, 0o755)
PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
AS_SERVER = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.getuid() == 0 else []

log("building sakyumd (release)")
subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
release = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
sakyumd, sakyumctl = os.path.join(release, "sakyumd"), os.path.join(release, "sakyumctl")

log("starting a private PostgreSQL cluster")
cluster = os.path.join(WORK, "pg")
os.makedirs(cluster)
if AS_SERVER:
    shutil.chown(cluster, "nobody", "nogroup")
pg_port = free_port()
subprocess.run(AS_SERVER + [f"{PG_BIN}/initdb", "-D", f"{cluster}/data", "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C"],
               cwd="/tmp", check=True, stdout=subprocess.DEVNULL)
subprocess.run(AS_SERVER + [f"{PG_BIN}/pg_ctl", "-D", f"{cluster}/data", "-l", f"{cluster}/server.log", "-w",
                            "-o", f"-k {cluster} -p {pg_port} -c listen_addresses=''", "start"], cwd="/tmp", check=True, stdout=subprocess.DEVNULL)
subprocess.run([f"{PG_BIN}/createdb", "-h", cluster, "-p", str(pg_port), "-U", "postgres", "schoolsite"], check=True)
pg_url = f"postgresql://postgres@/schoolsite?host={cluster}&port={pg_port}"


def psql(sql):
    subprocess.run([f"{PG_BIN}/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", cluster, "-p", str(pg_port), "-U", "postgres",
                    "-d", "schoolsite", "-c", sql], check=True, stdout=subprocess.DEVNULL)


def project_folder(projects, name, database):
    folder = os.path.join(projects, name)
    shutil.copytree(os.path.join(ROOT, "examples", "schoolsite"), folder)
    text = open(os.path.join(folder, "project.yaml")).read()
    text = text.replace("name: schoolsite", f"name: {name}").replace("schoolsite.localhost", f"{name}.localhost")
    text = text.replace("prefix: /schoolsite", f"prefix: /{name}")
    lines = [line for line in text.split("\n") if not line.startswith("database:")]
    open(os.path.join(folder, "project.yaml"), "w").write(f"database: {json.dumps(database)}\n" + "\n".join(lines))
    open(os.path.join(folder, "secret.key"), "w").write("b" * 64 + "\n")
    return folder


def start_daemon(projects, name, cpu=None):
    port, control = free_port(), os.path.join(WORK, f"{name}.sock")
    log_path = os.path.join(WORK, f"{name}.log")
    pin = ["taskset", "-c", str(cpu)] if cpu is not None else []
    process = start(pin + [sakyumd, "--projects", projects, "--listen", f"127.0.0.1:{port}", "--control", control,
                           "--eager", "--log-level", "notice"], output=log_path)
    benchlib.wait_ready(process, log_path)
    return process, port, control


def ctl(control, *arguments):
    subprocess.run([sakyumctl, *arguments, "--socket", control], check=True, capture_output=True)


# ------------------------------------------------------------------------- one daemon, two backends
projects = os.path.join(WORK, "projects")
os.makedirs(projects)
project_folder(projects, "lite", "sqlite:default.db")
project_folder(projects, "pg", pg_url)
daemon, port, control = start_daemon(projects, "one")
for name in ["lite", "pg"]:
    ctl(control, "add-user", name, "-u", "ada", "-e", "ada@example.com", "-p", "lovelace1")
benchlib.seed_sqlite(os.path.join(projects, "lite", "default.db"))
for statement, values in seed_statements():
    psql(statement.replace("?", "{}").format(*[f"'{v}'" if isinstance(v, str) else str(v) for v in values]))
psql("SELECT setval(pg_get_serial_sequence('exam_question_model', 'id'), 50)")

base = f"http://127.0.0.1:{port}"
results = {}
for name in ["lite", "pg"]:
    host = f"Host: {name}.localhost"
    cookie = login_cookie(base, f"{name}.localhost")
    for page, path in [("admin list (50 rows)", "/admin/examquestionmodel/"), ("question page", "/exam/1/")]:
        log(f"{name}: {page}")
        results[f"{page} · {'SQLite' if name == 'lite' else 'PostgreSQL'}"] = benchlib.wrk(base + path, SECONDS, [host, f"Cookie: {cookie}"])
stop(daemon)

# ------------------------------------------------------------------------- two daemons against one
log("one daemon on core 0 against two on cores 0 and 1, PostgreSQL")
shutil.rmtree(os.path.join(projects, "lite"))
single, port, _ = start_daemon(projects, "single", cpu=0)
cookie = login_cookie(f"http://127.0.0.1:{port}", "pg.localhost")
results["question page · one daemon (core 0)"] = benchlib.wrk(f"http://127.0.0.1:{port}/exam/1/", SECONDS, ["Host: pg.localhost", f"Cookie: {cookie}"])
stop(single)
pair = [start_daemon(projects, f"pair{cpu}", cpu=cpu) for cpu in (0, 1)]
runs = [subprocess.Popen(["wrk", "-t1", f"-c{benchlib.CONNECTIONS}", f"-d{SECONDS}s", "--latency", "--timeout", "5s",
                          "-H", "Host: pg.localhost", "-H", f"Cookie: {cookie}", f"http://127.0.0.1:{port}/exam/1/"],
                         stdout=subprocess.PIPE, text=True) for _, port, _ in pair]
outputs = [run.communicate()[0] for run in runs]
figures = [benchlib.parse_wrk(text) for text in outputs]
results["question page · two daemons (cores 0, 1), wrk on each"] = {
    "rps": sum(f["rps"] for f in figures), "p50_ms": max(f["p50_ms"] for f in figures), "p99_ms": max(f["p99_ms"] for f in figures),
    "non_2xx": sum(f["non_2xx"] for f in figures), "socket_errors": " ".join(f["socket_errors"] for f in figures if f["socket_errors"]),
}
for process, _, _ in pair:
    stop(process)
subprocess.run(AS_SERVER + [f"{PG_BIN}/pg_ctl", "-D", f"{cluster}/data", "-m", "fast", "stop"], cwd="/tmp", stdout=subprocess.DEVNULL)

lines = [f"# PostgreSQL against SQLite, {date.today()}", "",
         f"wrk -t1 -c{benchlib.CONNECTIONS} -d{SECONDS}s, logged in as an admin; 50 questions of 4 choices; release build;",
         "PostgreSQL 15 on a Unix socket with its default settings, on the same 2-core machine.", "",
         "| page | req/s | p50 ms | p99 ms | non-2xx |", "|---|---:|---:|---:|---:|"]
for label, figure in results.items():
    lines.append(f"| {label} | {figure['rps']:,.0f} | {figure['p50_ms']:.2f} | {figure['p99_ms']:.2f} | {figure['non_2xx']} |")
for page in ["admin list (50 rows)", "question page"]:
    ratio = results[f"{page} · PostgreSQL"]["rps"] / results[f"{page} · SQLite"]["rps"]
    lines.append(f"\n{page}: PostgreSQL at {ratio:.2f}x SQLite's rate.")
two = results["question page · two daemons (cores 0, 1), wrk on each"]["rps"] / results["question page · one daemon (core 0)"]["rps"]
lines.append(f"Two daemons at {two:.2f}x one (wrk, PostgreSQL and both daemons share the machine's 2 cores).")
benchlib.write_results(ROOT, "postgres", "\n".join(lines) + "\n", results)
