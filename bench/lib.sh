# Shared by the bench scripts (source it; it runs nothing by itself): the JDK and the built bench,
# broker processes started on free loopback ports and stopped by pid, and a Thingbus hub.
#
# The sourcing script sets ROOT (the repository) and RESULTS_DIR (logs and results), and installs
# `trap stop_started EXIT` once it has started something.

STARTUP_SECONDS=60
STARTED_PIDS=()   # every process the script started, stopped by pid on exit
BROKER_PORT=""    # MQTT port of the broker just started
BROKER_HTTP_PORT="" # its HTTP port (Thingbus only)
BROKER_PID=""     # the process whose memory is weighed
BROKER_LOGIN=()   # what the bench must present to it in generic mode

die() {
    echo "$(basename "$0"): $*" >&2
    exit 1
}

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

# Sets JAVA, BENCH_JAR and BENCH_OPTS, or stops with how to build the bench.
find_bench() {
    JAVA="$(find_java)"
    BENCH_JAR="$(ls "$ROOT"/thingbus-sim/target/thingbus-sim-*.jar 2>/dev/null | grep -v -e sources -e tests | head -n 1 || true)"
    [[ -n "$BENCH_JAR" && -d "$ROOT/thingbus-sim/target/lib" ]] || die "the bench is not built; run:
  JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -ntp -pl thingbus-sim -am package -DskipTests"
    read -r -a BENCH_OPTS <<< "${BENCH_JAVA_OPTS:--XX:+UseZGC -Xmx2g}"
}

bench() {
    "$JAVA" "${BENCH_OPTS[@]}" -jar "$BENCH_JAR" "$@"
}

# --- broker processes --------------------------------------------------------------------------

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

# Starts `thingbus server` with a fresh data directory and the given extra server options, logged
# in as by the admin token BENCH_ADMIN_TOKEN. Contract: `thingbus server --host 127.0.0.1
# --mqtt-port 0 --http-port 0 --data-dir DIR` picks free ports and writes them to DIR/ports.json as
# {"mqtt": 12345, "http": 23456}.
start_thingbus() {
    local launcher="${THINGBUS:-$ROOT/thingbus}" data="$RESULTS_DIR/thingbus-data" launcher_pid
    local -a server_args=("$@")
    [[ -x "$launcher" ]] || die "no Thingbus launcher at $launcher: build the server first, or set THINGBUS"
    [[ -n "${BENCH_ADMIN_TOKEN:-}" ]] || die "BENCH_ADMIN_TOKEN is not set"
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
    BROKER_PORT="$(port_in "$data/ports.json" mqtt)"
    BROKER_HTTP_PORT="$(port_in "$data/ports.json" http)"
    [[ -n "$BROKER_PORT" ]] || die "no mqtt port in $data/ports.json: $(cat "$data/ports.json")"
    BROKER_PID="$(jvm_of "$launcher_pid")"
    [[ "$BROKER_PID" == "$launcher_pid" ]] || STARTED_PIDS+=("$BROKER_PID")
    wait_until_accepting "$BROKER_PORT" "$launcher_pid" thingbus
}

# The port called NAME in a ports.json file.
port_in() {
    tr -d '\n' < "$1" | sed -n 's/.*"'"$2"'"[[:space:]]*:[[:space:]]*\([0-9][0-9]*\).*/\1/p'
}
