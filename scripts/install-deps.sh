#!/usr/bin/env bash
# Installs the system packages camera-bridge needs and tunes the host for GigE Vision.
#   install-deps.sh            runtime: libaravis + the fake GigE camera, larger UDP receive buffers
#   install-deps.sh --tests    also what the test suite needs (socat, systemd tools, container engine)
# Idempotent; uses sudo when not root. Never run by the service itself.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

tests=false
[ "${1:-}" = "--tests" ] && tests=true

packages=(libaravis-0.8-0 aravis-tools)
if $tests; then
  # fontconfig + a font: the benchmark chart (Java2D text) in the smoke test
  packages+=(socat systemd iproute2 podman runc debootstrap curl fontconfig fonts-dejavu-core)
  packages+=(prometheus)  # PrometheusIT and RulesPromtoolTest: the real Prometheus and promtool
  packages+=(gcc make libusb-1.0-0-dev aravis-tools-cli)  # fake-u3v USB3 Vision test camera, arv-tool-0.8
  packages+=(chromium chromium-driver)  # console browser tests (Selenium, ConsoleBrowserIT)
  packages+=(mosquitto mosquitto-clients)  # MQTT output tests: a real broker
  packages+=(python3-pymodbus)  # Modbus server tests: an independent Modbus TCP peer (/usr/bin/python3)
  # pymodbus 3.0's client imports serial_asyncio even for TCP; Debian only recommends it, and
  # recommends are not installed here
  packages+=(python3-serial-asyncio)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "camera-bridge: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# GigE Vision streams lose packets with the kernel's default 208 KiB receive buffer (see
# docs/operations.md); Aravis can only raise its socket buffer up to net.core.rmem_max.
want=16777216
have=$(cat /proc/sys/net/core/rmem_max 2>/dev/null || echo 0)
if [ "$have" -lt "$want" ]; then
  "${sudo_cmd[@]}" sysctl -q -w net.core.rmem_max=$want || echo "camera-bridge: could not raise net.core.rmem_max (GigE frames may arrive incomplete)" >&2
fi
# A stream socket has rmem_default until Aravis applies its own size on the first frame's leader,
# so the first frame of a stream overflows the kernel's 208 KiB; 1 MiB as the package's sysctl file.
want_default=1048576
have_default=$(cat /proc/sys/net/core/rmem_default 2>/dev/null || echo 0)
if [ "$have_default" -lt "$want_default" ]; then
  "${sudo_cmd[@]}" sysctl -q -w net.core.rmem_default=$want_default || echo "camera-bridge: could not raise net.core.rmem_default (first frames may arrive incomplete)" >&2
fi

# Debian's prometheus package enables and starts a system Prometheus on :9090; the tests run their
# own on a free port, so keep the system one from listening (and from scraping anything).
if $tests && [ -d /run/systemd/system ] && systemctl is-enabled prometheus >/dev/null 2>&1; then
  "${sudo_cmd[@]}" systemctl disable --now prometheus >/dev/null 2>&1 || true
elif $tests && [ -x /etc/init.d/prometheus ] && pgrep -u prometheus -x prometheus >/dev/null; then
  "${sudo_cmd[@]}" /etc/init.d/prometheus stop >/dev/null 2>&1 || true  # no systemd: SysV script
fi

if $tests && [ -x "$here/container-engine.sh" ]; then
  "$here/container-engine.sh" start
fi
