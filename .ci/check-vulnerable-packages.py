#!/usr/bin/env python3
"""CI step: fail when a package the solution uses (directly or transitively) has a known vulnerability.

Runs `dotnet list package --vulnerable --include-transitive --format json`. That command can only know
what the package sources' vulnerability database says; a source without one (an offline mirror) makes
every package look clean. So the sources' service indexes are read first: without a VulnerabilityInfo
resource the check says plainly that it could not run, instead of passing silently.
Usage: .ci/check-vulnerable-packages.py [solution]   (from the repository root)
"""
import json
import subprocess
import sys
import urllib.request

solution = sys.argv[1] if len(sys.argv) > 1 else "McuAi.Build.sln"
result = subprocess.run(
    ["dotnet", "list", solution, "package", "--vulnerable", "--include-transitive", "--format", "json"],
    capture_output=True, text=True)
if result.returncode != 0:
    sys.exit(f"dotnet list package --vulnerable failed:\n{result.stdout}\n{result.stderr}")
report = json.loads(result.stdout[result.stdout.index("{"):])


def has_vulnerability_data(source):
    if not source.startswith("http"):
        return False  # a local folder has no vulnerability database
    try:
        with urllib.request.urlopen(source, timeout=30) as response:
            index = json.load(response)
    except Exception as e:  # unreachable or not a v3 index: no data from it
        print(f"  {source}: no service index ({e})")
        return False
    return any(r.get("@type", "").startswith("VulnerabilityInfo") for r in index.get("resources", []))


sources = report.get("sources", [])
if not any(has_vulnerability_data(s) for s in sources):
    print("vulnerable-package check NOT RUN: none of the package sources (" + ", ".join(sources) +
          ") serves NuGet vulnerability data, so `dotnet list package --vulnerable` cannot know of any.")
    sys.exit(0)

found = []
for project in report.get("projects", []):
    for framework in project.get("frameworks", []):
        for kind in ("topLevelPackages", "transitivePackages"):
            for package in framework.get(kind, []):
                for v in package.get("vulnerabilities", []):
                    found.append(f"{project['path']} ({framework['framework']}): {package['id']} "
                                 f"{package.get('resolvedVersion', '?')}: {v.get('severity', '?')} {v.get('advisoryurl', '')}")
if found:
    print("Vulnerable packages:\n  " + "\n  ".join(sorted(set(found))))
    sys.exit(1)
print(f"vulnerable-package check: no known vulnerability in the packages of {solution} (sources: {', '.join(sources)}).")
