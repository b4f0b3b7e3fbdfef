using LoopedComputer.Assembly;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using LoopedComputer.Machines;
using TorchSharp;

namespace LoopedComputer.Tests.Engine;

/// <summary>Programs with function units in a batch and through export and re-import, against the interpreter.</summary>
public sealed class FunctionUnitEngineTests : IDisposable
{
    readonly string directory = Path.Combine(Path.GetTempPath(), $"looped-units-export-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    /// <summary>r ← sig(x) (piecewise-linear), s ← perm(r) (lookup), then t ← mix(x, r) (two arguments).</summary>
    static Program Sample() => Assembler.Assemble("""
        .bits 6
        .func sig(x) = sigmoid(x, 3)
        .func perm(x) = table -32: 5, -7, 12, 30 default 3
        .func mix(x, y) = x * y - y
        x: .word 9
        r: .word 0
        s: .word 0
        t: .word 0
        .input x
          sig r, x
          perm s, r
          mix t, x, r
          halt
        """).Program!;

    [Theory]
    [InlineData(NumberFormat.Float32, MixerKind.Softmax)]
    [InlineData(NumberFormat.Float64, MixerKind.Linear)]
    public void A_batch_of_inputs_ends_where_the_interpreter_does(NumberFormat format, MixerKind mixer)
    {
        var program = Sample();
        var machine = MachineCatalog.Compile(program, MachineCatalog.Default, format, mixer: mixer);
        using var session = new MachineSession(program, machine, torch.CPU);
        var inputs = new long[] { -32, -9, -1, 0, 1, 9, 31 };
        var runs = inputs.Select(x => new BatchRun(program, program.MemoryWith([CellAssignment.Parse($"x={x}")]))).ToList();
        var batch = session.RunBatch(runs, 100);
        for (int i = 0; i < inputs.Length; i++)
        {
            var reference = Interpreter.Run(program, runs[i].Memory.ToArray(), 100);
            Assert.Equal(RunStatus.Halted, batch.Runs[i].Status);
            Assert.Equal(reference.Memory, batch.Runs[i].Memory);
        }
    }

    [Fact]
    public void Reimported_weights_of_a_unit_program_run_to_the_interpreters_result()
    {
        var program = Sample();
        var memory = program.MemoryWith([CellAssignment.Parse("x=-5")]);
        var machine = MachineCatalog.Compile(program, MachineCatalog.Default, NumberFormat.Float32);
        MachineExport.Write(directory, machine, program, memory);
        var imported = MachineExport.Read(directory);
        using var session = new MachineSession(program, machine with { Weights = imported.Weights }, torch.CPU);
        var result = session.Run(memory, 100);
        var reference = Interpreter.Run(program, memory, 100);
        Assert.Equal(RunStatus.Halted, result.Status);
        Assert.Equal(reference.Memory, result.Memory);
        Assert.Contains(imported.Description["row_fields"]!.AsArray(), f => f!["name"]!.GetValue<string>() == "Unit.sig");
    }
}
