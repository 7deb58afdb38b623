#!/usr/bin/env bash
# The README's second command: install what the tests need, then run the complete test suite
# (unit tests in Surefire, end-to-end and container tests in Failsafe).
# For the fast unit tier alone: mvn -B test
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh --tests
trap '[ -x scripts/container-engine.sh ] && scripts/container-engine.sh stop || true' EXIT
mvn -B verify "$@"
./scripts/check-container-test-ran.sh
# The Debian package the build made: install it, check --version and check-config, purge it.
./scripts/check-deb.sh
