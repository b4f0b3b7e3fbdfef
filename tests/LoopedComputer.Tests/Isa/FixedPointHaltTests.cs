using LoopedComputer.Isa;
using static LoopedComputer.Tests.Isa.IsaKit;

namespace LoopedComputer.Tests.Isa;

/// <summary>Halting is a fixed point: the run stops where the instruction at the PC would change nothing.</summary>
public class FixedPointHaltTests
{
    const long Enough = 1_000;

    // The official code's ending: cells ZERO = 0 and MINUS_ONE = −1, EOF = subleq ZERO, MINUS_ONE, self.
    const int Zero = 0, MinusOne = 1, X = 2, One = 3;

    [Fact]
    public void The_official_EOF_instruction_halts_a_run_without_being_counted()
    {
        // x ← x − 1 twice, then the EOF at instruction 2; the canonical halt at 3 is never reached.
        var program = Build(8, [0, -1, 5, 1],
            Instruction.Subleq(One, X, 1), Instruction.Subleq(One, X, 2), Instruction.Subleq(Zero, MinusOne, 2), Instruction.Halt(Zero, 3));
        var result = Interpreter.Run(program, null, Enough);
        Assert.Equal((RunStatus.Halted, 2L, 2), (result.Status, result.Steps, result.Pc));
        Assert.Equal([0, -1, 3, 1], result.Memory);
    }

    [Fact]
    public void A_self_loop_that_keeps_changing_a_cell_is_not_a_halt()
    {
        // x ← x − 1 while x ≤ 0, from x = −126: −127, −128, then wraps to 127 > 0 and falls through.
        var program = Build(8, [0, -1, -126, 1], Instruction.Subleq(One, X, 0), Instruction.Halt(Zero, 1));
        var result = Interpreter.Run(program, null, Enough);
        Assert.Equal((RunStatus.Halted, 3L, 1), (result.Status, result.Steps, result.Pc));
        Assert.Equal(127, result.Memory[X]);
    }

    [Fact]
    public void A_fleq_instruction_that_jumps_to_itself_without_changing_its_cell_halts()
    {
        // mov x ← x with flag ZERO (0 ≤ 0): branch to self, write unchanged.
        var program = Build(8, [0, -1, 9, 1], new Instruction(Function.Mov, X, X, X, Zero, 0), Instruction.Halt(Zero, 1));
        Assert.Equal((RunStatus.Halted, 0L, 0), Outcome(program));

        // add x ← x + x with flag ZERO: doubles x until it wraps to 0, then rests (8 doublings of 9 → 0 needs 8: 9·2^8 ≡ 0 mod 256).
        var doubling = Build(8, [0, -1, 9, 1], new Instruction(Function.Add, X, X, X, Zero, 0), Instruction.Halt(Zero, 1));
        var run = Interpreter.Run(doubling, null, Enough);
        Assert.Equal((RunStatus.Halted, 8L, 0, 0L), (run.Status, run.Steps, run.Pc, run.Memory[X]));
    }

    [Fact]
    public void An_indirect_jump_to_itself_halts_and_a_taken_jump_elsewhere_does_not()
    {
        // jmp through x = 0 (its own index), flag ZERO: a fixed point at once.
        var self = Build(8, [0, -1, 0, 1], new Instruction(Function.Jmp, X, X, X, Zero, 0), Instruction.Halt(Zero, 1));
        Assert.Equal((RunStatus.Halted, 0L, 0), Outcome(self));
        // x = 1: one step to the canonical halt.
        var onward = Build(8, [0, -1, 1, 1], new Instruction(Function.Jmp, X, X, X, Zero, 0), Instruction.Halt(Zero, 1));
        Assert.Equal((RunStatus.Halted, 1L, 1), Outcome(onward));
    }

    [Fact]
    public void Only_instructions_that_can_branch_to_themselves_are_candidates()
    {
        Assert.True(Instruction.Subleq(0, 1, 4).CanRestAt(4));
        Assert.False(Instruction.Subleq(0, 1, 4).CanRestAt(3));
        Assert.True(new Instruction(Function.Jmp, 0, 0, 0, 0, 9).CanRestAt(3));
        var program = Build(8, [0, -1, 0, 1], Instruction.Subleq(Zero, Zero, 1), Instruction.Halt(Zero, 1));
        Assert.False(Semantics.IsFixedPoint(program, program.InitialMemory, 0)); // it goes to 1
        Assert.True(Semantics.IsFixedPoint(program, program.InitialMemory, 1));
    }

    [Fact]
    public void Peek_leaves_the_memory_as_it_is_and_reads_the_flag_after_the_write()
    {
        // b ← b − a = 3 − 5 = −2 ≤ 0: taken, although mem[b] = 3 > 0 before the write.
        var program = Build(8, [5, 3], Instruction.Subleq(0, 1, 2), Instruction.Halt(0, 1));
        var memory = program.InitialMemory.ToArray();
        var (write, next) = Semantics.Peek(program, memory, 0);
        Assert.Equal((new CellWrite(1, 3, -2), 2), (write!.Value, next));
        Assert.Equal([5, 3], memory);
    }

    static (RunStatus, long, int) Outcome(Program program)
    {
        var result = Interpreter.Run(program, null, Enough);
        return (result.Status, result.Steps, result.Pc);
    }
}
