using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Isa;

/// <summary>Instructions, pointers, branching, halting and tracing, on programs built by hand.</summary>
public class InterpreterTests
{
    static readonly WordFormat W8 = new(8);

    /// <summary>Runs one instruction followed by a halt (on cell 0, which the tests keep at 0).</summary>
    static (long[] Memory, int NextPc, CellWrite? Write) Execute(Instruction instruction, params long[] memory)
    {
        var program = new Program("t", W8, [instruction, Instruction.Halt(0, 1), Instruction.Halt(0, 2)], memory);
        var state = memory.ToArray();
        int next = Semantics.Execute(program, state, 0, out var write);
        return (state, next, write);
    }

    [Theory]
    [InlineData(3, 8, 5, 1)]      // 8 − 3 = 5 > 0: next
    [InlineData(3, 3, 0, 2)]      // 0: branch
    [InlineData(4, 3, -1, 2)]     // −1: branch
    [InlineData(1, -128, 127, 1)] // wraps to +127: next
    [InlineData(-128, 0, -128, 2)]
    public void Subleq_subtracts_and_branches_when_the_result_is_at_most_zero(long a, long b, long result, int next)
    {
        var r = Execute(Instruction.Subleq(1, 2, 2), 0, a, b);
        Assert.Equal([0L, a, result], r.Memory);
        Assert.Equal(next, r.NextPc);
        Assert.Equal(new CellWrite(2, b, result), r.Write);
    }

    [Fact]
    public void The_flag_is_read_after_the_write()
    {
        // c = flag: mov 5 into the flag cell, which held −1 (would branch) → 5 > 0: no branch.
        var r = Execute(new Instruction(Function.Mov, 1, 1, 2, 2, 2), 0, 5, -1);
        Assert.Equal((1, 5L), (r.NextPc, r.Memory[2]));
        // mov 0 into the flag cell, which held 9 → 0 ≤ 0: branch.
        r = Execute(new Instruction(Function.Mov, 0, 0, 2, 2, 2), 0, 5, 9);
        Assert.Equal((2, 0L), (r.NextPc, r.Memory[2]));
        // A flag cell other than c is read as it is.
        r = Execute(new Instruction(Function.Add, 1, 1, 2, 1, 2), 0, 3, 0);
        Assert.Equal((1, 6L), (r.NextPc, r.Memory[2]));
    }

    [Fact]
    public void Load_reads_through_a_pointer_and_reads_zero_out_of_range()
    {
        Assert.Equal(42, Execute(new Instruction(Function.Load, 1, 1, 2, 2, 2), 0, 3, 0, 42).Memory[2]); // last cell
        Assert.Equal(0, Execute(new Instruction(Function.Load, 1, 1, 2, 2, 2), 0, 4, 7, 42).Memory[2]);  // = m
        Assert.Equal(0, Execute(new Instruction(Function.Load, 1, 1, 2, 2, 2), 0, -1, 7, 42).Memory[2]); // negative
        Assert.Equal(5, Execute(new Instruction(Function.Load, 1, 1, 2, 2, 2), 0, 2, 5).Memory[2]);      // itself
    }

    [Fact]
    public void Store_writes_through_the_pointer_in_c_and_nothing_out_of_range()
    {
        var r = Execute(new Instruction(Function.Store, 1, 1, 2, 2, 2), 0, -9, 3, 0);
        Assert.Equal([0L, -9, 3, -9], r.Memory);
        Assert.Equal(new CellWrite(3, 0, -9), r.Write);
        r = Execute(new Instruction(Function.Store, 1, 1, 2, 2, 2), 0, -9, 4, 0);
        Assert.Equal([0L, -9, 4, 0], r.Memory);
        Assert.Null(r.Write);
        Assert.Equal(1, r.NextPc); // flag (cell 2 = 4) still read after the non-write
        r = Execute(new Instruction(Function.Store, 1, 1, 2, 2, 2), 0, -9, -1, 0);
        Assert.Equal([0L, -9, -1, 0], r.Memory);
        Assert.Equal(2, r.NextPc);
    }

    [Fact]
    public void Jmp_branches_to_the_value_of_a_and_goes_to_the_halt_when_out_of_range()
    {
        // Program of 3 instructions: k = 3, the last (2) is the halt.
        Assert.Equal(1, Execute(new Instruction(Function.Jmp, 1, 1, 1, 0, 0), 0, 1).NextPc);   // flag cell 0 = 0: taken
        Assert.Equal(2, Execute(new Instruction(Function.Jmp, 1, 1, 1, 0, 0), 0, 3).NextPc);   // 3 ≥ k: halt
        Assert.Equal(2, Execute(new Instruction(Function.Jmp, 1, 1, 1, 0, 0), 0, -5).NextPc);  // negative: halt
        Assert.Equal(0, Execute(new Instruction(Function.Jmp, 1, 1, 1, 1, 2), 0, 0).NextPc);   // to 0, not to p
        Assert.Equal(1, Execute(new Instruction(Function.Jmp, 2, 2, 2, 1, 0), 0, 5, 0).NextPc); // flag 5 > 0: not taken
        Assert.Null(Execute(new Instruction(Function.Jmp, 1, 1, 1, 0, 0), 0, 1).Write);
    }

    [Fact]
    public void The_interpreter_stops_at_a_halt_without_counting_it()
    {
        // 0: subleq one, x, 2 (x ← x − 1; if ≤ 0 goto 2)  1: subleq z, z, 0  2: halt
        var program = new Program("countdown", W8, [Instruction.Subleq(2, 1, 2), Instruction.Subleq(0, 0, 0), Instruction.Halt(0, 2)], [0, 3, 1]);
        var trace = new List<TraceStep>();
        var result = Interpreter.Run(program, null, 1000, trace.Add);
        Assert.Equal(RunStatus.Halted, result.Status);
        Assert.Equal(5, result.Steps); // 3→2, jmp, 2→1, jmp, 1→0 branch
        Assert.Equal(2, result.Pc);
        Assert.Equal([0L, 0, 1], result.Memory);
        Assert.Equal(5, trace.Count);
        Assert.Equal(new TraceStep(1, 0, program.Instructions[0], new CellWrite(1, 3, 2), 1), trace[0]);
        Assert.Equal(new TraceStep(5, 0, program.Instructions[0], new CellWrite(1, 1, 0), 2), trace[4]);
    }

    [Fact]
    public void A_halt_in_the_middle_of_the_program_ends_it_too()
    {
        var program = new Program("early", W8, [Instruction.Subleq(1, 1, 0), Instruction.Subleq(0, 0, 1), Instruction.Halt(0, 2)], [0, 7]);
        var result = Interpreter.Run(program, null, 1000);
        Assert.Equal((RunStatus.Halted, 0L, 0), (result.Status, result.Steps, result.Pc)); // instruction 0 is subleq x, x, self
    }

    [Fact]
    public void The_step_limit_is_reported_with_the_state_so_far()
    {
        // 0: subleq one, x, 0 — x keeps falling and stays ≤ 0, so it branches to itself.
        var program = new Program("forever", W8, [Instruction.Subleq(1, 2, 0), Instruction.Halt(0, 1)], [0, 1, 0]);
        var result = Interpreter.Run(program, null, 10);
        Assert.Equal((RunStatus.StepLimit, 10L, 0), (result.Status, result.Steps, result.Pc));
        Assert.Equal(-10, result.Memory[2]);
    }

    [Fact]
    public void Stepping_a_halted_interpreter_changes_nothing()
    {
        var program = new Program("h", W8, [Instruction.Halt(0, 0)], [0]);
        var interpreter = new Interpreter(program);
        Assert.True(interpreter.Halted);
        var step = interpreter.Step();
        Assert.Equal((0L, 0, 0), (interpreter.Steps, step.Pc, step.NextPc));
    }
}
