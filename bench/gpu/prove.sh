#!/usr/bin/env bash
# Proves the GPU path end to end on a machine with an NVIDIA GPU:
#   1. nvidia-smi sees a GPU and TorchSharp can use CUDA (TrainBench --check-cuda: a bf16 matmul on the GPU);
#   2. trains the 100m preset in bf16 for STEPS steps on generated tokens, printing tokens/s and MFU;
#   3. serves that checkpoint with `./musicpile serve --device cuda` and runs STREAMS concurrent streaming
#      completions, printing generated tokens/s and latency (time to first byte, total).
# Stops at the first step that cannot work, naming what is missing. See bench/gpu/README.md.
# Environment: STEPS (300), STREAMS (32), REQUESTS per stream (4), MAX_TOKENS (128), WARMUP steps (10), BATCH (16), SEQ (1024),
#              PORT (8091), PEAK_FLOPS (989e12, H100/H200 bf16 dense), OUT (a fresh temporary folder),
#              PRESET (100m). DEVICE=cpu (with DTYPE=f32, PRESET=tiny and small STEPS/STREAMS) skips step 1 and
#              runs steps 2 and 3 on the CPU, which checks the script itself, not the GPU.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
steps="${STEPS:-300}"
streams="${STREAMS:-32}"
requests="${REQUESTS:-4}"
max_tokens="${MAX_TOKENS:-128}"
batch="${BATCH:-16}"
seq="${SEQ:-1024}"
port="${PORT:-8091}"
peak="${PEAK_FLOPS:-989e12}"
out="${OUT:-$(mktemp -d -t musicpile-gpu-XXXXXX)}"
device="${DEVICE:-cuda}"
dtype="${DTYPE:-bf16}"
preset="${PRESET:-100m}"
mkdir -p "$out"

fail() { echo "prove.sh: $*" >&2; exit 1; }

command -v dotnet >/dev/null || fail "dotnet not found: install the .NET SDK named in global.json"
command -v curl >/dev/null || fail "curl not found: install curl"
bench="dotnet bench/TrainBench/bin/Release/net10.0/TrainBench.dll"
echo "== 1. GPU and CUDA"
if [[ "$device" == cuda ]]; then
  command -v nvidia-smi >/dev/null || fail "nvidia-smi not found: no NVIDIA driver on this machine (needs an NVIDIA GPU with its driver installed)"
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader \
    || fail "nvidia-smi found no usable GPU (driver not loaded, or no device visible to this container)"
  dotnet build bench/TrainBench -c Release -nologo -v quiet "-clp:ErrorsOnly;NoSummary" >&2
  $bench --check-cuda || fail "TorchSharp cannot use CUDA (see the line above): it needs a CUDA build of libtorch 2.10; see bench/gpu/README.md"
else
  echo "DEVICE=$device: skipped (checks the script, not the GPU)"
  dotnet build bench/TrainBench -c Release -nologo -v quiet "-clp:ErrorsOnly;NoSummary" >&2
fi

echo "== 2. Training: $preset preset, $dtype on $device, $steps steps, batch $batch x seq $seq (generated tokens)"
rounds=3
per_round=$(( (steps + rounds - 1) / rounds ))
$bench --preset "$preset" --device "$device" --dtype "$dtype" --batch "$batch" --seq "$seq" --warmup "${WARMUP:-10}" --steps "$per_round" --rounds "$rounds" \
  $([[ "$device" == cuda ]] && echo --peak-flops "$peak") --python none --vocab 50304 --save "$out/checkpoints" --tokenizer tiktoken:gpt2 | tee "$out/train.txt"
checkpoint="$out/checkpoints/$preset"
[[ -f "$checkpoint/config.json" ]] || fail "training wrote no checkpoint at $checkpoint"

echo "== 3. Serving on $device: $streams concurrent streams x $requests requests, max_tokens $max_tokens"
./musicpile serve --checkpoint "$checkpoint" --device "$device" --no-catalog --urls "http://127.0.0.1:$port" >"$out/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || fail "musicpile serve exited: $(tail -n 5 "$out/serve.log")"
  sleep 1
done
curl -fs "http://127.0.0.1:$port/health" >/dev/null || fail "musicpile serve not healthy after 180 s: $(tail -n 5 "$out/serve.log")"

body="{\"prompt\":\"X:1\\nT:\",\"max_tokens\":$max_tokens,\"temperature\":0.8,\"stream\":true,\"stream_options\":{\"include_usage\":true}}"
stream() {
  local i
  for i in $(seq 1 "$requests"); do
    curl -fsN "http://127.0.0.1:$port/v1/completions" -H 'content-type: application/json' -d "$body" \
      -o "$out/stream-$1-$i.txt" -w '%{time_starttransfer} %{time_total}\n' >>"$out/latency-$1.txt"
  done
}
start=$(date +%s.%N)
for s in $(seq 1 "$streams"); do stream "$s" & done
wait $(jobs -p | grep -v "^$server\$")
end=$(date +%s.%N)
tokens=$(cat "$out"/stream-*.txt | grep -o '"completion_tokens": *[0-9]*' | grep -o '[0-9]*$' | awk '{ s += $1 } END { print s + 0 }')
[[ "$tokens" -gt 0 ]] || fail "no completion_tokens in the responses (see $out/stream-1-1.txt)"
cat "$out"/latency-*.txt >"$out/latency.txt"
percentile() { cut -d' ' -f"$1" "$out/latency.txt" | sort -g | awk -v p="$2" '{ v[NR] = $1 } END { i = int(NR * p + 0.999); if (i < 1) i = 1; print v[i] }'; }
count=$(wc -l <"$out/latency.txt")
seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
{
  awk -v t="$tokens" -v s="$seconds" -v c="$count" 'BEGIN { printf "requests %d, generated tokens %d in %s s: %.1f tokens/s\n", c, t, s, t / s }'
  echo "time to first byte p50 $(percentile 1 0.5) s, p95 $(percentile 1 0.95) s; request latency p50 $(percentile 2 0.5) s, p95 $(percentile 2 0.95) s"
} | tee "$out/serve.txt"
echo "results in $out"
