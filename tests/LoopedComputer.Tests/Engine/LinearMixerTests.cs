using System.Diagnostics;
using LoopedComputer.Assembly;
using LoopedComputer.Machines;
using LoopedComputer.Machines.Blocks;
using LoopedComputer.Machines.Classic;
using LoopedComputer.Machines.Fleq;
using LoopedComputer.Machines.PaperSubleq;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using LoopedComputer.Tests.Programs;
using TorchSharp;

namespace LoopedComputer.Tests.Engine;

/// <summary>
/// The linear-time mixer: it is the λ → ∞ limit of each softmax head, the engine computes its plain
/// C# definition, it leaves the machine in the softmax machine's state after every loop, and it runs
/// a machine far too wide for any n×n matrix. (Lockstep runs of every bundled and random program
/// with both mixers are in the machines' own test classes.)
/// </summary>
public class LinearMixerTests
{
    // A hand-made head: rows 0-1 pointer, 2-3 code, 4 holder, 5 value, 6 buffer. Column 0 holds the
    // pointer, columns 1-3 the codes of 0, 1, 2 (±1, MSB first), column 4 has no code.
    static readonly RowField PointerRows = new("Pointer", 0, 2, RowEncoding.PlusMinusOne, RowRole.Scratch), CodeRows = new("Code", 2, 2, RowEncoding.PlusMinusOne, RowRole.Constant),
        ValueRow = new("Value", 5, 1, RowEncoding.Scalar, RowRole.State), BufferRow = new("Buffer", 6, 1, RowEncoding.Scalar, RowRole.Buffer);
    const int HolderRow = 4;
    static readonly AttentionHead TinyHead = AddressedAttention.Head("tiny", 7, HolderRow, PointerRows, CodeRows, (ValueRow, BufferRow));

    static double[,] TinyState(double pointerHigh, double pointerLow)
    {
        var x = new double[7, 5];
        (x[0, 0], x[1, 0], x[HolderRow, 0]) = (pointerHigh, pointerLow, 1);
        double[][] codes = [[-1, -1], [-1, 1], [1, -1]];
        for (int c = 0; c < 3; c++) (x[2, c + 1], x[3, c + 1]) = (codes[c][0], codes[c][1]);
        for (int c = 0; c < 5; c++) x[5, c] = 10 * (c + 1);
        return x;
    }

    static double[] BufferOf(double[,] mix) => Enumerable.Range(0, 5).Select(c => mix[BufferRow[0], c]).ToArray();

    [Fact]
    public void A_matched_pointer_ties_the_holder_and_its_column_and_leaves_the_rest()
    {
        var mix = ReferenceForward.LinearHead(TinyHead, TinyState(-1, 1)); // code 1: column 2
        // holder and column 2 each ½·10 + ½·30; columns 1, 3 their own value; column 4 (no code) the mean of 10..50.
        Assert.Equal([20, 20, 20, 40, 30], BufferOf(mix));
    }

    [Fact]
    public void An_unmatched_pointer_leaves_the_holder_its_own_value()
    {
        var mix = ReferenceForward.LinearHead(TinyHead, TinyState(1, 1)); // code 3: no such column
        Assert.Equal([10, 20, 30, 40, 30], BufferOf(mix));
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(1, 1)]
    [InlineData(1, -1)]
    public void The_linear_head_is_the_hardmax_limit_of_the_softmax_head(double high, double low)
    {
        var x = TinyState(high, low);
        AssertClose(ReferenceForward.SoftmaxHead(TinyHead, x, 200), ReferenceForward.LinearHead(TinyHead, x), 1e-12, "tiny head");
    }

    public static TheoryData<string, string> ProgramsOnMachines() => new()
    {
        { "factorial.lasm", PaperSubleqMachine.Name },
        { "linear_search.lasm", PaperSubleqMachine.Name },
        { "sum_array.lasm", FleqMachine.Name },
        { "call_ret.lasm", FleqMachine.Name },
        { "countdown.txt", ClassicMachine.Name },
        { "self_modifying_loop.txt", ClassicMachine.Name },
    };

    /// <summary>
    /// Every head of every layer, on the (clean) states a run with the linear mixer passes through. A
    /// classic head whose pointer is "nowhere" (zero: an instruction that writes or counts nothing) is
    /// the one exception, in the holder's column only: every score is then 0, so the softmax there is
    /// the mean of V·X over the columns, while the linear head leaves the holder its own V·x₀ (nothing
    /// matched). The layer's feed-forward step reads neither, so the states agree after it.
    /// </summary>
    [Theory]
    [MemberData(nameof(ProgramsOnMachines))]
    public void Every_head_of_every_machine_is_the_hardmax_limit_on_real_states(string name, string machine)
    {
        var program = BundledPrograms.Load(name);
        var compiled = MachineCatalog.Compile(program, machine, NumberFormat.Float64);
        var x = compiled.Layout.Encode(program, program.InitialMemory);
        int nowhere = 0;
        for (int loop = 0; loop < 6; loop++)
            foreach (var layer in compiled.Weights.Layers)
            {
                foreach (var head in layer.Heads)
                {
                    string where = $"loop {loop}, {layer.Name}, {head.Name}";
                    var softmax = ReferenceForward.SoftmaxHead(head, x, 200);
                    var linear = ReferenceForward.LinearHead(head, x);
                    var pointer = Column(Multiply(head.Pointer, x), 0);
                    if (pointer.All(p => p == 0))
                    {
                        nowhere++;
                        var values = Multiply(head.Value, x);
                        for (int row = 0; row < values.GetLength(0); row++)
                        {
                            var valueRow = Enumerable.Range(0, values.GetLength(1)).Select(j => values[row, j]).ToArray();
                            Assert.True(Math.Abs(softmax[row, 0] - valueRow.Average()) <= 1e-9, $"{where}: row {row}: the softmax is not the mean");
                            Assert.True(Math.Abs(linear[row, 0] - valueRow[0]) <= 1e-9, $"{where}: row {row}: the linear head is not the holder's own");
                            softmax[row, 0] = linear[row, 0];
                        }
                    }
                    AssertClose(softmax, linear, 1e-9, where);
                }
                x = ReferenceForward.Layer(layer, x, compiled.Lambda, MixerKind.Linear);
            }
        Assert.Equal(machine == ClassicMachine.Name, nowhere > 0);
    }

    static double[] Column(double[,] m, int j) => [.. Enumerable.Range(0, m.GetLength(0)).Select(r => m[r, j])];

    static double[,] Multiply(double[,] a, double[,] b)
    {
        var c = new double[a.GetLength(0), b.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int k = 0; k < a.GetLength(1); k++)
                for (int j = 0; j < b.GetLength(1); j++)
                    c[i, j] += a[i, k] * b[k, j];
        return c;
    }

    [Theory]
    [MemberData(nameof(ProgramsOnMachines))]
    public void The_engine_computes_the_reference_linear_mixer(string name, string machine)
    {
        var program = BundledPrograms.Load(name);
        var compiled = MachineCatalog.Compile(program, machine, NumberFormat.Float64, mixer: MixerKind.Linear);
        using var session = new MachineSession(program, compiled, torch.CPU);
        var x = session.Snapshot();
        for (int loop = 0; loop < 3; loop++)
        {
            x = ReferenceForward.Loop(compiled.Weights, x, compiled.Lambda, MixerKind.Linear);
            session.Step();
            AssertClose(x, session.Snapshot(), 1e-9, $"loop {loop}");
        }
    }

    /// <summary>
    /// The linear mixer's state is exact: every entry an integer after every loop. The softmax
    /// machine's differs from it only by its cleaned-up leaks, far inside the error correction's ε.
    /// </summary>
    [Theory]
    [MemberData(nameof(ProgramsOnMachines))]
    public void Both_mixers_leave_the_same_state_after_every_loop(string name, string machine)
    {
        var program = BundledPrograms.Load(name);
        using var softmax = new MachineSession(program, MachineCatalog.Compile(program, machine, NumberFormat.Float32), torch.CPU);
        using var linear = new MachineSession(program, MachineCatalog.Compile(program, machine, NumberFormat.Float32, mixer: MixerKind.Linear), torch.CPU);
        long steps = ReferenceRun.Run(program, null, 100_000).Steps;
        for (long loop = 0; loop <= steps; loop++)
        {
            softmax.Step();
            linear.Step();
            var exact = linear.Snapshot();
            Assert.All(exact.Cast<double>(), v => Assert.Equal(Math.Round(v), v));
            AssertClose(softmax.Snapshot(), exact, 1e-4, $"loop {loop}");
        }
    }

    /// <summary>
    /// 65,600 columns: one n×n float32 matrix would take 16 GiB. The program moves values between
    /// the two ends of a 65,536-cell array, verified in lockstep, and the process never grows near that size.
    /// </summary>
    [Fact]
    public void A_machine_with_65536_columns_runs_in_lockstep_without_an_n_by_n_tensor()
    {
        const string source = """
            .subleq
            .bits 8
            first:  .word 0
            data:   .space 65534, 1
            last:   .word 7
            .input last
            .output first
                    add first, last
                    add first, last
                    sub last, data+40000
                    halt
            """;
        var assembled = Assembler.Assemble(source, "wide.lasm");
        Assert.True(assembled.Succeeded, assembled.FormatDiagnostics());
        var program = assembled.Program!;
        var compiled = MachineCatalog.Compile(program, PaperSubleqMachine.Name, NumberFormat.Float32, mixer: MixerKind.Linear);
        Assert.True(compiled.Layout.Columns >= 65_536, $"only {compiled.Layout.Columns} columns");
        using var session = new MachineSession(program, compiled, torch.CPU);
        var result = Lockstep.Verify(session, program.MemoryWith([CellAssignment.Parse("last=9")]), 1000);
        Assert.True(result.Passed, TransformerHarness.Explain(result));
        var run = session.Run(program.MemoryWith([CellAssignment.Parse("last=9")]), 1000);
        Assert.Equal([18L], program.Read(run.Memory, "first").Values);
        Assert.Equal([8L], program.Read(run.Memory, "last").Values);
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Assert.True(peak < 8L << 30, $"peak working set {peak >> 20} MiB: something of n×n size was formed");
    }

    static void AssertClose(double[,] expected, double[,] actual, double tolerance, string where)
    {
        for (int r = 0; r < expected.GetLength(0); r++)
            for (int c = 0; c < expected.GetLength(1); c++)
                Assert.True(Math.Abs(expected[r, c] - actual[r, c]) <= tolerance,
                    $"{where}: row {r} column {c}: expected {expected[r, c]}, got {actual[r, c]}");
    }
}
