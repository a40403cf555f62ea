#!/usr/bin/env python3
"""Turns the timing files of bench/templates/run into a table and the results files.

Usage: report.py RESULTS_DIR SWIFT_JSON... -- JINJA_JSON...
One file per round and engine, in round order. Prints the table and writes
RESULTS_DIR/templates-latest.md and templates-latest.json.

Each engine's figure is its best round (the one least slowed by the rest of a shared machine, as
timeit reports its fastest repeat); the median of the rounds' own ratios is shown beside it, since
both engines ran within seconds of each other in a round.
"""

import datetime
import json
import os
import pathlib
import platform
import statistics
import sys

GOAL = 10  # issue 17


def rate(entry):
    return entry["renders"] / entry["seconds"]


def main(arguments):
    if "--" not in arguments or arguments.index("--") < 2:
        print(__doc__, file=sys.stderr)
        return 2
    results = pathlib.Path(arguments[0])
    split = arguments.index("--")
    swift_rounds = [json.loads(pathlib.Path(path).read_text()) for path in arguments[1:split]]
    jinja_rounds = [json.loads(pathlib.Path(path).read_text()) for path in arguments[split + 1:]]
    if len(swift_rounds) != len(jinja_rounds) or not swift_rounds:
        print("report.py: needs one Swift and one Jinja2 file per round", file=sys.stderr)
        return 2
    rows = []
    for name in sorted(swift_rounds[0]["cases"]):
        swift_rates = [rate(r["cases"][name]) for r in swift_rounds]
        jinja_rates = [rate(r["cases"][name]) for r in jinja_rounds]
        round_ratios = [s / j for s, j in zip(swift_rates, jinja_rates)]
        rows.append({
            "case": name,
            "swift_renders_per_second": round(max(swift_rates), 1),
            "jinja2_renders_per_second": round(max(jinja_rates), 1),
            "ratio": round(max(swift_rates) / max(jinja_rates), 2),
            "median_round_ratio": round(statistics.median(round_ratios), 2),
            "round_ratios": [round(r, 2) for r in round_ratios],
        })
    header = f"| case | Swift renders/s | Jinja2 renders/s | ratio (goal ≥ {GOAL:g}×) | median of round ratios | rounds |"
    lines = [header, "| --- | ---: | ---: | ---: | ---: | --- |"]
    lines += [
        f"| {r['case']} | {r['swift_renders_per_second']:,.0f} | {r['jinja2_renders_per_second']:,.0f} | {r['ratio']:.2f}× "
        f"| {r['median_round_ratio']:.2f}× | {', '.join(f'{x:.2f}' for x in r['round_ratios'])} |"
        for r in rows
    ]
    table = "\n".join(lines)
    print(table)

    first = swift_rounds[0]["cases"][rows[0]["case"]] if rows else {"seconds": 0}
    seconds = first["seconds"] * len(swift_rounds)
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}"
    document = {"date": when, "machine": machine, "swift_engine": swift_rounds[0]["engine"],
                "jinja2_engine": jinja_rounds[0]["engine"], "seconds_per_case": round(seconds, 2),
                "rounds": len(swift_rounds), "goal_ratio": GOAL, "cases": rows}
    markdown = (
        "# Template render benchmark (latest run)\n\n"
        f"Written by `bench/templates/run` on {when}; {machine}.\n"
        f"SakyumTemplates (release build) against {jinja_rounds[0]['engine']}, the same templates and contexts "
        f"(bench/templates/cases), about {seconds:.1f} s of rendering per case and engine in {len(swift_rounds)} "
        "alternating rounds, single thread; outputs were checked identical before timing. Each side renders to what "
        "its HTTP path sends: UTF-8 bytes (SakyumTemplates' renderUTF8; Jinja2's render encoded, as Flask does). "
        "Renders/s are each engine's best round; the ratio is theirs, the median is of the rounds' own ratios.\n\n"
        + table + "\n"
    )
    results.mkdir(parents=True, exist_ok=True)
    (results / "templates-latest.md").write_text(markdown, encoding="utf-8")
    (results / "templates-latest.json").write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
