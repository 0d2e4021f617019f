#!/usr/bin/env bash
# Stops the single-node Slurm started by start-slurm.sh (slurmd, slurmctld, munged), by their pid files.
set -uo pipefail
state=${MUSICPILE_SLURM_STATE:-/var/lib/musicpile-slurm}
for pidfile in "$state/slurmd.pid" "$state/slurmctld.pid"; do
  if [[ -s $pidfile ]]; then
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
done
if [[ -s /run/munge/munged.pid ]]; then
  kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true
fi
exit 0
