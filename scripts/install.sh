#!/usr/bin/env bash
# Installs sakyumd as a systemd service (run as root):
#   scripts/install.sh                 build release binaries here, then install them
#   scripts/install.sh --prebuilt DIR  install the sakyumd and sakyumctl found in DIR (no Swift needed)
#   scripts/install.sh --uninstall     remove what was installed; keeps /var/lib/sakyum and /etc/sakyum
# PREFIX (default /usr/local) moves the binaries; NO_START=1 installs and enables without starting.
set -euo pipefail

repository="$(cd "$(dirname "$0")/.." && pwd)"
prefix="${PREFIX:-/usr/local}"
bindir="$prefix/bin"
docdir="$prefix/share/doc/sakyumd"
unitdir=/etc/systemd/system
units=(sakyumd.service sakyumd.socket sakyumd-control.socket)

say() { echo "install.sh: $*"; }
die() { echo "install.sh: $*" >&2; exit 1; }
have_systemd() { [ -d /run/systemd/system ]; }

uninstall() {
  if have_systemd; then
    systemctl disable --now "${units[@]}" >/dev/null 2>&1 || true
  fi
  for unit in "${units[@]}"; do rm -f "$unitdir/$unit"; done
  rm -f /etc/sysusers.d/sakyum.conf /etc/tmpfiles.d/sakyum.conf
  rm -f "$bindir/sakyumd" "$bindir/sakyumctl"
  rm -rf "$docdir"
  have_systemd && systemctl daemon-reload
  say "removed sakyumd; kept /var/lib/sakyum (projects), /etc/sakyum (configuration) and the sakyum user"
}

[ "$(id -u)" -eq 0 ] || die "run me as root (sudo $0 $*)"

binaries=""
case "${1:-}" in
  --uninstall) uninstall; exit 0 ;;
  --prebuilt) binaries="${2:?--prebuilt needs a folder holding sakyumd and sakyumctl}" ;;
  "") ;;
  *) die "unknown argument '$1' (use --prebuilt DIR or --uninstall)" ;;
esac

if [ -z "$binaries" ]; then
  command -v swift >/dev/null || die "swift is not on PATH; build elsewhere and use --prebuilt DIR"
  # The Swift runtime linked in: the service does not depend on where the toolchain lives.
  for product in sakyumd sakyumctl; do
    (cd "$repository" && swift build -c release --static-swift-stdlib --product "$product")
  done
  binaries="$(cd "$repository" && swift build -c release --static-swift-stdlib --show-bin-path)"
fi
for binary in sakyumd sakyumctl; do
  [ -x "$binaries/$binary" ] || die "$binaries/$binary is missing or not executable"
done

# The user and group first: the units and the directories name them.
install -D -m 0644 "$repository/systemd/sakyum.sysusers.conf" /etc/sysusers.d/sakyum.conf
install -D -m 0644 "$repository/systemd/sakyum.tmpfiles.conf" /etc/tmpfiles.d/sakyum.conf
if command -v systemd-sysusers >/dev/null; then
  systemd-sysusers /etc/sysusers.d/sakyum.conf
elif ! getent passwd sakyum >/dev/null; then
  groupadd --system sakyum
  useradd --system --gid sakyum --home-dir /var/lib/sakyum --no-create-home --shell /usr/sbin/nologin \
    --comment "sakyumd web projects" sakyum
fi

install -d -m 0755 "$bindir"
install -m 0755 "$binaries/sakyumd" "$binaries/sakyumctl" "$bindir/"
install -d -m 0755 "$docdir"
install -m 0644 "$repository/README.md" "$docdir/"

for unit in "${units[@]}"; do
  sed "s|/usr/local/bin/|$bindir/|g; s|/usr/local/share/doc/|$prefix/share/doc/|g" "$repository/systemd/$unit" >"$unitdir/$unit"
  chmod 0644 "$unitdir/$unit"
done

# The configuration is the administrator's: never overwrite an existing one.
install -d -m 0755 /etc/sakyum
if [ -e /etc/sakyum/sakyumd.yaml ]; then
  install -m 0644 "$repository/etc/sakyum/sakyumd.yaml" /etc/sakyum/sakyumd.yaml.dist
  say "kept your /etc/sakyum/sakyumd.yaml (the shipped one is /etc/sakyum/sakyumd.yaml.dist)"
else
  install -m 0644 "$repository/etc/sakyum/sakyumd.yaml" /etc/sakyum/sakyumd.yaml
fi

if command -v systemd-tmpfiles >/dev/null; then
  systemd-tmpfiles --create /etc/tmpfiles.d/sakyum.conf
else
  install -d -m 0770 -o sakyum -g sakyum /var/lib/sakyum /var/lib/sakyum/projects
fi

if have_systemd; then
  systemctl daemon-reload
  systemctl enable sakyumd.socket sakyumd-control.socket sakyumd.service >/dev/null 2>&1
  if [ "${NO_START:-}" != 1 ]; then
    systemctl restart sakyumd.service
    say "sakyumd is running: systemctl status sakyumd; sakyumctl list"
  fi
else
  say "installed; systemd is not running here, so nothing was started"
fi
say "add yourself to group sakyum to use sakyumctl: usermod -aG sakyum \$USER"
