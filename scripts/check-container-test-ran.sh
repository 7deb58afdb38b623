#!/usr/bin/env bash
# After `mvn verify`: proves the container test tier really ran. @Testcontainers(disabledWithoutDocker)
# turns a missing engine into a skip that Maven reports as success, so a broken engine setup would
# otherwise pass CI silently. Fails when a container engine is present (DOCKER_HOST, the Podman API
# socket that scripts/container-engine.sh starts, or Docker's socket) but ContainerImageIT did not run
# or skipped anything; where no engine exists it only says that the tier was skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
report=camera-bridge/target/failsafe-reports/TEST-io.camerabridge.container.ContainerImageIT.xml

# A socket counts only if this user may connect to it (root's Podman socket is not another user's).
engine=""
if [ -n "${DOCKER_HOST:-}" ]; then
  engine=$DOCKER_HOST
elif [ -S /run/podman/podman.sock ] && [ -w /run/podman/podman.sock ]; then
  engine=unix:///run/podman/podman.sock
elif [ -S /var/run/docker.sock ] && [ -w /var/run/docker.sock ]; then
  engine=unix:///var/run/docker.sock
fi

if [ ! -f "$report" ]; then
  if [ -z "$engine" ]; then
    echo "container tier: not run (no container engine on this machine; see docs/docker.md)"
    exit 0
  fi
  echo "container tier: FAILED: $report is missing although an engine is at $engine (was Failsafe skipped?)" >&2
  exit 1
fi

suite=$(grep -m1 -o '<testsuite [^>]*>' "$report")
attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$suite"; }
tests=$(attr tests)
skipped=$(attr skipped)
failed=$(($(attr failures) + $(attr errors)))

if [ "${tests:-0}" -ge 1 ] && [ "${skipped:-1}" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "container tier: ran $tests test(s) in ContainerImageIT against ${engine:-the detected engine}, none skipped"
  exit 0
fi
if [ -z "$engine" ]; then
  echo "container tier: skipped (no container engine on this machine; see docs/docker.md)"
  exit 0
fi
echo "container tier: FAILED: ContainerImageIT ran $tests test(s), skipped $skipped, failed $failed," \
  "although an engine is at $engine; see $report" >&2
exit 1
