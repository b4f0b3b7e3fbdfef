#!/usr/bin/env python3
"""Runs loops of a `looped export` directory in PyTorch and prints the PC and memory after each.

usage: python3 scripts/run_export.py DIR [LOOPS]   (see docs/export.md)
Uses the safetensors package when installed, else reads the format by hand (8-byte little-endian
header length, JSON header, raw little-endian data).
"""
import json, struct, sys
import torch

def load_file(path):
    try:
        from safetensors.torch import load_file as load
        return load(path)
    except ImportError:
        data = open(path, "rb").read()
        (length,) = struct.unpack("<Q", data[:8])
        header = json.loads(data[8:8 + length])
        dtypes = {"F32": torch.float32, "F64": torch.float64}
        tensors = {}
        for name, info in header.items():
            if name == "__metadata__":
                continue
            begin, end = info["data_offsets"]
            raw = bytearray(data[8 + length + begin:8 + length + end])
            tensors[name] = torch.frombuffer(raw, dtype=dtypes[info["dtype"]]).reshape(info["shape"])
        return tensors

def one_loop(x, w, machine):
    lam = machine["lambda"]
    for i, layer in enumerate(machine["layers"]):
        heads = []
        for h in range(len(layer["heads"])):
            q = w[f"layers.{i}.heads.{h}.query"] @ x                  # [r, n]; keys = queries
            attention = torch.softmax(lam * q.T @ q, dim=0)          # [keys, queries]
            heads.append(w[f"layers.{i}.heads.{h}.value"] @ x @ attention)
        for mix in heads:                                            # every head read the same X
            x = x + mix
        hidden = torch.relu(w[f"layers.{i}.mlp.w1"] @ x + w[f"layers.{i}.mlp.b1"][:, None])
        x = x + w[f"layers.{i}.mlp.w2"] @ hidden + w[f"layers.{i}.mlp.b2"][:, None]
    return x

def decode(x, machine):
    def bits(rows):
        return [1 if v > 0 else 0 for v in rows.tolist()]
    def number(rows, twos_complement):
        value = int("".join(map(str, bits(rows))), 2)
        return value - (1 << len(rows)) if twos_complement and value >> (len(rows) - 1) else value
    pc = machine["pc"]
    pc_value = number(x[pc["offset"]:pc["offset"] + pc["width"], 0], pc["twos_complement"]) - pc["minus"]
    memory = next(f for f in machine["row_fields"] if f["name"] == "Memory")
    first, n = machine["memory"]["column_of_cell_0"], machine["word_bits"]
    cells = [number(x[memory["offset"]:memory["offset"] + n, first + c], True) for c in range(machine["memory_cells"])]
    return pc_value, cells

directory, loops = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1
machine = json.load(open(f"{directory}/machine.json"))
weights = load_file(f"{directory}/weights.safetensors")
x = load_file(f"{directory}/punchcard.safetensors")["X"]
for loop in range(1, loops + 1):
    x = one_loop(x, weights, machine)
    pc, cells = decode(x, machine)
    print(f"loop {loop}: pc {pc} memory {cells}")
