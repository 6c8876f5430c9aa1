#!/usr/bin/env bash
# Whole-process and compile-time measurements for code generation (numbers go in docs/codegen.md).
#  1. `mcuai generate` (ReadyToRun publish) on a 5 MB model vs `xxd -i` on the same file.
#  2. Compile time of the generated model array for a 2 MB model (string, array, incbin forms) vs
#     xxd -i output, with g++ -O2 and arm-none-eabi-g++ -O2.
# Usage: tests/McuAi.Benchmarks/codegen-vs-xxd.sh [runs]   (from the repository root)
set -euo pipefail
runs=${1:-10}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet publish "$root/src/McuAi.Cli" -c Release -p:PublishReadyToRun=true -r linux-x64 --self-contained false -o "$work/mcuai" >/dev/null

# A valid model padded with real model bytes to the wanted size (the reader accepts trailing data).
make_model() { # size file
  { cat "$root/../shared/models/mlperf_vww_float.tflite"; for _ in $(seq 10); do cat "$root"/../shared/models/*.tflite; done; } | head -c "$1" > "$2" || true  # head closes the pipe early
}
make_model 5242880 "$work/big5.tflite"
make_model 2097152 "$work/big2.tflite"

best() { # command... : best wall time of $runs runs, in seconds
  local best=999
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N)
    best=$(echo "$t1 - $t0" | bc | awk -v b="$best" '{ print ($1 < b) ? $1 : b }')
  done
  echo "$best"
}

echo "== 5 MB model, whole process, best of $runs"
echo "mcuai generate: $(best "$work/mcuai/mcuai" generate "$work/big5.tflite" --out "$work/out5" --symbol big) s"
echo "xxd -i:         $(best sh -c "xxd -i '$work/big5.tflite' > '$work/big5.xxd.cc'") s"

echo "== 2 MB model, compile time of the model array (-O2), best of 3"
"$work/mcuai/mcuai" generate "$work/big2.tflite" --out "$work/str" --symbol m >/dev/null
"$work/mcuai/mcuai" generate "$work/big2.tflite" --out "$work/arr" --symbol m --data-format array >/dev/null
"$work/mcuai/mcuai" generate "$work/big2.tflite" --out "$work/inc" --symbol m --data-format incbin >/dev/null
(cd "$work" && xxd -i big2.tflite > xxd.cc)
runs=3
for cc in g++ arm-none-eabi-g++; do
  command -v "$cc" >/dev/null || { echo "$cc: not installed"; continue; }
  flags="-O2 -c"; [ "$cc" = arm-none-eabi-g++ ] && flags="-mcpu=cortex-m4 -mthumb -O2 -c"
  echo "$cc xxd -i:        $(best $cc $flags "$work/xxd.cc" -o "$work/x.o") s"
  echo "$cc string (mcuai): $(best $cc $flags -I "$work/str" "$work/str/m_model_data.cc" -o "$work/s.o") s"
  echo "$cc array (mcuai):  $(best $cc $flags -I "$work/arr" "$work/arr/m_model_data.cc" -o "$work/a.o") s"
  echo "$cc incbin (mcuai): $(best $cc $flags -I "$work/inc" -Wa,-I"$work/inc" "$work/inc/m_model_data.cc" -o "$work/i.o") s"
done
