#!/usr/bin/env python3
"""No-op incremental build benchmark of McuAi.Build.Sdk (issue 3, section 10).

Builds a NoTargets firmware project with 3 models against the packed SDK (artifacts/packages, private
package cache), then runs N no-op `dotnet build`s with -clp:PerformanceSummary and sums the time MSBuild
reports for the McuAi targets (McuAiPrepare, _McuAiGenerateModels, ...). Goal: <= 20 ms in all.

  dotnet build sdk/McuAi.Build.Sdk -c Release   # packs the SDK
  python3 tests/McuAi.Benchmarks/sdk-noop-build.py [runs]
"""
import json, os, re, shutil, statistics, subprocess, sys, tempfile

repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
models = os.path.abspath(os.path.join(repo, "..", "shared", "models"))
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
version = re.search(r"<Version[^>]*>([^<]+)</Version>", open(os.path.join(repo, "Directory.Build.props")).read()).group(1)

root = tempfile.mkdtemp(prefix="mcuai-noop-")
cache = os.path.join(root, ".packages")
open(os.path.join(root, "nuget.config"), "w").write(f"""<configuration>
  <config><add key="globalPackagesFolder" value="{cache}" /></config>
  <packageSources><clear />
    <add key="local" value="{repo}/artifacts/packages" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="McuAi.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>""")
sdk = json.load(open(os.path.join(repo, "global.json")))["sdk"]
json.dump({"sdk": sdk, "msbuild-sdks": {"McuAi.Build.Sdk": version, "Microsoft.Build.NoTargets": "3.7.0"}},
          open(os.path.join(root, "global.json"), "w"))
names = ["hello_world_int8", "micro_speech_int8", "person_detection_int8"]
for n in names:
    shutil.copy(os.path.join(models, n + ".tflite"), root)
items = "\n".join(f'<McuAiModel Include="{n}.tflite" />' for n in names)
open(os.path.join(root, "fw.proj"), "w").write(f"""<Project Sdk="Microsoft.Build.NoTargets">
  <Sdk Name="McuAi.Build.Sdk" />
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup>{items}</ItemGroup>
</Project>""")
env = dict(os.environ, NUGET_PACKAGES=cache, DOTNET_CLI_USE_MSBUILD_SERVER="0", MSBUILDDISABLENODEREUSE="1")

def build(*extra):
    r = subprocess.run(["dotnet", "build", "fw.proj", "-nodeReuse:false", *extra], cwd=root, env=env,
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(r.stdout + r.stderr)
    return r.stdout

build()
totals, per_target = [], {}
for _ in range(runs):
    out = build("--no-restore", "-v:n", "-clp:PerformanceSummary")
    assert "McuAi: generating" not in out, "a no-op build generated"
    section = out[out.index("Target Performance Summary"):out.index("Task Performance Summary")]
    times = {m.group(2): int(m.group(1)) for m in re.finditer(r"^\s+(\d+) ms\s+(\S*McuAi\S*)\s+\d+ calls", section, re.M)}
    totals.append(sum(times.values()))
    for k, v in times.items():
        per_target.setdefault(k, []).append(v)
print(f"McuAi targets in a no-op build with 3 models ({runs} runs): median {statistics.median(totals)} ms, "
      f"min {min(totals)} ms, max {max(totals)} ms (goal <= 20 ms)")
for k, v in sorted(per_target.items(), key=lambda kv: -statistics.median(kv[1])):
    print(f"  {k:32} median {statistics.median(v)} ms")
shutil.rmtree(root, ignore_errors=True)
