#!/usr/bin/env bash
# Runs the sakyum reference site (made by setup.sh) in the foreground on 127.0.0.1:PORT.
#
#   bench/sakyum/serve.sh PORT dev        # sakyum's own server: python thunder.py boot (debug off)
#   bench/sakyum/serve.sh PORT gunicorn   # the same app on gunicorn, 2 sync workers
#
# The process replaces this shell (exec), so killing the PID the caller got stops the server.
set -euo pipefail

if [ $# -ne 2 ]; then echo "usage: $0 PORT dev|gunicorn" >&2; exit 2; fi
port="$1"; mode="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench="$(cd "$here/.." && pwd)"
venv="${SAKYUM_VENV:-$bench/.work/sakyum-venv}"
proj="$bench/.work/sakyum/schoolsite"

if [ ! -f "$proj/thunder.py" ] || [ ! -f "$proj/wsgi.py" ]; then
  echo "serve.sh: $proj is missing; run bench/sakyum/setup.sh first" >&2; exit 1
fi
# sakyum finds templates and static folders from the current directory, like `python thunder.py boot`
cd "$proj"
# `boot` turns debug on when FLASK_DEBUG=1, whatever -d says
unset FLASK_DEBUG FLASK_APP

case "$mode" in
  dev)
    # no -d flag: sakyum's default is debug=False (any non-empty -d value would mean True)
    exec "$venv/bin/python" thunder.py boot -p "$port" -H 127.0.0.1 ;;
  gunicorn)
    # recent gunicorn (27.0.1 here) opens a control socket at ~/.gunicorn/gunicorn.ctl unless told not to
    extra=()
    if "$venv/bin/gunicorn" --help | grep -q -- --no-control-socket; then extra=(--no-control-socket); fi
    exec "$venv/bin/gunicorn" --workers 2 --bind "127.0.0.1:$port" "${extra[@]}" wsgi:app ;;
  *)
    echo "serve.sh: MODE must be dev or gunicorn" >&2; exit 2 ;;
esac
