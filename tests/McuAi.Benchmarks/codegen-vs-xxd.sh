#!/usr/bin/env bash
# Whole-process and compile-time measurements for code generation (numbers go in docs/codegen.md).
#  1. `mcuai generate`, packed and installed as users get it (the RID-specific ReadyToRun tool package),
#     on a 5 MB model vs `xxd -i` on the same file: hyperfine (wall min/median, CPU) when installed,
#     else the best of N runs.
#  2. Compile time of the generated model array for a 2 MB model (string, array, incbin forms) vs
#     xxd -i output, with g++ -O2 and arm-none-eabi-g++ -O2.
# Usage: tests/McuAi.Benchmarks/codegen-vs-xxd.sh [runs]   (from the repository root)
set -euo pipefail
runs=${1:-10}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Pack the tool for this machine's platform and install it from that package, with a private package
# cache (a re-pack of the same version must not be shadowed by an old copy).
rid=$(dotnet --info | awk '/^ RID:/ { print $2; exit }')
dotnet pack "$root/src/McuAi.Cli" -c Release -o "$work/packages" -p:ToolPackageRuntimeIdentifiers="$rid" >/dev/null
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><clear /><add key="local" value="$work/packages" /></packageSources>
</configuration>
XML
NUGET_PACKAGES="$work/nuget-cache" dotnet tool install --tool-path "$work/tool" --configfile "$work/nuget.config" McuAi.Cli >/dev/null
mcuai="$work/tool/mcuai"

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

echo "== 5 MB model, whole process (installed tool, output folder already up to date)"
"$mcuai" generate "$work/big5.tflite" --out "$work/out5" --symbol big >/dev/null
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/hyperfine.json" \
    "$mcuai generate $work/big5.tflite --out $work/out5 --symbol big" "xxd -i $work/big5.tflite $work/big5.xxd.cc" >/dev/null
  python3 - "$work/hyperfine.json" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
for r in results:
    t = sorted(r["times"])
    print(f"{r['command'].split()[0].rsplit('/', 1)[-1]:>6}: wall min {t[0]:.3f} s, median {statistics.median(t):.3f} s; CPU {r['user'] + r['system']:.3f} s")
m, x = results
print(f"ratio mcuai/xxd: wall min {min(m['times']) / min(x['times']):.2f}, median {statistics.median(m['times']) / statistics.median(x['times']):.2f}, "
      f"CPU {(m['user'] + m['system']) / (x['user'] + x['system']):.2f}")
PY
else
  echo "mcuai generate: $(best "$mcuai" generate "$work/big5.tflite" --out "$work/out5" --symbol big) s (best of $runs)"
  echo "xxd -i:         $(best sh -c "xxd -i '$work/big5.tflite' > '$work/big5.xxd.cc'") s (best of $runs)"
fi

echo "== 2 MB model, compile time of the model array (-O2), best of 3"
"$mcuai" generate "$work/big2.tflite" --out "$work/str" --symbol m >/dev/null
"$mcuai" generate "$work/big2.tflite" --out "$work/arr" --symbol m --data-format array >/dev/null
"$mcuai" generate "$work/big2.tflite" --out "$work/inc" --symbol m --data-format incbin >/dev/null
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
