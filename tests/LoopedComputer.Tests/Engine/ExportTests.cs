using System.Buffers.Binary;
using System.Text.Json;
using LoopedComputer.Machines;
using LoopedComputer.Machines.Classic;
using LoopedComputer.Machines.Fleq;
using LoopedComputer.Machines.PaperSubleq;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using LoopedComputer.Tests.Cli;
using LoopedComputer.Tests.Programs;
using TorchSharp;

namespace LoopedComputer.Tests.Engine;

/// <summary>`looped export`: safetensors files checked byte by byte against the format, and re-imported into the engine.</summary>
public sealed class ExportTests : IDisposable
{
    readonly string directory = Path.Combine(Path.GetTempPath(), $"looped-export-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    static (Program Program, long[] Memory) Factorial(int n)
    {
        var program = BundledPrograms.Load("factorial.lasm");
        return (program, program.MemoryWith([CellAssignment.Parse($"n={n}")]));
    }

    /// <summary>factorial(5), or a bundled classic image (a .txt file) with its own memory.</summary>
    static (Program Program, long[] Memory) Input(string file)
    {
        if (!file.EndsWith(".txt")) return Factorial(5);
        var image = BundledPrograms.Image(file);
        return (image, [.. image.InitialMemory]);
    }

    [Theory]
    [InlineData(NumberFormat.Float32, "F32", 4)]
    [InlineData(NumberFormat.Float64, "F64", 8)]
    public void The_weights_file_follows_the_safetensors_layout(NumberFormat format, string dtype, int width)
    {
        var (program, memory) = Factorial(3);
        var machine = MachineCatalog.Compile(program, FleqMachine.Name, format);
        MachineExport.Write(directory, machine, program, memory);
        var bytes = File.ReadAllBytes(Path.Combine(directory, MachineExport.WeightsFile));

        // Parse the header by hand, independently of the reader.
        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        Assert.Equal(0, headerLength % 8);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
        long dataStart = 8 + headerLength, expectedBegin = 0;
        var entries = header.RootElement.EnumerateObject().Where(p => p.Name != "__metadata__").ToList();
        Assert.Equal("looped-export/1", header.RootElement.GetProperty("__metadata__").GetProperty("format").GetString());
        int heads = machine.Weights.Layers.Sum(l => l.Heads.Count);
        Assert.Equal(4 * machine.Layers + 4 * heads, entries.Count);
        foreach (var entry in entries.OrderBy(e => e.Value.GetProperty("data_offsets")[0].GetInt64()))
        {
            Assert.Equal(dtype, entry.Value.GetProperty("dtype").GetString());
            long count = entry.Value.GetProperty("shape").EnumerateArray().Aggregate(1L, (a, s) => a * s.GetInt64());
            var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(o => o.GetInt64()).ToArray();
            Assert.Equal(expectedBegin, offsets[0]);
            Assert.Equal(count * width, offsets[1] - offsets[0]);
            expectedBegin = offsets[1];
        }
        Assert.Equal(bytes.Length - dataStart, expectedBegin);

        // One entry read from its offset: W1 of the last layer, at a non-zero weight.
        var ff = machine.Weights.Layers[^1].FeedForward;
        int columns = ff.W1.GetLength(1);
        int flat = Enumerable.Range(0, ff.W1.Length).First(i => ff.W1[i / columns, i % columns] != 0);
        var w1 = header.RootElement.GetProperty($"layers.{machine.Layers - 1}.mlp.w1");
        Assert.Equal([ff.W1.GetLength(0), columns], w1.GetProperty("shape").EnumerateArray().Select(s => s.GetInt32()));
        long at = dataStart + w1.GetProperty("data_offsets")[0].GetInt64() + (long)flat * width;
        double stored = width == 8 ? BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan((int)at)) : BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)at));
        Assert.Equal(ff.W1[flat / columns, flat % columns], stored, width == 8 ? 0 : 1e-6);
    }

    [Fact]
    public void The_punchcard_is_the_encoded_program_with_its_inputs()
    {
        var (program, memory) = Factorial(6);
        var machine = MachineCatalog.Compile(program, PaperSubleqMachine.Name, NumberFormat.Float64);
        MachineExport.Write(directory, machine, program, memory);
        var imported = MachineExport.Read(directory);
        Assert.Equal(machine.Layout.Encode(program, memory), imported.Punchcard);
        var decoded = machine.Layout.Decode(imported.Punchcard);
        Assert.Equal(memory, decoded.Memory);
        Assert.Equal(0, decoded.Pc);
        var description = imported.Description;
        Assert.Equal(machine.Layout.Rows, description["rows"]!.GetValue<int>());
        Assert.Equal(machine.Layout.Fields.Select(f => f.Name), description["row_fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(FleqMachine.Name, NumberFormat.Float32, MixerKind.Softmax, "factorial.lasm")]
    [InlineData(FleqMachine.Name, NumberFormat.Float64, MixerKind.Linear, "factorial.lasm")]
    [InlineData(PaperSubleqMachine.Name, NumberFormat.Float32, MixerKind.Softmax, "factorial.lasm")]
    [InlineData(ClassicMachine.Name, NumberFormat.Float32, MixerKind.Softmax, "countdown.txt")]
    [InlineData(ClassicMachine.Name, NumberFormat.Float64, MixerKind.Linear, "self_modifying_loop.txt")]
    public void Reimported_weights_run_the_program_to_the_interpreters_result(string machineName, NumberFormat format, MixerKind mixer, string file)
    {
        var (program, memory) = Input(file);
        var machine = MachineCatalog.Compile(program, machineName, format, mixer: mixer);
        MachineExport.Write(directory, machine, program, memory);
        var imported = MachineExport.Read(directory);
        Assert.Equal(machine.Weights.Layers.Select(l => l.Name), imported.Weights.Layers.Select(l => l.Name));
        using var session = new MachineSession(program, machine with { Weights = imported.Weights }, torch.CPU);
        var result = session.Run(memory, 10_000);
        var reference = ReferenceRun.Run(program, memory, 10_000);
        Assert.Equal(RunStatus.Halted, result.Status);
        Assert.Equal(reference.Steps, result.Loops);
        Assert.Equal(reference.Memory, result.Memory);
    }

    [Theory]
    [InlineData(FleqMachine.Name, "factorial.lasm", new[] { 0, 1, 5, 13 })]
    [InlineData(PaperSubleqMachine.Name, "factorial.lasm", new[] { 0, 1, 5, 13 })]
    [InlineData(ClassicMachine.Name, "countdown.txt", new[] { -1, 0, 3, 9, 30 })]
    public void The_description_says_how_the_pc_rows_read_as_the_instruction_index(string machineName, string file, int[] indices)
    {
        var (program, memory) = Input(file);
        var machine = MachineCatalog.Compile(program, machineName, NumberFormat.Float32, mixer: MixerKind.Linear);
        MachineExport.Write(directory, machine, program, memory);
        using var description = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, MachineExport.DescriptionFile)));
        var pc = description.RootElement.GetProperty("pc");
        bool twosComplement = pc.GetProperty("twos_complement").GetBoolean();
        int minus = pc.GetProperty("minus").GetInt32(), width = pc.GetProperty("width").GetInt32();
        var layout = (PunchcardLayout)machine.Layout;
        Assert.Equal(layout.Pc.Width, width);
        foreach (int index in indices)
        {
            // What a script does with the rows: an entry's sign is a bit, MSB first.
            long number = layout.PcCodeOf(index).Aggregate(0L, (value, entry) => 2 * value + (entry > 0 ? 1 : 0));
            if (twosComplement && number >= 1L << (width - 1)) number -= 1L << width;
            Assert.Equal(index, number - minus);
        }
    }

    [Fact]
    public void Export_writes_three_files_and_never_overwrites_a_non_empty_directory()
    {
        var run = LoopedProcess.Run("export", LoopedProcess.Program("gcd.lasm"), "-o", directory, "--mixer", "linear");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal([MachineExport.DescriptionFile, MachineExport.PunchcardFile, MachineExport.WeightsFile],
            Directory.GetFiles(directory).Select(Path.GetFileName).Order());
        var before = File.ReadAllBytes(Path.Combine(directory, MachineExport.WeightsFile));
        var again = LoopedProcess.Run("export", LoopedProcess.Program("factorial.lasm"), "-o", directory);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("exists and is not empty", again.Error);
        Assert.DoesNotContain("   at ", again.Out + again.Error);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(directory, MachineExport.WeightsFile)));
    }
}
