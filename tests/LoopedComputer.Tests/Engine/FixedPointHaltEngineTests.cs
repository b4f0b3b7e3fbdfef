using LoopedComputer.Machines;
using LoopedComputer.Machines.Fleq;
using LoopedComputer.Machines.PaperSubleq;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using TorchSharp;

namespace LoopedComputer.Tests.Engine;

/// <summary>The engines see a fixed point as the interpreter does: same loop count, same final state, per row.</summary>
public class FixedPointHaltEngineTests
{
    const int Zero = 0, MinusOne = 1, X = 2, One = 3, Pointer = 4, Slot = 5;

    static Program Make(long x, params Instruction[] body) =>
        new("fixed-point", new WordFormat(8), [.. body, Instruction.Halt(Zero, body.Length)], [0, -1, x, 1, Slot, 0]);

    /// <summary>x ← x − 1 twice, then the official EOF (subleq ZERO, MINUS_ONE, self).</summary>
    static Program EndsWithOfficialEof(long x) =>
        Make(x, Instruction.Subleq(One, X, 1), Instruction.Subleq(One, X, 2), Instruction.Subleq(Zero, MinusOne, 2));

    /// <summary>x ← x + x, branching to itself: rests once x has wrapped to 0.</summary>
    static Program Doubling(long x) => Make(x, new Instruction(Function.Add, X, X, X, Zero, 0));

    /// <summary>mem[mem[Pointer]] ← x, branching to itself: one write, then rest.</summary>
    static Program StoringToItself(long x) => Make(x, new Instruction(Function.Store, X, X, Pointer, Zero, 0));

    static CompiledMachine Compile(Program program, string machine, string mixer) =>
        MachineCatalog.Compile(program, machine, NumberFormat.Float32, mixer: mixer == "linear" ? MixerKind.Linear : MixerKind.Softmax);

    static void AssertAsInterpreter(Program program, TransformerResult row, long maxLoops)
    {
        var expected = Interpreter.Run(program, null, maxLoops);
        Assert.Equal((expected.Status, expected.Steps, expected.Pc), (row.Status, row.Loops, row.Pc));
        Assert.Equal(expected.Memory, row.Memory);
    }

    [Theory]
    [InlineData(PaperSubleqMachine.Name, "softmax")]
    [InlineData(PaperSubleqMachine.Name, "linear")]
    [InlineData(FleqMachine.Name, "softmax")]
    [InlineData(FleqMachine.Name, "linear")]
    public void The_official_EOF_halts_the_transformer_at_the_interpreters_step(string machine, string mixer)
    {
        var program = EndsWithOfficialEof(5);
        using var session = new MachineSession(program, Compile(program, machine, mixer), torch.CPU);
        var result = session.Run(program.InitialMemory, 1_000);
        Assert.Equal(2, result.Loops);
        AssertAsInterpreter(program, result, 1_000);
        Assert.True(Lockstep.Verify(session, program.InitialMemory, 1_000).Passed);
    }

    [Theory]
    [InlineData("softmax")]
    [InlineData("linear")]
    public void Rows_of_self_branching_fleq_programs_rest_at_their_own_loops(string mixer)
    {
        // Doubling from 9, 0, 64, 1 rests after 8, 0, 2 and 8 loops; the store writes once.
        var programs = new[] { Doubling(9), Doubling(0), Doubling(64), Doubling(1) };
        using var session = new MachineSession(programs[0], Compile(programs[0], FleqMachine.Name, mixer), torch.CPU);
        var batch = session.RunBatch(programs.Select(p => new BatchRun(p, p.InitialMemory)).ToList(), 1_000, maxHaltCheckInterval: 3);
        Assert.Equal([8L, 0, 2, 8], batch.Runs.Select(r => r.Loops));
        for (int i = 0; i < programs.Length; i++) AssertAsInterpreter(programs[i], batch.Runs[i], 1_000);

        var store = StoringToItself(7);
        using var storeSession = new MachineSession(store, Compile(store, FleqMachine.Name, mixer), torch.CPU);
        var stored = storeSession.Run(store.InitialMemory, 1_000);
        Assert.Equal((1L, 7L), (stored.Loops, stored.Memory[Slot]));
        AssertAsInterpreter(store, stored, 1_000);
    }

    [Theory]
    [InlineData(8, RunStatus.Halted)]
    [InlineData(7, RunStatus.StepLimit)]
    public void A_run_that_comes_to_rest_exactly_at_the_limit_has_halted(long limit, RunStatus status)
    {
        var program = Doubling(9); // rests after 8 loops
        using var session = new MachineSession(program, Compile(program, FleqMachine.Name, "linear"), torch.CPU);
        var result = session.Run(program.InitialMemory, limit);
        Assert.Equal(status, result.Status);
        AssertAsInterpreter(program, result, limit);
    }
}
