#!/usr/bin/env bash
# The README's first command: install what is missing, build, and run the demo
# (a fake GigE camera -> Aravis -> zero-copy Netty client -> built-in PEKAT simulator).
# Extra arguments go to 'camera-bridge demo', e.g. ./scripts/demo.sh --duration 60s
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
mvn -B -q -DskipTests package
exec java -jar camera-bridge/target/camera-bridge.jar demo "$@"
