#!/usr/bin/env bash
# Brings up a single-node Slurm (slurmctld + slurmd + munged on this machine, as root, without systemd) for the
# Slurm executor tests. Idempotent: a cluster already up is left as it is. Exit 0 when `sinfo` shows the node idle.
set -euo pipefail

state=${MUSICPILE_SLURM_STATE:-/var/lib/musicpile-slurm}
conf=/etc/slurm/slurm.conf
marker="# written by musicpile tests/slurm/start-slurm.sh"

if [[ $(id -u) -ne 0 ]]; then
  echo "start-slurm: needs root (daemons run as root on this single node)" >&2
  exit 3
fi

node_idle() { sinfo -h -N -n localhost -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)'; }

if command -v sinfo >/dev/null && [[ -f $conf ]] && node_idle; then
  echo "start-slurm: already up" >&2
  exit 0
fi

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  echo "start-slurm: installing slurm-wlm munge" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null; }
fi

mkdir -p "$state"/{ctld,slurmd,log} /etc/slurm /etc/munge /run/munge /var/lib/munge /var/log/munge
chmod 0755 /run/munge
if [[ ! -s /etc/munge/munge.key ]]; then
  dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none
fi
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
chmod 0400 /etc/munge/munge.key
chmod 0700 /etc/munge

if [[ -f $conf ]] && ! grep -qF "$marker" "$conf"; then
  echo "start-slurm: $conf exists and was not written by this script; using it as it is" >&2
else
  cat >"$conf" <<CONF
$marker
ClusterName=musicpile
SlurmctldHost=localhost(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CryptoType=crypto/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/slurmd
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MinJobAge=30
MaxArraySize=10001
SchedulerParameters=defer_batch
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=main Nodes=localhost Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
CONF
fi

if ! pgrep -x munged >/dev/null; then
  if id munge >/dev/null 2>&1; then
    runuser -u munge -- /usr/sbin/munged || /usr/sbin/munged --force
  else
    /usr/sbin/munged --force
  fi
fi
for _ in $(seq 50); do munge -n </dev/null >/dev/null 2>&1 && break; sleep 0.1; done
munge -n </dev/null | unmunge >/dev/null || { echo "start-slurm: munge does not work" >&2; exit 4; }

pgrep -x slurmctld >/dev/null || slurmctld -i
pgrep -x slurmd >/dev/null || slurmd -N localhost

for _ in $(seq 150); do
  if node_idle; then
    echo "start-slurm: up" >&2
    exit 0
  fi
  state_now=$(sinfo -h -N -n localhost -o '%t' 2>/dev/null || true)
  if [[ $state_now == down* || $state_now == drain* ]]; then
    scontrol update nodename=localhost state=resume >/dev/null 2>&1 || true
  fi
  sleep 0.2
done
echo "start-slurm: node did not become idle (sinfo: $(sinfo -h -N 2>&1 | head -1)); see $state/log" >&2
exit 5
