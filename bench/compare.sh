#!/usr/bin/env bash
# Runs one `thingbus bench` scenario against Thingbus and against Debian's mosquitto, one broker
# after the other on free loopback ports, then prints both results and the ratio per figure.
#
#   bench/compare.sh SCENARIO [scenario options...]
#   bench/compare.sh fanin --publishers 10 --rate 5000 --qos 1 --duration 20s
#   COMPARE_BROKERS=mosquitto bench/compare.sh connections --connections 10000 --hold 10s
#
# It installs nothing. It needs a JDK 21+, the built bench (thingbus-sim/target), mosquitto for the
# mosquitto run and the Thingbus launcher for the Thingbus run. Do not pass --port or --json: the
# script sets them per broker (and --broker-pid for the connections scenario), nor --username or
# --password: against Thingbus the bench logs in as the hub's admin service principal.
#
# Environment:
#   COMPARE_BROKERS  brokers to run, in order (default "thingbus mosquitto"); the first two are compared;
#                    thingbus_always and thingbus_never run Thingbus with that --fsync policy
#   THINGBUS         the Thingbus launcher (default: ./thingbus at the repository root)
#   JAVA_HOME        the JDK for the bench (default: the newest /usr/lib/jvm/temurin-*)
#   BENCH_JAVA_OPTS  JVM flags for the bench (default: -XX:+UseZGC -Xmx2g)
#   RESULTS_DIR      where results and broker logs go (default: a new /tmp/thingbus-compare.* directory)
#
# To add a broker, write start_NAME (set BROKER_PORT, BROKER_PID and STARTED_PIDS) and list NAME in
# COMPARE_BROKERS; see docs/benchmarks.md. The helpers (free_port, wait_until_accepting, start_thingbus)
# are in bench/lib.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCENARIOS="connections fanin fanout p2p"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

usage() {
    sed -n '2,24s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
    exit 2
}

[[ $# -ge 1 ]] || usage
SCENARIO="$1"
shift
[[ " $SCENARIOS " == *" $SCENARIO "* ]] || { echo "compare.sh: unknown scenario '$SCENARIO' (use: $SCENARIOS)" >&2; usage; }
for option in "$@"; do
    case "$option" in
        --port|--port=*|-p|--json|--json=*|--broker-pid|--broker-pid=*|--username|--username=*|--password|--password=*)
            echo "compare.sh: $option is set by the script for each broker" >&2; exit 2 ;;
    esac
done

find_bench

RESULTS_DIR="${RESULTS_DIR:-$(mktemp -d /tmp/thingbus-compare.XXXXXX)}"
mkdir -p "$RESULTS_DIR"
trap stop_started EXIT
trap 'exit 130' INT TERM

# The open-file limit is inherited by the brokers and the bench: take all the shell may have.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

start_mosquitto() {
    local executable
    executable="$(command -v mosquitto || true)"
    [[ -n "$executable" ]] || executable=/usr/sbin/mosquitto
    [[ -x "$executable" ]] || die "mosquitto is not installed. On Debian or Ubuntu: sudo apt-get install mosquitto
  (or leave it out: COMPARE_BROKERS=thingbus)"
    BROKER_PORT="$(free_port)"
    sed "s/^listener [0-9]* 127\.0\.0\.1\$/listener $BROKER_PORT 127.0.0.1/" "$ROOT/bench/mosquitto.conf" \
        > "$RESULTS_DIR/mosquitto.conf"
    grep -q "^listener $BROKER_PORT 127.0.0.1\$" "$RESULTS_DIR/mosquitto.conf" \
        || die "bench/mosquitto.conf needs a line 'listener PORT 127.0.0.1'"
    "$executable" -c "$RESULTS_DIR/mosquitto.conf" > "$RESULTS_DIR/mosquitto.log" 2>&1 &
    BROKER_PID=$!
    STARTED_PIDS+=("$BROKER_PID")
    wait_until_accepting "$BROKER_PORT" "$BROKER_PID" mosquitto
}

# Thingbus (start_thingbus is in bench/lib.sh) with each journal fsync policy, to measure what
# durability costs on the same load.
start_thingbus_always() {
    start_thingbus --fsync always
}

start_thingbus_never() {
    start_thingbus --fsync never
}

# --- the runs ----------------------------------------------------------------------------------

read -r -a BROKERS <<< "${COMPARE_BROKERS:-thingbus mosquitto}"
[[ ${#BROKERS[@]} -ge 1 ]] || die "COMPARE_BROKERS is empty"
for broker in "${BROKERS[@]}"; do
    declare -F "start_$broker" > /dev/null || die "unknown broker '$broker': no start_$broker in $0"
done

# Thingbus refuses clients without credentials; mosquitto (allow_anonymous true, no password file)
# takes any. start_* sets BROKER_LOGIN to what the bench must present.
BENCH_ADMIN_TOKEN="bench-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
RESULTS=()
for broker in "${BROKERS[@]}"; do
    BROKER_LOGIN=()
    echo "=== $SCENARIO on $broker" >&2
    "start_$broker"
    extra=()
    [[ "$SCENARIO" == connections ]] && extra=(--broker-pid "$BROKER_PID")
    result="$RESULTS_DIR/$broker.json"
    # A failed run (exit 1) is still reported and compared; bad usage (2) stops here.
    status=0
    bench "$SCENARIO" --port "$BROKER_PORT" --json "$result" "${extra[@]}" "${BROKER_LOGIN[@]}" "$@" || status=$?
    [[ $status -le 1 ]] || die "the bench exited with $status on $broker"
    [[ -s "$result" ]] || die "no result from $broker"
    RESULTS+=("$broker=$result")
    stop_started
done

echo >&2
echo "results and broker logs: $RESULTS_DIR" >&2
if [[ ${#RESULTS[@]} -ge 2 ]]; then
    bench compare "${RESULTS[0]}" "${RESULTS[1]}"
fi
