# Shared by the benchmark scripts (sourced, not run).

# runs "$@" with its output discarded, accepts the exit codes listed in $1, prints "WALL_MS CPU_MS"
# (CPU = user + system time of the command and its children, from bash's time keyword)
time_run() {
    local ok=$1; shift
    local TIMEFORMAT='%3R %3U %3S' out rc
    set +e
    out=$( { time "$@" > /dev/null 2>&1; } 2>&1 )
    rc=$?
    set -e
    case " $ok " in
        *" $rc "*) ;;
        *) echo "'$*' exited with $rc" >&2; exit 1 ;;
    esac
    echo "$out" | awk '{ printf "%d %d\n", $1 * 1000 + 0.5, ($2 + $3) * 1000 + 0.5 }'
}

