#!/usr/bin/env bash
# Packs the looped CLI as a .NET tool, installs it into a tool path from the local package folder,
# and runs `looped --version` and factorial from the installed tool.
# usage: scripts/install-tool.sh [TOOL_PATH]   (default: a new temporary directory)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
feed="$root/artifacts/tool"
tool_path=${1:-$(mktemp -d -t looped-tool-XXXXXX)}
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/src/LoopedComputer.Cli/LoopedComputer.Cli.csproj")
dotnet pack "$root/src/LoopedComputer.Cli" -c Release -o "$feed"
dotnet tool install LoopedComputer.Cli --version "$version" --add-source "$feed" --tool-path "$tool_path"
"$tool_path/looped" --version
"$tool_path/looped" run "$root/programs/factorial.lasm" --set n=5
echo "installed: $tool_path/looped"
