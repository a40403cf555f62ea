#!/usr/bin/env python3
"""Renders the benchmark cases with Jinja2, configured like Flask, for comparison with SakyumTemplates.

Usage: jinja_bench.py render OUT_DIR    writes OUT_DIR/<case>.html
       jinja_bench.py time SECONDS      prints {"engine": ..., "cases": {name: {"renders", "seconds"}}}
"""

import json
import pathlib
import sys
import time

import jinja2
from jinja2 import Environment, FileSystemLoader, select_autoescape

CASES = pathlib.Path(__file__).resolve().parent / "cases"
WARM_UP_SECONDS = 0.2
BATCH = 10


def url_for(endpoint, **values):
    """Same stand-in as URLFor.swift: endpoint dots become slashes, keywords a query in call order."""
    url = "/" + endpoint.replace(".", "/")
    if values:
        url += "?" + "&".join(f"{name}={value}" for name, value in values.items())
    return url


def load_cases():
    environment = Environment(
        loader=FileSystemLoader(CASES / "templates"),
        autoescape=select_autoescape(["html", "htm", "xml"]),
    )
    environment.globals["url_for"] = url_for
    cases = []
    for path in sorted(CASES.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        context = json.loads(json.dumps(document["context"], sort_keys=True))
        cases.append((path.stem, environment.get_template(document["template"]), context))
    return cases


def measure(template, context, seconds):
    # As the HTTP path of each engine ends: Flask encodes the rendered str for the response body, and
    # sakyumd renders straight to UTF-8 bytes (Template.renderUTF8).
    warm_up_end = time.perf_counter() + WARM_UP_SECONDS
    while time.perf_counter() < warm_up_end:
        template.render(context).encode("utf-8")
    renders = 0
    start = time.perf_counter()
    end = start + seconds
    while True:
        for _ in range(BATCH):
            template.render(context).encode("utf-8")
        renders += BATCH
        now = time.perf_counter()
        if now >= end:
            return renders, now - start


def main(arguments):
    if len(arguments) != 2 or arguments[0] not in ("render", "time"):
        print(__doc__, file=sys.stderr)
        return 2
    cases = load_cases()
    if arguments[0] == "render":
        output = pathlib.Path(arguments[1])
        output.mkdir(parents=True, exist_ok=True)
        for name, template, context in cases:
            (output / f"{name}.html").write_text(template.render(context), encoding="utf-8")
        return 0
    seconds = float(arguments[1])
    results = {}
    for name, template, context in cases:
        renders, elapsed = measure(template, context, seconds)
        results[name] = {"renders": renders, "seconds": elapsed}
    engine = f"Jinja2 {jinja2.__version__} on CPython {sys.version.split()[0]}"
    print(json.dumps({"engine": engine, "cases": results}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
