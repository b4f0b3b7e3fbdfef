using LoopedComputer.Isa;
using static LoopedComputer.Tests.Isa.IsaKit;

namespace LoopedComputer.Tests.Isa;

/// <summary>Whole runs on the reference interpreter: halting, step counting, the step limit and the trace.</summary>
public class InterpreterRunTests
{
    const long Enough = 1_000;

    // Sum of an array with load, add and a SUBLEQ count-down (8-bit words).
    const int Zero = 0, One = 1, Ptr = 2, Count = 3, Sum = 4, Arr = 5, Tmp = 8;
    const int SumSteps = 14; // 3 iterations of 4 instructions, with the jump back after the first two

    static readonly Instruction LoadTmp = new(Function.Load, Ptr, Ptr, Tmp, One, 0);
    static readonly Instruction AddSum = new(Function.Add, Tmp, Sum, Sum, One, 0);
    static readonly Instruction StepPtr = new(Function.Add, Ptr, One, Ptr, One, 0);
    static readonly Instruction CountDown = Instruction.Subleq(One, Count, 5);
    static readonly Instruction Loop = Instruction.Subleq(Zero, Zero, 0);

    static Program SumArray(long a0 = 10, long a1 = 20, long a2 = 30) =>
        Build(8, [0, 1, Arr, 3, 0, a0, a1, a2, 0], LoadTmp, AddSum, StepPtr, CountDown, Loop);

    static List<TraceStep> Traced(Program program, out RunResult result, long maxSteps = Enough)
    {
        var trace = new List<TraceStep>();
        result = Interpreter.Run(program, null, maxSteps, trace.Add);
        return trace;
    }

    static void AssertResult(RunResult result, RunStatus status, long steps, int pc, long[] memory)
    {
        Assert.Equal((status, steps, pc), (result.Status, result.Steps, result.Pc));
        Assert.Equal(memory, result.Memory);
    }

    [Fact]
    public void A_loop_with_load_add_and_subleq_sums_an_array()
    {
        AssertResult(Interpreter.Run(SumArray(), null, Enough), RunStatus.Halted, SumSteps, 5, [0, 1, 8, 0, 60, 10, 20, 30, 30]);
    }

    [Fact]
    public void Arithmetic_wraps_inside_a_run()
    {
        Assert.Equal(44, Interpreter.Run(SumArray(100, 100, 100), null, Enough).Memory[Sum]); // 300 − 256
    }

    [Theory]
    [InlineData(8, 7, 5, 12)]
    [InlineData(8, 100, 100, -56)]
    [InlineData(8, -128, -1, 127)]
    [InlineData(2, 1, 1, -2)]
    [InlineData(64, long.MaxValue, 1, long.MinValue)]
    public void A_subleq_only_program_adds_through_a_zero_cell(int bits, long a, long b, long sum)
    {
        // Z ← Z − a; b ← b − Z; Z ← Z − Z: every branch goes to the next instruction.
        var program = Build(bits, [0, a, b], Instruction.Subleq(1, 0, 1), Instruction.Subleq(0, 2, 2), Instruction.Subleq(0, 0, 3));
        Assert.True(program.IsSubleqOnly);
        AssertResult(Interpreter.Run(program, null, Enough), RunStatus.Halted, 3, 3, [0, a, sum]);
    }

    [Fact]
    public void A_call_and_return_through_jmp_and_an_indirect_jump_out_of_range_to_the_halt()
    {
        // 0: ret ← 1, goto 3 (call)   1: x ← x + x   2: jmp to mem[bad] = 99 → the halt
        // 3: x ← x + 1               4: jmp to mem[ret] (return)   5: halt
        const int ret = 2, x = 3, retAddr = 4, bad = 5;
        var program = Build(8, [0, 1, 0, 5, 1, 99],
            new Instruction(Function.Mov, retAddr, retAddr, ret, Zero, 3),
            new Instruction(Function.Add, x, x, x, One, 0),
            new Instruction(Function.Jmp, bad, bad, bad, Zero, 0),
            new Instruction(Function.Add, x, One, x, One, 0),
            new Instruction(Function.Jmp, ret, ret, ret, Zero, 0));
        var trace = Traced(program, out var result);
        AssertResult(result, RunStatus.Halted, 5, 5, [0, 1, 1, 12, 1, 99]);
        var i = program.Instructions;
        Assert.Equal(
        [
            new TraceStep(1, 0, i[0], new CellWrite(ret, 0, 1), 3),
            new TraceStep(2, 3, i[3], new CellWrite(x, 5, 6), 4),
            new TraceStep(3, 4, i[4], null, 1),
            new TraceStep(4, 1, i[1], new CellWrite(x, 6, 12), 2),
            new TraceStep(5, 2, i[2], null, 5),
        ], trace);
    }

    // ---- halting ----

    [Fact]
    public void A_program_that_starts_on_its_halt_runs_no_steps()
    {
        var program = new Program("halt", new WordFormat(8), [Instruction.Halt(0, 0)], [0]);
        var trace = Traced(program, out var result, maxSteps: 0);
        AssertResult(result, RunStatus.Halted, 0, 0, [0]);
        Assert.Empty(trace);
    }

    [Fact]
    public void A_halt_on_a_cell_that_holds_a_value_runs_once_and_then_is_a_fixed_point()
    {
        var program = new Program("halt", new WordFormat(8), [Instruction.Halt(1, 0)], [0, 5]);
        AssertResult(Interpreter.Run(program, null, Enough), RunStatus.Halted, 1, 0, [0, 0]);
    }

    [Fact]
    public void A_fixed_point_before_the_last_instruction_is_a_halt()
    {
        // x ← x + x = 6 (flag One > 0: on to 1), then subleq x, x, self: x ← 0 once, then at rest.
        var program = Build(8, [0, 1, 3],
            new Instruction(Function.Add, 2, 2, 2, One, 0),
            Instruction.Halt(2, 1),
            Loop);
        AssertResult(Interpreter.Run(program, null, Enough), RunStatus.Halted, 2, 1, [0, 1, 0]);
    }

    [Theory]
    [InlineData(Function.Sub, 1, 0, 0, 0, 0)]  // subleq 1, 0, self: a ≠ b
    [InlineData(Function.Sub, 0, 0, 1, 1, 0)]  // sub with c = flag ≠ b: not a subleq
    [InlineData(Function.Sub, 0, 0, 0, 1, 0)]  // flag ≠ b
    [InlineData(Function.Add, 0, 0, 0, 0, 0)]  // add z, z into z: not sub
    [InlineData(Function.Jmp, 0, 0, 0, 0, 1)]  // jmp to mem[0] = 0, itself
    public void Self_loops_that_change_nothing_are_halts_whatever_their_form(Function f, int a, int b, int c, int flag, int p)
    {
        var program = Build(8, [0, 0], new Instruction(f, a, b, c, flag, p));
        var interpreter = new Interpreter(program);
        Assert.True(interpreter.Halted);
        AssertResult(interpreter.Run(25), RunStatus.Halted, 0, 0, [0, 0]);
    }

    [Theory]
    [InlineData(Function.Sub, 1, 0, 0, 0, 0)]  // mem[0] ← mem[0] − 1 forever (wrapping): ≤ 0 only half the time
    [InlineData(Function.Add, 1, 0, 0, 0, 0)]  // mem[0] ← mem[0] + 1
    public void Self_loops_that_keep_writing_new_values_are_not_halts(Function f, int a, int b, int c, int flag, int p)
    {
        var program = Build(8, [-100, 1], new Instruction(f, a, b, c, flag, p));
        var interpreter = new Interpreter(program);
        Assert.False(interpreter.Halted);
        Assert.NotEqual(RunStatus.Halted, interpreter.Run(25).Status);
    }

    // ---- the step limit ----

    [Theory]
    [InlineData(SumSteps, RunStatus.Halted)]
    [InlineData(SumSteps + 1, RunStatus.Halted)]
    [InlineData(SumSteps - 1, RunStatus.StepLimit)]
    public void A_limit_of_exactly_the_steps_needed_is_enough(long limit, RunStatus status)
    {
        var result = Interpreter.Run(SumArray(), null, limit);
        Assert.Equal((status, Math.Min(limit, SumSteps)), (result.Status, result.Steps));
    }

    [Fact]
    public void The_step_limit_reports_the_state_reached_so_far()
    {
        // 13 steps: the third iteration has run up to ptr ← ptr + 1; the count-down (pc 3) is next.
        AssertResult(Interpreter.Run(SumArray(), null, SumSteps - 1), RunStatus.StepLimit, SumSteps - 1, 3, [0, 1, 8, 1, 60, 10, 20, 30, 30]);
    }

    [Fact]
    public void A_limit_of_zero_runs_nothing()
    {
        var program = SumArray();
        AssertResult(Interpreter.Run(program, null, 0), RunStatus.StepLimit, 0, 0, program.InitialMemory.ToArray());
    }

    [Fact]
    public void A_run_stopped_by_the_limit_can_be_resumed()
    {
        var interpreter = new Interpreter(SumArray());
        AssertResult(interpreter.Run(5), RunStatus.StepLimit, 5, 0, [0, 1, 6, 2, 10, 10, 20, 30, 10]);
        AssertResult(interpreter.Run(Enough), RunStatus.Halted, SumSteps, 5, [0, 1, 8, 0, 60, 10, 20, 30, 30]);
    }

    // ---- stepping and the trace ----

    [Fact]
    public void The_trace_has_one_record_per_step_with_the_write_and_the_next_pc()
    {
        var program = SumArray();
        var trace = Traced(program, out var result);
        Assert.Equal(result.Steps, trace.Count);
        Assert.Equal(Enumerable.Range(1, SumSteps).Select(s => (long)s), trace.Select(t => t.Step));
        for (int s = 0; s < trace.Count; s++)
        {
            Assert.Equal(program.Instructions[trace[s].Pc], trace[s].Instruction);
            Assert.Equal(s + 1 < trace.Count ? trace[s + 1].Pc : program.HaltIndex, trace[s].NextPc);
        }
        Assert.Equal(new TraceStep(1, 0, LoadTmp, new CellWrite(Tmp, 0, 10), 1), trace[0]);
        Assert.Equal(new TraceStep(4, 3, CountDown, new CellWrite(Count, 3, 2), 4), trace[3]);  // not taken
        Assert.Equal(new TraceStep(5, 4, Loop, new CellWrite(Zero, 0, 0), 0), trace[4]);       // writes 0 over 0
        Assert.Equal(new TraceStep(13, 2, StepPtr, new CellWrite(Ptr, 7, 8), 3), trace[12]);
        Assert.Equal(new TraceStep(14, 3, CountDown, new CellWrite(Count, 1, 0), 5), trace[13]); // taken
    }

    [Fact]
    public void Stepping_by_hand_gives_the_same_records_and_stops_at_the_halt()
    {
        var program = SumArray();
        var expected = Traced(program, out _);
        var interpreter = new Interpreter(program);
        foreach (var record in expected)
        {
            Assert.False(interpreter.Halted);
            Assert.Equal(record, interpreter.Step());
        }
        Assert.True(interpreter.Halted);
        Assert.Equal(new TraceStep(SumSteps, 5, program.Instructions[5], null, 5), interpreter.Step());
        Assert.Equal((SumSteps, 5), (interpreter.Steps, interpreter.Pc));
    }

    // ---- memory ----

    [Fact]
    public void A_run_starts_from_the_memory_it_is_given_and_leaves_the_program_alone()
    {
        var program = SumArray();
        var memory = program.InitialMemory.ToArray().With(Count, 1);
        AssertResult(Interpreter.Run(program, memory, Enough), RunStatus.Halted, 4, 5, [0, 1, 6, 0, 10, 10, 20, 30, 10]);
        Interpreter.Run(program, null, Enough);
        Assert.Equal([0L, 1, Arr, 3, 0, 10, 20, 30, 0], program.InitialMemory);
    }

    [Fact]
    public void Memory_of_the_wrong_size_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new Interpreter(SumArray(), [0, 1, 2]));
        Assert.Contains("memory has 3 cells; the program has 9", error.Message);
    }
}
