#!/usr/bin/env bash
# Runs one `thingbus bench` scenario in device mode against a fresh Thingbus hub: every connection is
# a member of a group enrollment with its own derived key and SAS token, registered through the
# hub's provisioning endpoint before the run.
#
#   bench/devices.sh connections --connections 5000 --connect-rate 10000 --hold 5s
#   bench/devices.sh telemetry --devices 1000 --rate 50000 --duration 20s
#
# Steps: start `thingbus server` on free loopback ports (with --allow-anonymous for the baseline);
# create the group enrollment `bench` with two random keys through the API as the admin service
# principal; run the bench with --sas-group-key and --provision-url (telemetry's consumers log in
# as the admin principal); for `connections`, first warm the hub up with an unmeasured device-mode
# run of the first 2,000 devices (which the measured run then finds registered), and after the
# measured run the same load again without credentials on the same hub (the anonymous baseline:
# what authentication costs), and print both side by side.
# Do not pass --port, --json, --broker-pid, --sas-group-key, --provision-url or the logins.
#
# Environment:
#   DEVICES_BASELINE     connections only: anonymous (default), admin (the admin service principal) or none
#   DEVICES_WARMUP       connections only: devices in the unmeasured warm-up run (default 2000; 0: none)
#   DEVICES_PAUSE        connections only: seconds between the runs, for the hub to settle (default 10)
#   DEVICES_SERVER_OPTS  more `thingbus server` options, e.g. "--fsync interval:10"
#   THINGBUS, JAVA_HOME, BENCH_JAVA_OPTS, RESULTS_DIR   as for bench/compare.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

usage() {
    sed -n '2,25s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
    exit 2
}

[[ $# -ge 1 ]] || usage
SCENARIO="$1"
shift
[[ "$SCENARIO" == connections || "$SCENARIO" == telemetry ]] \
    || { echo "devices.sh: device mode has the scenarios connections and telemetry, not '$SCENARIO'" >&2; usage; }
for option in "$@"; do
    case "$option" in
        --port|--port=*|-p|--json|--json=*|--broker-pid|--broker-pid=*|--username|--username=*|--password|--password=*|\
        --sas-group-key|--sas-group-key=*|--provision-url|--provision-url=*|--consumer-*)
            echo "devices.sh: $option is set by the script" >&2; exit 2 ;;
    esac
done
BASELINE="${DEVICES_BASELINE:-anonymous}"
[[ "$BASELINE" == anonymous || "$BASELINE" == admin || "$BASELINE" == none ]] \
    || die "DEVICES_BASELINE must be anonymous, admin or none, not '$BASELINE'"
command -v curl > /dev/null || die "curl is needed to create the group enrollment (apt-get install curl)"

find_bench
RESULTS_DIR="${RESULTS_DIR:-$(mktemp -d /tmp/thingbus-devices.XXXXXX)}"
mkdir -p "$RESULTS_DIR"
trap stop_started EXIT
trap 'exit 130' INT TERM
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

BENCH_ADMIN_TOKEN="bench-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
read -r -a SERVER_OPTS <<< "${DEVICES_SERVER_OPTS:-}"
start_thingbus --allow-anonymous "${SERVER_OPTS[@]}"
HUB_URL="http://127.0.0.1:$BROKER_HTTP_PORT"

# The group enrollment: members derive their keys from the primary key; the secondary is never used.
GROUP_KEY="$(head -c 32 /dev/urandom | base64)"
SECONDARY_KEY="$(head -c 32 /dev/urandom | base64)"
status="$(curl -sS -o "$RESULTS_DIR/enrollment.json" -w '%{http_code}' \
    -H "Authorization: Bearer $BENCH_ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -d "{\"groupId\": \"bench\", \"primaryKey\": \"$GROUP_KEY\", \"secondaryKey\": \"$SECONDARY_KEY\"}" \
    "$HUB_URL/api/v1/enrollments/groups")"
rm -f "$RESULTS_DIR/enrollment.json"   # it holds the keys
[[ "$status" == 201 ]] || die "creating the group enrollment answered HTTP $status, see $RESULTS_DIR/thingbus.log"

extra=()
case "$SCENARIO" in
    connections) extra=(--broker-pid "$BROKER_PID") ;;
    telemetry) extra=(--consumer-username admin --consumer-password "$BENCH_ADMIN_TOKEN") ;;
esac

# A failed run (exit 1) is still reported; bad usage (2) stops here.
run_bench() {
    local label="$1" status=0
    shift
    echo "=== $SCENARIO on thingbus: $label" >&2
    bench "$SCENARIO" --port "$BROKER_PORT" --json "$RESULTS_DIR/$label.json" "$@" || status=$?
    [[ $status -le 1 ]] || die "the bench exited with $status"
    [[ -s "$RESULTS_DIR/$label.json" ]] || die "no result for $label"
}

DEVICE_MODE=(--sas-group-key "$GROUP_KEY" --provision-url "$HUB_URL")
if [[ "$SCENARIO" == connections && "${DEVICES_WARMUP:-2000}" -gt 0 ]]; then
    # The caller's options but its own count and hold (picocli refuses an option given twice).
    warmup_args=()
    skip_value=false
    for option in "$@"; do
        if $skip_value; then skip_value=false; continue; fi
        case "$option" in
            -n|--connections|--hold) skip_value=true ;;
            --connections=*|--hold=*|-q|--quiet) ;;
            *) warmup_args+=("$option") ;;
        esac
    done
    run_bench warmup "${DEVICE_MODE[@]}" "${warmup_args[@]}" --connections "${DEVICES_WARMUP:-2000}" --hold 0s --quiet
    sleep "${DEVICES_PAUSE:-10}"
fi
run_bench sas "${DEVICE_MODE[@]}" "${extra[@]}" "$@"
if [[ "$SCENARIO" == connections && "$BASELINE" != none ]]; then
    login=()
    [[ "$BASELINE" == admin ]] && login=("${BROKER_LOGIN[@]}")
    # The hub records the devices' disconnections after the measured run: let it finish first.
    sleep "${DEVICES_PAUSE:-10}"
    run_bench "$BASELINE" "${extra[@]}" "${login[@]}" "$@"
fi
stop_started

echo >&2
echo "results and the hub's log: $RESULTS_DIR" >&2
if [[ -s "$RESULTS_DIR/$BASELINE.json" && "$SCENARIO" == connections ]]; then
    bench compare "sas=$RESULTS_DIR/sas.json" "$BASELINE=$RESULTS_DIR/$BASELINE.json"
fi
