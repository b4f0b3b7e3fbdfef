using System.Text.Json;
using System.Text.Json.Nodes;
using LoopedComputer.Machines;
using LoopedComputer.Isa;

namespace LoopedComputer.Engine;

/// <summary>
/// A compiled machine and its punchcard as files (docs/export.md): punchcard.safetensors (X, d×n),
/// weights.safetensors (every layer's heads and MLP) and machine.json (the layout: row fields,
/// column kinds, PC and memory encodings, and the layer order with each tensor's name).
/// Tensor names: layers.{i}.heads.{h}.{query,pointer,code,value} and layers.{i}.mlp.{w1,b1,w2,b2},
/// i and h from 0 in execution order.
/// </summary>
public static class MachineExport
{
    public const string PunchcardFile = "punchcard.safetensors", WeightsFile = "weights.safetensors", DescriptionFile = "machine.json";
    public const string FormatName = "looped-export/1";

    static string Head(int layer, int head, string part) => $"layers.{layer}.heads.{head}.{part}";
    static string Mlp(int layer, string part) => $"layers.{layer}.mlp.{part}";

    /// <summary>The three files' contents by file name.</summary>
    public static Dictionary<string, byte[]> Files(CompiledMachine machine, Program program, IReadOnlyList<long> memory)
    {
        bool f64 = machine.Format == NumberFormat.Float64;
        var layout = machine.Layout;
        var tensors = new List<NamedTensor>();
        var layers = new JsonArray();
        for (int i = 0; i < machine.Weights.Layers.Count; i++)
        {
            var layer = machine.Weights.Layers[i];
            var heads = new JsonArray();
            for (int h = 0; h < layer.Heads.Count; h++)
            {
                var head = layer.Heads[h];
                tensors.Add(NamedTensor.Matrix(Head(i, h, "query"), head.Query, f64));
                tensors.Add(NamedTensor.Matrix(Head(i, h, "pointer"), head.Pointer, f64));
                tensors.Add(NamedTensor.Matrix(Head(i, h, "code"), head.Code, f64));
                tensors.Add(NamedTensor.Matrix(Head(i, h, "value"), head.Value, f64));
                heads.Add(new JsonObject { ["name"] = head.Name, ["holder_row"] = head.HolderRow, ["tensors"] = Head(i, h, "*") });
            }
            var ff = layer.FeedForward;
            tensors.Add(NamedTensor.Matrix(Mlp(i, "w1"), ff.W1, f64));
            tensors.Add(NamedTensor.Vector(Mlp(i, "b1"), ff.B1, f64));
            tensors.Add(NamedTensor.Matrix(Mlp(i, "w2"), ff.W2, f64));
            tensors.Add(NamedTensor.Vector(Mlp(i, "b2"), ff.B2, f64));
            layers.Add(new JsonObject { ["index"] = i, ["name"] = layer.Name, ["heads"] = heads, ["mlp"] = Mlp(i, "*"), ["mlp_hidden"] = ff.Hidden });
        }
        int firstMemory = layout.MemoryColumnOf(0), firstInstruction = firstMemory + layout.MemoryCells;
        var description = new JsonObject
        {
            ["format"] = FormatName,
            ["program"] = program.Name,
            ["machine"] = machine.Name,
            ["mixer"] = machine.Mixer == MixerKind.Softmax ? "softmax" : "linear",
            ["dtype"] = machine.Format.Name(),
            ["lambda"] = machine.Lambda,
            ["lambda_safe_bound"] = machine.LambdaBound,
            ["rows"] = layout.Rows,
            ["columns"] = layout.Columns,
            ["word_bits"] = layout.WordBits,
            ["memory_cells"] = layout.MemoryCells,
            ["instructions"] = layout.InstructionCount,
            ["row_fields"] = new JsonArray(layout.Fields.Select(f => (JsonNode?)new JsonObject { ["name"] = f.Name, ["offset"] = f.Offset, ["width"] = f.Width }).ToArray()),
            ["column_kinds"] = new JsonArray(
                new JsonObject { ["kind"] = "scratchpad", ["first"] = 0, ["count"] = firstMemory },
                new JsonObject { ["kind"] = "memory", ["first"] = firstMemory, ["count"] = layout.MemoryCells },
                new JsonObject { ["kind"] = "instructions", ["first"] = firstInstruction, ["count"] = layout.InstructionCount }),
            ["pc"] = new JsonObject
            {
                ["field"] = layout.Pc.Name, ["offset"] = layout.Pc.Offset, ["width"] = layout.Pc.Width, ["column"] = 0,
                ["encoding"] = machine.Definition.PcEncoding,
                ["twos_complement"] = layout.PcReading.TwosComplement, ["minus"] = layout.PcReading.Minus,
            },
            ["memory"] = new JsonObject
            {
                ["field"] = "Memory", ["column_of_cell_0"] = firstMemory,
                ["encoding"] = "N-bit two's complement, MSB first, +1 for 1 and -1 for 0 (the sign of an entry decides its bit)",
            },
            ["loop"] = "for each layer in order: for each head (all reading the same X): X += value @ X @ softmax over keys (axis 0) of lambda * (query @ X)^T (query @ X); " +
                       "then X += w2 @ relu(w1 @ X + b1) + b2 (biases broadcast over columns). query = pointer + code; the linear mixer uses pointer, code and holder_row instead (docs/linear-mixer.md)",
            ["layers"] = layers,
        };
        var metadata = new Dictionary<string, string> { ["format"] = FormatName, ["machine"] = machine.Name, ["program"] = program.Name };
        var x = layout.Encode(program, memory);
        return new Dictionary<string, byte[]>
        {
            [PunchcardFile] = Safetensors.Encode([NamedTensor.Matrix("X", x, f64)], metadata),
            [WeightsFile] = Safetensors.Encode(tensors, metadata),
            [DescriptionFile] = System.Text.Encoding.UTF8.GetBytes(description.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"),
        };
    }

    /// <summary>Throws <see cref="IOException"/> if <paramref name="directory"/> exists and is not empty: an export never replaces files.</summary>
    public static void CheckTarget(string directory)
    {
        var target = new DirectoryInfo(directory);
        if (target.Exists && target.EnumerateFileSystemInfos().Any())
            throw new IOException($"{target.FullName} exists and is not empty; give a new directory (nothing was written)");
    }

    /// <summary>
    /// Writes the export into <paramref name="directory"/>, which must not exist or be empty: the
    /// files go to a sibling temporary directory first, renamed into place only when all are written.
    /// </summary>
    public static void Write(string directory, CompiledMachine machine, Program program, IReadOnlyList<long> memory)
    {
        CheckTarget(directory);
        var target = new DirectoryInfo(directory);
        var files = Files(machine, program, memory);
        string temporary = target.FullName.TrimEnd(Path.DirectorySeparatorChar) + $".partial-{Environment.ProcessId}";
        Directory.CreateDirectory(temporary);
        try
        {
            foreach (var (name, bytes) in files) File.WriteAllBytes(Path.Combine(temporary, name), bytes);
            if (target.Exists) target.Delete();
            Directory.Move(temporary, target.FullName);
        }
        catch
        {
            Directory.Delete(temporary, recursive: true);
            throw;
        }
    }

    /// <summary>An export read back: the weights in layer order (names from machine.json), the punchcard, and the description.</summary>
    public sealed record Imported(MachineWeights Weights, double[,] Punchcard, JsonObject Description);

    public static Imported Read(string directory)
    {
        var description = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, DescriptionFile)))!.AsObject();
        if (description["format"]?.GetValue<string>() != FormatName)
            throw new InvalidDataException($"{directory}: not a {FormatName} export");
        var tensors = Safetensors.Decode(File.ReadAllBytes(Path.Combine(directory, WeightsFile))).Tensors.ToDictionary(t => t.Name);
        var punchcard = Safetensors.Decode(File.ReadAllBytes(Path.Combine(directory, PunchcardFile))).Tensors.Single(t => t.Name == "X").ToMatrix();
        NamedTensor Get(string name) => tensors.TryGetValue(name, out var t) ? t : throw new InvalidDataException($"{WeightsFile} has no tensor '{name}'");
        var layers = description["layers"]!.AsArray().Select(node =>
        {
            int i = node!["index"]!.GetValue<int>();
            var heads = node["heads"]!.AsArray().Select((head, h) => new AttentionHead(head!["name"]!.GetValue<string>(),
                Get(Head(i, h, "pointer")).ToMatrix(), Get(Head(i, h, "code")).ToMatrix(), head["holder_row"]!.GetValue<int>(),
                Get(Head(i, h, "value")).ToMatrix())).ToList();
            var ff = new FeedForward(Get(Mlp(i, "w1")).ToMatrix(), Get(Mlp(i, "b1")).Values, Get(Mlp(i, "w2")).ToMatrix(), Get(Mlp(i, "b2")).Values);
            return new LayerWeights(node["name"]!.GetValue<string>(), heads, ff);
        }).ToList();
        var weights = new MachineWeights(description["machine"]!.GetValue<string>(), description["rows"]!.GetValue<int>(), layers);
        return new Imported(weights, punchcard, description);
    }
}
