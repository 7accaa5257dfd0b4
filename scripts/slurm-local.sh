#!/usr/bin/env bash
# A real single-node Slurm cluster on this machine, for trying `sarhad slurm` and for CI's
# end-to-end test. Everything (config, munge key and socket, state, spool, logs, pid files) lives
# under one prefix, so nothing in /etc is touched and `stop` leaves no daemon behind.
#
#   scripts/slurm-local.sh start   # install slurm-wlm and munge if missing, start munged, slurmctld, slurmd; wait for an idle node
#   scripts/slurm-local.sh env     # print `export SLURM_CONF=…`: eval "$(scripts/slurm-local.sh env)"
#   scripts/slurm-local.sh stop    # stop the three daemons by their pid files
#
# The prefix is $SARHAD_SLURM_PREFIX, or /tmp/sarhad-slurm. There is no systemd here, so the
# daemons are started directly; we run as root, so Slurm runs as root too (SlurmUser=root).
set -euo pipefail

prefix="${SARHAD_SLURM_PREFIX:-/tmp/sarhad-slurm}"
conf="$prefix/etc/slurm.conf"
munge_socket="$prefix/munge/munge.socket"
# How long `start` waits for the node to come up idle.
start_timeout_seconds="${SARHAD_SLURM_START_TIMEOUT:-60}"

log() { echo "slurm-local: $*" >&2; }

fail() {
    log "error: $*"
    for file in "$prefix"/log/*.log; do
        [ -f "$file" ] || continue
        log "--- last lines of $file"
        tail -n 20 "$file" >&2 || true
    done
    # Leave nothing half started behind.
    stop_daemons quietly
    exit 1
}

install_packages() {
    local need=()
    for package in slurm-wlm munge; do
        dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
    done
    if [ ${#need[@]} -gt 0 ]; then
        log "installing ${need[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    fi
    # The packages' own init scripts may have started a system-wide munged or slurmd, or may in
    # the future; ours use their own socket, ports and config, so they do not collide.
}

# Whether process PID is daemon NAME and running: not a zombie (a killed daemon whose parent has
# not reaped it yet still answers kill -0), and not another program that reused the pid.
process_is() {
    local name="$1" pid="$2" state
    [ -r "/proc/$pid/stat" ] || return 1
    state=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)
    [ -n "$state" ] && [ "$state" != "Z" ] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$name"
}

# Whether the daemon whose pid file is run/NAME.pid is running (daemons remove that file as they exit).
daemon_alive() {
    local pid
    pid=$(cat "$prefix/run/$1.pid" 2>/dev/null) || return 1
    process_is "$1" "$pid"
}

# Memory for jobs: the machine's, less 1 GiB for the system and the daemons.
real_memory_mb() {
    local total_kb
    total_kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
    echo $(( total_kb / 1024 - 1024 ))
}

write_config() {
    local host cpus memory
    host=$(hostname -s)
    # The node is the whole machine; the issue's CI machine has 2 cores.
    cpus=$(nproc)
    memory=$(real_memory_mb)
    cat >"$conf" <<EOF
# Written by scripts/slurm-local.sh: one node, this machine, no accounting database.
ClusterName=sarhad-local
# Loopback addresses: this cluster is one machine, and its hostname may not resolve (or not to itself).
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=${SARHAD_SLURMCTLD_PORT:-6817}
SlurmdPort=${SARHAD_SLURMD_PORT:-6818}
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$munge_socket
StateSaveLocation=$prefix/state
SlurmdSpoolDir=$prefix/spool
SlurmctldPidFile=$prefix/run/slurmctld.pid
SlurmdPidFile=$prefix/run/slurmd.pid
SlurmctldLogFile=$prefix/log/slurmctld.log
SlurmdLogFile=$prefix/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# No cgroups in this container: track job processes through /proc, bind no tasks to cores.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
# Schedule as soon as a job arrives, not at the next periodic pass.
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
# Without a default, a job asks for the whole node's memory and array tasks run one at a time.
DefMemPerCPU=$(( memory / cpus ))
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
# A node that restarts comes back by itself; keep finished jobs visible to squeue for 10 minutes.
ReturnToService=2
MinJobAge=600
MailProg=/bin/true
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
    # slurmd and slurmctld read plugstack.conf next to slurm.conf; an empty one keeps them from
    # picking up /etc/slurm's.
    : >"$prefix/etc/plugstack.conf"
}

start_munge() {
    local key="$prefix/munge/munge.key"
    if [ ! -s "$key" ]; then
        if command -v mungekey >/dev/null 2>&1; then
            mungekey --create --keyfile="$key" >/dev/null
        else
            dd if=/dev/urandom of="$key" bs=1024 count=1 status=none
        fi
    fi
    chmod 0400 "$key"
    # munged refuses keys and sockets in directories others can write to; --force lets it run as
    # root and under /tmp, whose sticky bit it otherwise distrusts.
    munged --force --key-file="$key" --socket="$munge_socket" --pid-file="$prefix/run/munged.pid" \
        --log-file="$prefix/log/munged.log" --seed-file="$prefix/munge/munged.seed" \
        || fail "munged did not start"
    local waited=0
    until [ -S "$munge_socket" ]; do
        sleep 0.2
        waited=$((waited + 1))
        [ "$waited" -lt 50 ] || fail "munged's socket $munge_socket did not appear"
    done
}

start() {
    if daemon_alive slurmctld && daemon_alive slurmd && daemon_alive munged; then
        log "already running under $prefix"
        print_env
        return
    fi
    stop_daemons quietly
    install_packages
    mkdir -p "$prefix"/{etc,munge,state,spool,log,run}
    chmod 0700 "$prefix/munge"
    write_config
    export SLURM_CONF="$conf"
    start_munge
    # -c: a clean start, ignoring any job state a previous cluster under this prefix left.
    slurmctld -c -f "$conf" || fail "slurmctld did not start"
    slurmd -c -f "$conf" || fail "slurmd did not start"
    local deadline=$((SECONDS + start_timeout_seconds)) state=""
    while [ "$SECONDS" -lt "$deadline" ]; do
        state=$(sinfo --noheader --format=%T 2>/dev/null | head -n 1 || true)
        if [ "$state" = "idle" ]; then
            log "cluster up under $prefix: node $(hostname -s) idle; SLURM_CONF=$conf"
            print_env
            return
        fi
        sleep 0.5
    done
    fail "the node is not idle after ${start_timeout_seconds} s (sinfo says '${state:-nothing}')"
}

# Stops by pid file only: never by process name, which could hit another cluster or user.
stop_daemons() {
    local quiet="${1:-}"
    for daemon in slurmd slurmctld munged; do
        local file="$prefix/run/$daemon.pid" pid
        pid=$(cat "$file" 2>/dev/null) || continue
        if process_is "$daemon" "$pid"; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do
                process_is "$daemon" "$pid" || break
                sleep 0.2
            done
            if process_is "$daemon" "$pid"; then
                kill -9 "$pid" 2>/dev/null || true
            fi
            [ -n "$quiet" ] || log "stopped $daemon ($pid)"
        fi
        rm -f "$file"
    done
}

print_env() {
    echo "export SLURM_CONF=$conf"
}

case "${1:-}" in
    start) start ;;
    stop) stop_daemons ;;
    env) print_env ;;
    *)
        echo "usage: $0 start|stop|env   (prefix: \$SARHAD_SLURM_PREFIX, default /tmp/sarhad-slurm)" >&2
        exit 2
        ;;
esac
