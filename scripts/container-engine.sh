#!/usr/bin/env bash
# Gives the container test tier (ContainerImageIT) an engine on machines that have none.
#
#   container-engine.sh start   prepare rootful Podman and serve its Docker-compatible API at
#                               unix:///run/podman/podman.sock; print the environment the tests need
#                               (as `export` lines on stdout, so `eval "$(... start)"` works)
#   container-engine.sh stop    stop that API service and delete the images the tests built
#
# Where a Docker engine already answers (a developer laptop), both do nothing and Testcontainers
# uses that engine. Where no engine can be prepared (not root, not Debian), both do nothing and the
# container test skips itself. Idempotent and quick when everything is in place. Why each step is
# needed, and what was measured: docs/docker.md ("The container test tier").
set -euo pipefail

readonly SOCKET=/run/podman/podman.sock
readonly DOCKER_HOST_URI="unix://$SOCKET"
readonly STATE_DIR=/run/camera-bridge-container-engine
readonly PID_FILE="$STATE_DIR/podman-service.pid"
readonly SERVICE_LOG="$STATE_DIR/podman-service.log"
readonly LOCK_FILE=/run/lock/camera-bridge-container-engine.lock
readonly CONF_FILE=/etc/containers/containers.conf.d/50-camera-bridge.conf
readonly BASE_IMAGE=localhost/debian:bookworm-slim
# The name the Dockerfile's default BASE_IMAGE resolves to, so an unchanged FROM builds offline.
readonly BASE_ALIAS=docker.io/library/debian:bookworm-slim
readonly SOURCES=/etc/apt/sources.list.d/debian.sources

say() { echo "container-engine: $*" >&2; }
die() {
  say "$*"
  exit 1
}

# True when something answers the Docker API /_ping on the given unix socket path.
pings() { curl -fsS --max-time 2 --unix-socket "$1" http://engine/_ping >/dev/null 2>&1; }

# A Docker-compatible engine that is not ours answers already: leave everything to it.
foreign_engine() {
  if [ -n "${DOCKER_HOST:-}" ] && [ "$DOCKER_HOST" != "$DOCKER_HOST_URI" ]; then
    return 0 # the user chose an engine; Testcontainers will use it (or report why not)
  fi
  [ -S /var/run/docker.sock ] && pings /var/run/docker.sock
}

service_pid() {
  local pid
  [ -f "$PID_FILE" ] || return 1
  pid=$(cat "$PID_FILE")
  # Only a PID that still runs our API service counts; a recycled PID is not ours to kill.
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "system service" || return 1
  echo "$pid"
}

ensure_packages() {
  local missing=() p
  for p in podman runc debootstrap curl; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
}

# crun fails on this kind of host (cgroup v1+v2 hybrid), and root here lacks CAP_SYS_RESOURCE, so
# containers start only with rlimits at or below the host's hard limits. A drop-in keeps any
# containers.conf the administrator wrote; Podman reads it at start, hence the restart on change.
# Prints "changed" when it rewrote the file.
ensure_config() {
  local nofile nproc want
  nofile=$(ulimit -Hn)
  nproc=$(ulimit -Hu)
  [ "$nofile" = unlimited ] || [ "$nofile" -gt 65536 ] && nofile=65536
  [ "$nproc" = unlimited ] || [ "$nproc" -gt 4096 ] && nproc=4096
  want=$(
    cat <<EOF
# Written by camera-bridge scripts/container-engine.sh for its container test tier.
[containers]
default_ulimits = [
  "nofile=$nofile:$nofile",
  "nproc=$nproc:$nproc",
]

[engine]
runtime = "runc"
EOF
  )
  if [ -f "$CONF_FILE" ] && [ "$(cat "$CONF_FILE")" = "$want" ]; then return 0; fi
  mkdir -p "$(dirname "$CONF_FILE")"
  printf '%s\n' "$want" >"$CONF_FILE"
  echo changed
}

# The first "URIs:" of the deb822 stanza whose Suites name the given suite.
mirror_for_suite() {
  awk -v suite="$1" '
    /^[[:space:]]*#/ { next }
    /^[[:space:]]*$/ { if (uri != "" && hit) exit; uri = ""; hit = 0; next }
    tolower($1) == "uris:" { uri = $2 }
    tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i == suite) hit = 1 }
    END { if (uri != "" && hit) print uri }
  ' "$SOURCES"
}

# A Debian 12 base image made with debootstrap from this machine's own mirror, since no registry can
# be reached. Shaped like the public debian:bookworm-slim (no docs, no apt lists) so the project's
# Dockerfile behaves the same on both.
ensure_base_image() {
  if podman image exists "$BASE_IMAGE"; then
    podman image exists "$BASE_ALIAS" || podman tag "$BASE_IMAGE" "$BASE_ALIAS"
    return 0
  fi
  [ -r "$SOURCES" ] || die "cannot build the Debian 12 base image: $SOURCES (the apt mirror to use) is missing"
  local mirror security rootfs started
  mirror=$(mirror_for_suite bookworm)
  [ -n "$mirror" ] || die "no 'Suites: bookworm' stanza with URIs in $SOURCES: cannot tell which Debian mirror to use"
  security=$(mirror_for_suite bookworm-security)
  [ -n "$security" ] || security="${mirror%/debian}/debian-security"
  started=$SECONDS
  say "building $BASE_IMAGE with debootstrap from $mirror (about 40 s, once)"
  rootfs=$(mktemp -d /var/tmp/camera-bridge-rootfs.XXXXXX)
  # shellcheck disable=SC2064 # expand now: the path is fixed
  trap "rm -rf '$rootfs'" EXIT
  if ! debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$STATE_DIR/debootstrap.log" 2>&1; then
    tail -n 20 "$STATE_DIR/debootstrap.log" >&2
    die "debootstrap failed (log above, whole log in $STATE_DIR/debootstrap.log)"
  fi
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/*
  rm -f "$rootfs/etc/apt/sources.list"
  cat >"$rootfs/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  cat >"$rootfs/etc/dpkg/dpkg.cfg.d/excludes" <<'EOF'
# As in the public slim images: no documentation in containers.
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
EOF
  printf 'Acquire::Languages "none";\n' >"$rootfs/etc/apt/apt.conf.d/docker-no-languages"
  tar --numeric-owner -C "$rootfs" -c . |
    podman import --quiet --change 'CMD ["bash"]' - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
  trap - EXIT
  podman tag "$BASE_IMAGE" "$BASE_ALIAS"
  say "built $BASE_IMAGE in $((SECONDS - started)) s"
}

start_service() {
  local pid
  if pid=$(service_pid) && pings "$SOCKET"; then return 0; fi
  [ -n "${pid:-}" ] && stop_service
  if pings "$SOCKET"; then return 0; fi # someone else's service (e.g. podman.socket): use it
  rm -f "$SOCKET"
  mkdir -p "$(dirname "$SOCKET")"
  # setsid: the service outlives this script and is not hit by the caller's Ctrl-C; test.sh stops it.
  setsid podman system service --time=0 "$DOCKER_HOST_URI" </dev/null >>"$SERVICE_LOG" 2>&1 9>&- &
  echo $! >"$PID_FILE"
  local deadline=$((SECONDS + 20))
  until pings "$SOCKET"; do
    if ! service_pid >/dev/null; then
      tail -n 20 "$SERVICE_LOG" >&2
      die "podman system service exited at start (log above, whole log in $SERVICE_LOG)"
    fi
    [ "$SECONDS" -lt "$deadline" ] || die "podman system service did not answer /_ping on $SOCKET within 20 s (log: $SERVICE_LOG)"
    sleep 0.1
  done
}

stop_service() {
  local pid
  pid=$(service_pid) || {
    rm -f "$PID_FILE"
    return 0
  }
  kill "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 10))
  while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
}

cmd_start() {
  if foreign_engine; then
    say "using the engine at ${DOCKER_HOST:-unix:///var/run/docker.sock} (nothing to prepare)"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    say "not root: rootful Podman cannot be prepared, so the container test will be skipped" \
      "(run as root, or start Docker)"
    return 0
  fi
  command -v dpkg-query >/dev/null || {
    say "not a Debian system and no Docker engine: the container test will be skipped"
    return 0
  }
  ensure_packages
  if [ "$(ensure_config)" = changed ]; then stop_service; fi
  ensure_base_image
  start_service
  say "Podman $(podman version --format '{{.Server.Version}}' 2>/dev/null || echo '?') serves the Docker API at $DOCKER_HOST_URI"
  echo "export DOCKER_HOST=$DOCKER_HOST_URI"
  # Ryuk's image cannot be pulled without a registry; `stop` does its cleanup instead.
  echo "export TESTCONTAINERS_RYUK_DISABLED=true"
}

cmd_stop() {
  # Only root can have started the service (see cmd_start); nothing else is ours to stop.
  [ "$(id -u)" -eq 0 ] && [ -f "$PID_FILE" ] || return 0
  # Containers of a test JVM that died are left running (Ryuk is off); remove them first.
  podman ps -a -q --filter label=org.testcontainers=true | xargs -r podman rm -f --volumes >/dev/null 2>&1 || true
  podman image prune -a -f --filter label=org.testcontainers=true >/dev/null 2>&1 || true
  stop_service
}

main() {
  case "${1:-}" in
    start | stop) ;;
    *)
      echo "usage: $0 start|stop" >&2
      exit 2
      ;;
  esac
  if [ "$(id -u)" -eq 0 ]; then
    mkdir -p "$STATE_DIR" "$(dirname "$LOCK_FILE")"
    # Two test runs on one machine must not build the base image or start the service twice.
    exec 9>"$LOCK_FILE"
    flock 9
  fi
  "cmd_$1"
}

main "$@"
