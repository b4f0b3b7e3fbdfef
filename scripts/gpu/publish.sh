#!/usr/bin/env bash
# Build a small, self-contained linux-x64 `looped` for a GPU machine that has PyTorch but no .NET
# and no NuGet (see docs/gpu.md). Run on the build machine, from the repository root:
#
#   scripts/gpu/publish.sh
#
# Output: artifacts/gpu/ (git-ignored): `looped` (single file, compressed, the .NET runtime inside),
# libLibTorchSharp.so (TorchSharp's native glue), programs/ and BUILD-INFO.txt. No libtorch: the
# engine is built with -p:TorchBackend=pytorch, which references neither libtorch package, and
# scripts/gpu/run.sh takes libtorch from the GPU machine's PyTorch. Intermediate files go to
# artifacts/gpu-build/ so the normal bin/ and obj/ folders are not touched.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

out=artifacts/gpu
work=artifacts/gpu-build
limit_mib=64 # what the device tool carries at most (all carried paths together)

command -v dotnet >/dev/null || { echo "publish.sh: dotnet not found; this runs on the build machine" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out"

# PublishSingleFile + EnableCompressionInSingleFile: the runtime and all managed assemblies in one
# compressed file (native libraries stay beside it). InvariantGlobalization: no libicu needed on the
# GPU machine. No trimming: it breaks bench --json (System.Text.Json reflection, IL2026).
dotnet publish src/LoopedComputer.Cli \
    -c Release -r linux-x64 --self-contained true \
    -p:TorchBackend=pytorch \
    -p:PublishSingleFile=true \
    -p:EnableCompressionInSingleFile=true \
    -p:InvariantGlobalization=true \
    --artifacts-path "$work" \
    -o "$out" \
    -nologo "$@"

# Defensive: libtorch must come from the GPU machine's PyTorch, never from here (hundreds of MB).
stray=()
for f in "$out"/libtorch*.so* "$out"/libc10*.so* "$out"/libgomp*.so* "$out"/libshm*.so* \
         "$out"/libnnapi_backend.so "$out"/libbackend_with_compiler.so "$out"/libjitbackend_test.so \
         "$out"/libaoti_custom_ops.so "$out"/cpu "$out"/cuda-*; do
    if [[ -e "$f" ]]; then stray+=("$f"); fi
done
if ((${#stray[@]})); then
    echo "publish.sh: removing libtorch files that must not travel: ${stray[*]}"
    rm -rf "${stray[@]}"
fi

glue="$out/libLibTorchSharp.so"
[[ -f "$glue" ]] || { echo "publish.sh: $glue is missing from the publish" >&2; exit 1; }
[[ -x "$out/looped" ]] || { echo "publish.sh: $out/looped is missing from the publish" >&2; exit 1; }

# The build's MSBuild step (build/TorchSharpNativeFix.targets) marks GLIBCXX_3.4.32 weak after
# Publish, but only where this machine's libstdc++ lacks that version. Report what travels.
weak="unknown (readelf not found)"
if command -v readelf >/dev/null; then
    line=$(readelf -V "$glue" | grep 'Name: GLIBCXX_3.4.32' || true)
    if [[ -z "$line" ]]; then weak="not required"
    elif [[ "$line" == *WEAK* ]]; then weak="required, marked weak"
    else weak="required, NOT weak: the GPU machine's libstdc++ must provide GLIBCXX_3.4.32"
    fi
fi

torchsharp_version=$(sed -n 's/.*Include="TorchSharp" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)
# TorchSharp's glue is built against the libtorch of its paired libtorch-cpu package: 2.10.0 for 0.107.0.
libtorch_version=$(sed -n 's/.*Include="libtorch-cpu-linux-x64" Version="\([0-9]*\.[0-9]*\).*/\1/p' Directory.Packages.props)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD 2>/dev/null || commit="$commit (uncommitted changes)"
{
    echo "built: $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -n)"
    echo "commit: $commit"
    echo "torchsharp: $torchsharp_version"
    echo "libtorch: ${libtorch_version:-unknown}"
    echo "cxx11-abi: 1"
    echo "glibcxx-3.4.32: $weak"
    echo "libLibTorchSharp.so sha256: $(sha256sum "$glue" | cut -d' ' -f1)"
} > "$out/BUILD-INFO.txt"

bytes=$(du -sb "$out" | cut -f1)
mib=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
echo
echo "publish.sh: $out is $mib MiB ($bytes bytes); the carry limit is $limit_mib MiB"
ls -l "$out"
echo "libLibTorchSharp.so GLIBCXX_3.4.32: $weak"
if ((bytes > limit_mib * 1048576)); then
    echo "publish.sh: $out is over the $limit_mib MiB carry limit" >&2
    exit 1
fi
echo "Next: carry $out to the GPU machine and run scripts/gpu/run.sh there (docs/gpu.md)."
