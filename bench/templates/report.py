#!/usr/bin/env python3
"""Turns the two timing files of bench/templates/run into a table and the results files.

Usage: report.py SWIFT_JSON JINJA_JSON RESULTS_DIR
Prints the table and writes RESULTS_DIR/templates-latest.md and templates-latest.json.
"""

import datetime
import json
import os
import pathlib
import platform
import sys

GOAL = 10  # issue 17


def rate(entry):
    return entry["renders"] / entry["seconds"]


def main(arguments):
    if len(arguments) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    swift = json.loads(pathlib.Path(arguments[0]).read_text())
    jinja = json.loads(pathlib.Path(arguments[1]).read_text())
    results = pathlib.Path(arguments[2])
    rows = []
    for name in sorted(swift["cases"]):
        swift_rate = rate(swift["cases"][name])
        jinja_rate = rate(jinja["cases"][name])
        rows.append({"case": name, "swift_renders_per_second": round(swift_rate, 1),
                     "jinja2_renders_per_second": round(jinja_rate, 1), "ratio": round(swift_rate / jinja_rate, 2)})
    header = f"| case | Swift renders/s | Jinja2 renders/s | ratio (goal ≥ {GOAL:g}×) |"
    lines = [header, "| --- | ---: | ---: | ---: |"]
    lines += [f"| {r['case']} | {r['swift_renders_per_second']:,.0f} | {r['jinja2_renders_per_second']:,.0f} | {r['ratio']:.2f}× |"
              for r in rows]
    table = "\n".join(lines)
    print(table)

    seconds = swift["cases"][rows[0]["case"]]["seconds"] if rows else 0
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}"
    document = {"date": when, "machine": machine, "swift_engine": swift["engine"], "jinja2_engine": jinja["engine"],
                "seconds_per_case": round(seconds, 2), "goal_ratio": GOAL, "cases": rows}
    markdown = (
        "# Template render benchmark (latest run)\n\n"
        f"Written by `bench/templates/run` on {when}; {machine}.\n"
        f"SakyumTemplates (release build) against {jinja['engine']}, the same templates and contexts "
        f"(bench/templates/cases), about {seconds:.1f} s of rendering per case and engine, single thread; "
        "outputs were checked identical before timing. Each side renders to what its HTTP path sends: UTF-8 bytes "
        "(SakyumTemplates' renderUTF8; Jinja2's render encoded, as Flask does).\n\n" + table + "\n"
    )
    results.mkdir(parents=True, exist_ok=True)
    (results / "templates-latest.md").write_text(markdown, encoding="utf-8")
    (results / "templates-latest.json").write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
