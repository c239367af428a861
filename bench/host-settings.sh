#!/usr/bin/env bash
# The host settings used for large `thingbus bench` runs: prints each setting's current and
# recommended value, and changes the kernel ones only when called with --apply (as root).
#
#   bench/host-settings.sh            show current and recommended values, change nothing
#   sudo bench/host-settings.sh --apply   apply the sysctl values (until reboot)
#
# The open-file limit belongs to the shell that starts the broker and the bench, so this script
# cannot raise it for you: run the printed `ulimit -n` in that shell (its hard limit must allow it:
# /etc/security/limits.conf, or LimitNOFILE= for a systemd unit).
set -euo pipefail

APPLY=false
case "${1:-}" in
    --apply) APPLY=true ;;
    "") ;;
    *) sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
esac

# name | recommended | at-least (only ever raised) or exact | why
SYSCTLS=(
    "fs.nr_open|1048576|at-least|the most files one process may open: the ceiling for ulimit -n"
    "fs.file-max|2097152|at-least|files open on the whole host: broker and bench hold one socket per connection each"
    "net.ipv4.ip_local_port_range|10000 65535|exact|ephemeral ports per source address: ~55k instead of ~28k, clear of common listener ports"
    "net.core.somaxconn|65535|at-least|accept backlog cap, so connection ramps at thousands per second are not dropped"
    "net.ipv4.tcp_max_syn_backlog|65535|at-least|half-open connections queued during a ramp"
    "net.ipv4.tcp_rmem|4096 4096 131072|exact|small receive buffers: an idle socket should cost kernel memory in KB, not MB"
    "net.ipv4.tcp_wmem|4096 4096 131072|exact|small send buffers, for the same reason"
)

current() {
    sysctl -n "$1" 2>/dev/null | tr -s '[:space:]' ' ' | sed 's/ $//' || echo "(unavailable)"
}

# Whether the current value already satisfies the recommendation.
satisfied() {
    local now="$1" recommended="$2" mode="$3"
    if [[ "$mode" == at-least && "$now" =~ ^[0-9]+$ ]]; then
        [[ "$now" -ge "$recommended" ]]
    else
        [[ "$now" == "$recommended" ]]
    fi
}

echo "Kernel settings (sysctl):"
for entry in "${SYSCTLS[@]}"; do
    IFS='|' read -r name recommended mode why <<< "$entry"
    now="$(current "$name")"
    state="change"
    satisfied "$now" "$recommended" "$mode" && state="ok"
    [[ "$mode" == at-least ]] && recommended=">= $recommended"
    printf '  %-28s now %-22s recommended %-20s %-6s # %s\n' "$name" "'$now'" "'$recommended'" "$state" "$why"
done
echo
echo "Process limits (this shell):"
printf '  %-28s now %-22s recommended %-20s %-6s # %s\n' "ulimit -n (soft/hard)" "'$(ulimit -Sn)/$(ulimit -Hn)'" \
    "'1048576'" "" "one descriptor per connection, in the broker and in the bench"
echo "  In the shell that runs the broker and the bench:  ulimit -n 1048576"
echo
echo "JVM flags:"
echo "  bench:   -XX:+UseZGC -Xmx2g  (generational ZGC is the only ZGC mode on JDK 23+; 4g for ~1M connections)"
echo "  broker:  -XX:+UseZGC -Xmx2g --enable-native-access=ALL-UNNAMED  (the launcher's defaults)"
echo "           No -XX:+AlwaysPreTouch when weighing connections: a pre-touched heap hides heap growth from RSS."
echo "           A JVM's RSS also holds garbage not yet collected: read it beside the heap after GC"
echo "           (jcmd PID GC.run, then jcmd PID GC.heap_info)."
echo "  e.g.     BENCH_JAVA_OPTS='-XX:+UseZGC -Xmx4g' bench/compare.sh connections --connections 50000"
echo
echo "Connections per source address are bounded by the port range: the bench spreads connections over"
echo "127.0.0.1, 127.0.0.2, ... (--source-addresses, one per 25,000 connections by default)."

if ! $APPLY; then
    echo
    echo "Nothing changed. Run with --apply (as root) to set the sysctl values above until the next reboot."
    exit 0
fi

[[ $EUID -eq 0 ]] || { echo "--apply needs root" >&2; exit 1; }
echo
for entry in "${SYSCTLS[@]}"; do
    IFS='|' read -r name recommended mode _ <<< "$entry"
    if satisfied "$(current "$name")" "$recommended" "$mode"; then
        echo "$name already $(current "$name")"
    else
        sysctl -w "$name=$recommended"
    fi
done
echo "Applied. Now raise the open-file limit in the benchmark shell: ulimit -n 1048576"
