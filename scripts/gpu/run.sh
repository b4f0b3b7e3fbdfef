#!/usr/bin/env bash
# Run the published `looped` (scripts/gpu/publish.sh) on a GPU machine that has a CUDA build of
# PyTorch but no .NET (see docs/gpu.md). Run from the repository root, with artifacts/gpu carried:
#
#   scripts/gpu/run.sh                          # bench --device cuda --json
#   scripts/gpu/run.sh run programs/factorial.lasm --device cuda
#
# It finds PyTorch's torch/lib, checks the version and CUDA, puts torch/lib and the pip CUDA
# libraries on LD_LIBRARY_PATH, checks with ldd that libLibTorchSharp.so resolves every library
# and symbol, then runs looped with the arguments given. Diagnostics go to stderr, so stdout is
# looped's own output (JSON with --json).
#
# Environment:
#   PYTHON=python3         the Python that holds PyTorch
#   TORCH_LIB_DIR=dir      use this libtorch folder and skip the Python, version and CUDA checks
#                          (to test the script against the CPU libtorch of the NuGet cache)
#   LOOPED_TORCH_VERSION   the libtorch major.minor the glue was built for (default: BUILD-INFO.txt)
#   LOOPED_FORCE=1         report failed checks as warnings and run anyway
#   LOOPED_APP_DIR         the published folder (default artifacts/gpu)
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root" || exit 1

app=${LOOPED_APP_DIR:-artifacts/gpu}
force=${LOOPED_FORCE:-0}
failed=0

say() { echo "run.sh: $*" >&2; }
fail() { # a failed check: fatal unless LOOPED_FORCE=1
    say "ERROR: $*"
    if [[ "$force" == 1 ]]; then say "(LOOPED_FORCE=1: going on)"; failed=1; else exit 1; fi
}
fatal() { say "ERROR: $*"; exit 1; }

[[ -x "$app/looped" && -f "$app/libLibTorchSharp.so" ]] ||
    fatal "$app/looped or $app/libLibTorchSharp.so is missing: run scripts/gpu/publish.sh on a build machine with .NET, then carry $app"
[[ "$(uname -s)-$(uname -m)" == Linux-x86_64 ]] || fatal "the publish is linux-x64; this is $(uname -s)-$(uname -m)"

if [[ -f "$app/BUILD-INFO.txt" ]]; then
    sed 's/^/run.sh: build: /' "$app/BUILD-INFO.txt" >&2
fi
want=${LOOPED_TORCH_VERSION:-$(sed -n 's/^libtorch: \([0-9]*\.[0-9]*\).*/\1/p' "$app/BUILD-INFO.txt" 2>/dev/null)}
want=${want:-2.10}

# --- libtorch: PyTorch's torch/lib, or TORCH_LIB_DIR --------------------------------------------
cuda_dirs=()
if [[ -n "${TORCH_LIB_DIR:-}" ]]; then
    torch_lib=$(cd "$TORCH_LIB_DIR" && pwd) || fatal "TORCH_LIB_DIR=$TORCH_LIB_DIR is not a folder"
    say "TORCH_LIB_DIR set: libtorch from $torch_lib; PyTorch version and CUDA checks skipped"
else
    python=${PYTHON:-python3}
    command -v "$python" >/dev/null || fatal "$python not found: set PYTHON to the Python that holds PyTorch, or TORCH_LIB_DIR to a libtorch lib folder"
    info=$("$python" - <<'PY' 2>&1
import os, torch
print("version=" + torch.__version__)
print("cuda=" + (torch.version.cuda or ""))
print("lib=" + os.path.join(os.path.dirname(torch.__file__), "lib"))
print("site=" + os.path.dirname(os.path.dirname(torch.__file__)))
print("cxx11abi=" + str(int(torch.compiled_with_cxx11_abi())))
ok = torch.cuda.is_available()
print("cuda_available=" + str(int(ok)))
print("device=" + (torch.cuda.get_device_name(0) if ok else ""))
PY
    ) || fatal "$python could not import torch:"$'\n'"$info"
    declare -A py=()
    while IFS='=' read -r key value; do [[ -n "$key" ]] && py[$key]=$value; done <<<"$info"
    torch_lib=${py[lib]:-}
    say "PyTorch ${py[version]:-} (CUDA ${py[cuda]:-none}) from $("$python" -c 'import sys; print(sys.executable)'), libtorch in $torch_lib"

    version=${py[version]:-}; version=${version%%+*}
    if [[ "$version" != "$want".* && "$version" != "$want" ]]; then
        fail "PyTorch is ${py[version]:-}, but libLibTorchSharp.so (TorchSharp $(sed -n 's/^torchsharp: //p' "$app/BUILD-INFO.txt" 2>/dev/null)) was built against libtorch $want.x; libtorch's C++ ABI changes between minor versions. Use a PyTorch $want.x install (PYTHON=...), or rebuild libLibTorchSharp.so against this PyTorch (docs/gpu.md) and set LOOPED_TORCH_VERSION, or set LOOPED_FORCE=1 to try anyway (the ldd check below then shows missing symbols)"
    fi
    [[ -n "${py[cuda]:-}" ]] || fail "this PyTorch is a CPU-only build (torch.version.cuda is None): install a CUDA build of PyTorch $want.x"
    [[ "${py[cxx11abi]:-}" == 1 ]] || fail "this PyTorch uses the old C++ ABI (_GLIBCXX_USE_CXX11_ABI=0); libLibTorchSharp.so needs the CXX11 ABI"
    if [[ "${py[cuda_available]:-}" == 1 ]]; then
        say "PyTorch sees CUDA: ${py[device]:-}"
    else
        say "WARNING: PyTorch itself reports torch.cuda.is_available() == False: looped will not find CUDA either"
    fi

    # The pip CUDA packages (nvidia-cublas, nvidia-cudnn-cu13, ...) keep their libraries in
    # site-packages/nvidia/<name>/lib (CUDA 13 wheels: nvidia/cu13/lib). PyTorch's own RPATH
    # usually finds them; listing them also covers libraries dlopen()ed by name.
    shopt -s nullglob
    for d in "${py[site]:-}"/nvidia/*/lib "${py[site]:-}"/nvidia/*/lib64; do cuda_dirs+=("$d"); done
    shopt -u nullglob
    say "CUDA library folders from pip: ${#cuda_dirs[@]}"
fi
[[ -f "$torch_lib/libtorch.so" ]] || fatal "$torch_lib has no libtorch.so"

# --- the NVIDIA driver ----------------------------------------------------------------------------
if command -v nvidia-smi >/dev/null; then
    if gpus=$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1); then
        while IFS= read -r g; do say "GPU: $g"; done <<<"$gpus"
    elif [[ -n "${TORCH_LIB_DIR:-}" ]]; then say "nvidia-smi failed: $gpus"
    else fail "nvidia-smi failed (no driver or no GPU?): $gpus"
    fi
elif [[ -n "${TORCH_LIB_DIR:-}" ]]; then
    say "nvidia-smi not found (expected when testing with TORCH_LIB_DIR on a machine without a GPU)"
else
    fail "nvidia-smi not found: this machine has no NVIDIA driver"
fi

# --- the library path and ldd -----------------------------------------------------------------------
lib_path=$torch_lib
for d in "${cuda_dirs[@]}"; do lib_path+=":$d"; done
export LD_LIBRARY_PATH="$lib_path${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

if [[ -f "$torch_lib/libtorch_cuda.so" ]]; then
    cuda_missing=$(ldd "$torch_lib/libtorch_cuda.so" 2>&1 | grep '=> not found' || true)
    if [[ -n "$cuda_missing" ]]; then
        fail "libtorch_cuda.so cannot find some CUDA libraries:"$'\n'"$cuda_missing"
    else
        say "libtorch_cuda.so resolves all its libraries"
    fi
else
    say "no libtorch_cuda.so in $torch_lib: this libtorch has no CUDA, --device cuda will be refused"
fi

if command -v ldd >/dev/null; then
    report=$(ldd -r "$app/libLibTorchSharp.so" 2>&1)
    missing=$(grep '=> not found' <<<"$report" || true)
    undefined=$(grep 'undefined symbol' <<<"$report" || true)
    for lib in libtorch.so libc10.so libtorch_cpu.so libstdc++.so.6; do
        say "  $(grep -m1 "$lib =>" <<<"$report" | sed 's/^[[:space:]]*//; s/ (0x[0-9a-f]*)$//')"
    done
    grep -q "weak version .GLIBCXX_3.4.32' not found" <<<"$report" &&
        say "  (this libstdc++ lacks GLIBCXX_3.4.32; the requirement is marked weak, so the loader only warns)"
    if grep -q "version .GLIBCXX_3.4.32' not found" <<<"$report" && ! grep -q "weak version .GLIBCXX_3.4.32" <<<"$report"; then
        fail "this libstdc++ lacks GLIBCXX_3.4.32 and libLibTorchSharp.so requires it: publish on a machine whose build marks it weak (Debian 12 does; see build/TorchSharpNativeFix.targets)"
    fi
    if [[ -n "$missing" ]]; then
        fail "libLibTorchSharp.so cannot find:"$'\n'"$missing"
    elif [[ -n "$undefined" ]]; then
        count=$(wc -l <<<"$undefined")
        sample=$(sed -n 's/.*undefined symbol: \([^[:space:],]*\).*/\1/p' <<<"$undefined" | head -n 8 | (c++filt 2>/dev/null || cat))
        fail "libLibTorchSharp.so has $count symbols that this libtorch does not define (a libtorch version or ABI mismatch), e.g.:"$'\n'"$sample"
    else
        say "ldd -r: libLibTorchSharp.so resolves every library and symbol against $torch_lib"
    fi
    looped_missing=$(ldd "$app/looped" 2>&1 | grep '=> not found' || true)
    [[ -z "$looped_missing" ]] || fail "looped cannot find:"$'\n'"$looped_missing"
else
    say "WARNING: ldd not found, library check skipped"
fi

# The engine turns TF32 off for exact integer arithmetic; this variable would force it back on in cuBLAS.
if [[ -n "${NVIDIA_TF32_OVERRIDE:-}" && "${NVIDIA_TF32_OVERRIDE}" != 0 ]]; then
    fail "NVIDIA_TF32_OVERRIDE=$NVIDIA_TF32_OVERRIDE forces TF32 matmuls, which break exactness: unset it"
fi

# --- run ----------------------------------------------------------------------------------------------
args=("$@")
((${#args[@]})) || args=(bench --device cuda --json)
((failed)) && say "checks failed above; running anyway because LOOPED_FORCE=1"
say "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"
say "running: $app/looped ${args[*]}"
"$app/looped" "${args[@]}"
rc=$?
if ((rc != 0)); then
    say "looped exited with $rc"
    if ((rc >= 128)); then
        say "killed by signal $((rc - 128)): a crash inside native code often means a libtorch ABI mismatch (see docs/gpu.md)"
    fi
fi
exit "$rc"
