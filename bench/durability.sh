#!/usr/bin/env bash
# What durability costs, from one command: QoS 1 fan-in to persistent subscribers with the journal
# syncing every group commit (--fsync always) against never syncing, on the same load, then the
# hub's start-up time on a store holding 1M retained and 1M queued messages.
#
#   bench/durability.sh                     # the full run reported in docs/benchmarks.md
#   PUBLISHERS=2 RATE=500 DURATION=3s STARTUP_MESSAGES=1000 bench/durability.sh   # a smoke run
#
# Environment (defaults in brackets): PUBLISHERS [10], RATE per publisher [5000], DURATION [20s],
# WARMUP [5s], SESSION_EXPIRY of the subscribers [300], STARTUP_MESSAGES retained and queued [1000000].
# It installs nothing; see bench/compare.sh for what it needs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

echo "=== QoS 1 fan-in to persistent sessions: --fsync always vs never" >&2
COMPARE_BROKERS="thingbus_always thingbus_never" "$ROOT/bench/compare.sh" fanin \
    --mqtt-version 5 --qos 1 --payload-size 100 \
    --publishers "${PUBLISHERS:-10}" --rate "${RATE:-5000}" --consumers 1 \
    --session-expiry "${SESSION_EXPIRY:-300}" \
    --warmup "${WARMUP:-5s}" --duration "${DURATION:-20s}"

echo "=== start-up with ${STARTUP_MESSAGES:-1000000} retained + ${STARTUP_MESSAGES:-1000000} queued messages" >&2
"$ROOT/thingbus" bench startup --retained "${STARTUP_MESSAGES:-1000000}" --queued "${STARTUP_MESSAGES:-1000000}" --runs 3
