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
# COMPARE_BROKERS; see docs/benchmarks.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCENARIOS="connections fanin fanout p2p"
STARTUP_SECONDS=60

usage() {
    sed -n '2,22s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
    exit 2
}

die() {
    echo "compare.sh: $*" >&2
    exit 1
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

# --- the bench ---------------------------------------------------------------------------------

find_java() {
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
        echo "$JAVA_HOME/bin/java"
        return
    fi
    local newest
    newest="$(ls -d /usr/lib/jvm/temurin-*/ 2>/dev/null | sort -V | tail -n 1)"
    [[ -n "$newest" && -x "${newest}bin/java" ]] || die "no JDK 21+ found: set JAVA_HOME"
    echo "${newest}bin/java"
}

JAVA="$(find_java)"
BENCH_JAR="$(ls "$ROOT"/thingbus-sim/target/thingbus-sim-*.jar 2>/dev/null | grep -v -e sources -e tests | head -n 1 || true)"
[[ -n "$BENCH_JAR" && -d "$ROOT/thingbus-sim/target/lib" ]] || die "the bench is not built; run:
  JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -ntp -pl thingbus-sim -am package -DskipTests"
read -r -a BENCH_OPTS <<< "${BENCH_JAVA_OPTS:--XX:+UseZGC -Xmx2g}"

bench() {
    "$JAVA" "${BENCH_OPTS[@]}" -jar "$BENCH_JAR" "$@"
}

# --- broker processes --------------------------------------------------------------------------

RESULTS_DIR="${RESULTS_DIR:-$(mktemp -d /tmp/thingbus-compare.XXXXXX)}"
mkdir -p "$RESULTS_DIR"
STARTED_PIDS=()   # every process this script started, stopped by pid on exit
BROKER_PORT=""
BROKER_PID=""     # the process whose memory is weighed

stop_started() {
    local pid children=()
    for pid in "${STARTED_PIDS[@]}"; do
        # A launcher script may have children of its own (a JVM that was not exec'd): stop them too.
        children+=($(pgrep -P "$pid" || true))
    done
    STARTED_PIDS+=("${children[@]}")
    for pid in "${STARTED_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${STARTED_PIDS[@]}"; do
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    done
    STARTED_PIDS=()
}
trap stop_started EXIT
trap 'exit 130' INT TERM

# The open-file limit is inherited by the brokers and the bench: take all the shell may have.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

accepts() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
    local port
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 30000))
        if ! accepts "$port"; then
            echo "$port"
            return
        fi
    done
    die "no free loopback port found"
}

wait_until_accepting() {
    local port="$1" pid="$2" name="$3"
    for _ in $(seq 1 $((STARTUP_SECONDS * 10))); do
        accepts "$port" && return 0
        kill -0 "$pid" 2>/dev/null || die "$name exited during startup, see $RESULTS_DIR/$name.log"
        sleep 0.1
    done
    die "$name did not accept connections on 127.0.0.1:$port within ${STARTUP_SECONDS}s"
}

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

# The JVM of a launcher that may or may not exec java: the process itself, else its java child.
jvm_of() {
    local pid="$1" child
    if [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == java ]]; then
        echo "$pid"
        return
    fi
    child="$(pgrep -P "$pid" -x java | head -n 1 || true)"
    echo "${child:-$pid}"
}

# Contract: `thingbus server --host 127.0.0.1 --mqtt-port 0 --http-port 0 --data-dir DIR` picks free
# ports and writes them to DIR/ports.json as {"mqtt": 12345, "http": 23456}.
start_thingbus() {
    local launcher="${THINGBUS:-$ROOT/thingbus}" data="$RESULTS_DIR/thingbus-data" launcher_pid
    local -a server_args=("$@")
    [[ -x "$launcher" ]] || die "no Thingbus launcher at $launcher: build the server first, or set THINGBUS
  (or leave it out: COMPARE_BROKERS=mosquitto)"
    rm -rf "$data"
    mkdir -p "$data"
    # the TLS listeners are not measured: they get free ports so that nothing clashes with 8883/8443
    # the bench logs in as the hub's admin service principal (THINGBUS_ADMIN_TOKEN): it may publish and
    # subscribe to the scenarios' topics, devicebound ones included
    THINGBUS_ADMIN_TOKEN="$BENCH_ADMIN_TOKEN" \
    "$launcher" server --host 127.0.0.1 --mqtt-port 0 --http-port 0 --mqtts-port 0 --https-port 0 \
        --data-dir "$data" "${server_args[@]}" \
        >> "$RESULTS_DIR/thingbus.log" 2>&1 &
    BROKER_LOGIN=(--username admin --password "$BENCH_ADMIN_TOKEN")
    launcher_pid=$!
    STARTED_PIDS+=("$launcher_pid")
    for _ in $(seq 1 $((STARTUP_SECONDS * 10))); do
        [[ -s "$data/ports.json" ]] && break
        kill -0 "$launcher_pid" 2>/dev/null || die "thingbus exited during startup, see $RESULTS_DIR/thingbus.log"
        sleep 0.1
    done
    [[ -s "$data/ports.json" ]] || die "thingbus wrote no $data/ports.json within ${STARTUP_SECONDS}s"
    BROKER_PORT="$(tr -d '\n' < "$data/ports.json" | sed -n 's/.*"mqtt"[[:space:]]*:[[:space:]]*\([0-9][0-9]*\).*/\1/p')"
    [[ -n "$BROKER_PORT" ]] || die "no mqtt port in $data/ports.json: $(cat "$data/ports.json")"
    BROKER_PID="$(jvm_of "$launcher_pid")"
    [[ "$BROKER_PID" == "$launcher_pid" ]] || STARTED_PIDS+=("$BROKER_PID")
    wait_until_accepting "$BROKER_PORT" "$launcher_pid" thingbus
}

# Thingbus with each journal fsync policy, to measure what durability costs on the same load.
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
