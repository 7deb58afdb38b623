#!/usr/bin/env bash
# Installs the Debian package that 'mvn package' built (camera-bridge/target/camera-bridge.deb) on
# this machine, checks what a user gets, and purges it again (unless --keep):
#   - the files are where docs/operations.md says, the example configuration is a conffile
#   - the system user exists and can read the configuration
#   - 'camera-bridge --version' runs through the launcher
#   - 'camera-bridge check-config' accepts the installed example, as the unit's ExecStartPre does
#   - systemd-analyze verifies the installed unit against the installed launcher
#   - promtool accepts the installed Prometheus rules
# Needs root (or sudo) and scripts/install-deps.sh --tests. Usage: check-deb.sh [--keep] [DEB]
set -euo pipefail
cd "$(dirname "$0")/.."

keep=false
if [ "${1:-}" = "--keep" ]; then keep=true; shift; fi
deb=${1:-camera-bridge/target/camera-bridge.deb}
if [ ! -f "$deb" ]; then
  echo "check-deb: $deb not found; build it first: mvn -pl camera-bridge -am -DskipTests package" >&2
  exit 1
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

fail() { echo "check-deb: FAIL: $*" >&2; exit 1; }
step() { echo "check-deb: $*"; }

was_installed=false
if dpkg-query -W -f='${Status}' camera-bridge 2>/dev/null | grep -q "install ok installed"; then
  was_installed=true
fi
cleanup() {
  if ! $keep && ! $was_installed; then
    step "purging the package"
    "${sudo_cmd[@]}" dpkg --purge camera-bridge >/dev/null
    getent passwd camera-bridge >/dev/null && fail "purge left the camera-bridge user behind"
    [ ! -e /usr/bin/camera-bridge ] || fail "purge left /usr/bin/camera-bridge behind"
    step "purged"
  fi
}

step "contents of $deb"
contents=$(dpkg-deb --contents "$deb")
for path in ./usr/bin/camera-bridge ./usr/share/camera-bridge/camera-bridge.jar \
    ./usr/share/camera-bridge/camera-bridge.rules.yml \
    ./usr/lib/systemd/system/camera-bridge.service ./usr/lib/sysctl.d/60-camera-bridge.conf \
    ./etc/camera-bridge/camera-bridge.yaml ./usr/share/doc/camera-bridge/operations.md \
    ./usr/lib/udev/rules.d/70-camera-bridge-usb3-vision.rules \
    ./usr/share/doc/camera-bridge/metrics.md ./usr/share/doc/camera-bridge/grafana/camera-bridge.json; do
  grep -q " $path\$" <<<"$contents" || fail "$deb does not contain $path"
done
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles | grep -qx /etc/camera-bridge/camera-bridge.yaml \
  || fail "/etc/camera-bridge/camera-bridge.yaml is not a conffile (an upgrade would overwrite edits)"

step "dpkg -i $deb"
trap cleanup EXIT
# Engineers and CI jobs on one machine share dpkg: take turns.
flock /tmp/camera-bridge-check-deb.lock "${sudo_cmd[@]}" dpkg -i "$deb"

step "system user"
getent passwd camera-bridge >/dev/null || fail "postinst did not create the camera-bridge user"
[ "$(stat -c %G /etc/camera-bridge/camera-bridge.yaml)" = camera-bridge ] \
  || fail "/etc/camera-bridge/camera-bridge.yaml is not readable by the camera-bridge group"

step "camera-bridge --version"
version=$(camera-bridge --version)
echo "$version"
grep -q '^camera-bridge [0-9]' <<<"$version" || fail "unexpected --version output: $version"

step "check-config on the installed example, as the service user (ExecStartPre)"
"${sudo_cmd[@]}" runuser -u camera-bridge -- camera-bridge check-config /etc/camera-bridge/camera-bridge.yaml \
  || fail "check-config rejected the installed example configuration"

step "systemd-analyze verify on the installed unit"
out=$(systemd-analyze verify /usr/lib/systemd/system/camera-bridge.service 2>&1) \
  || fail "systemd-analyze verify failed: $out"
[ -z "$out" ] || fail "systemd-analyze verify complained: $out"

step "promtool check rules on the installed rules"
command -v promtool >/dev/null || fail "promtool not found: run scripts/install-deps.sh --tests"
out=$(promtool check rules /usr/share/camera-bridge/camera-bridge.rules.yml 2>&1) \
  || fail "promtool rejected /usr/share/camera-bridge/camera-bridge.rules.yml: $out"

step "OK"
