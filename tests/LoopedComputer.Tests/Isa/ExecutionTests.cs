using CsCheck;
using LoopedComputer.Isa;
using static LoopedComputer.Tests.Isa.IsaKit;

namespace LoopedComputer.Tests.Isa;

/// <summary>
/// One instruction at a time through <see cref="Semantics.Execute"/>: the write, the flag read after
/// it, the branch, and the pointers of load, store and jmp in and out of range. Instruction 0 runs in
/// a program of <see cref="IsaKit.Instructions"/> instructions, so k = 4 and the halt is instruction 3.
/// </summary>
public class ExecutionTests
{
    const int Taken = 2, NotTaken = 1;

    // ---- SUBLEQ ----

    [Theory]
    [InlineData(8, 3, 8, 5, NotTaken)]
    [InlineData(8, 3, 3, 0, Taken)]            // 0 ≤ 0
    [InlineData(8, 4, 3, -1, Taken)]
    [InlineData(8, 1, -128, 127, NotTaken)]    // wraps to the top: positive
    [InlineData(8, -1, 127, -128, Taken)]      // wraps to the bottom: negative
    [InlineData(2, 1, -2, 1, NotTaken)]
    [InlineData(2, -2, 1, -1, Taken)]
    [InlineData(2, -2, 0, -2, Taken)]
    [InlineData(16, short.MinValue, 0, short.MinValue, Taken)]
    [InlineData(63, 1, -(1L << 62), (1L << 62) - 1, NotTaken)]
    [InlineData(64, 1, long.MinValue, long.MaxValue, NotTaken)]
    [InlineData(64, -1, long.MaxValue, long.MinValue, Taken)]
    public void Subleq_subtracts_a_from_b_and_branches_when_the_result_is_at_most_zero(int bits, long a, long b, long result, int next)
    {
        var r = Execute(bits, Instruction.Subleq(1, 2, Taken), 0, a, b);
        Assert.Equal([0L, a, result], r.Memory);
        Assert.Equal(new CellWrite(2, b, result), r.Write);
        Assert.Equal(next, r.NextPc);
    }

    [Fact]
    public void Subleq_of_a_cell_with_itself_clears_it_and_branches()
    {
        var r = Execute(8, Instruction.Subleq(1, 1, Taken), 0, 77);
        Assert.Equal((0L, Taken), (r.Memory[1], r.NextPc));
    }

    [Fact]
    public void Fleq_sub_may_write_somewhere_other_than_b()
    {
        // sub with c = 3, flag = 0 (holds 0): mem[3] ← mem[2] − mem[1]; b is untouched.
        var r = Execute(8, new Instruction(Function.Sub, 1, 2, 3, 0, Taken), 0, 5, 9, 0);
        Assert.Equal([0L, 5, 9, 4], r.Memory);
        Assert.Equal(Taken, r.NextPc);
    }

    // ---- operands, write, flag ----

    [Theory]
    [InlineData(Function.Sub, -9)]
    [InlineData(Function.Add, 15)]
    [InlineData(Function.Mov, 12)]
    [InlineData(Function.And, 0)]
    [InlineData(Function.Or, 15)]
    [InlineData(Function.Xor, 15)]
    [InlineData(Function.Shl, 96)]
    [InlineData(Function.Shr, 1)]
    [InlineData(Function.Mul, 36)]
    public void Value_functions_write_f_of_x_and_y_into_c(Function f, long expected)
    {
        // x = mem[1] = 12, y = mem[2] = 3, c = flag = 3 (held 99).
        var r = Execute(8, new Instruction(f, 1, 2, 3, 3, Taken), 0, 12, 3, 99);
        Assert.Equal([0L, 12, 3, expected], r.Memory);
        Assert.Equal(new CellWrite(3, 99, expected), r.Write);
        Assert.Equal(expected <= 0 ? Taken : NotTaken, r.NextPc);
    }

    [Theory]
    [InlineData(1, 2, 1)] // c = a
    [InlineData(1, 2, 2)] // c = b
    public void Both_operands_are_read_before_the_write(int a, int b, int c)
    {
        var r = Execute(8, new Instruction(Function.Sub, a, b, c, 0, Taken), 0, 5, 7);
        Assert.Equal(2, r.Memory[c]);
    }

    [Fact]
    public void One_cell_can_be_a_b_c_and_flag_at_once()
    {
        var r = Execute(8, new Instruction(Function.Add, 1, 1, 1, 1, Taken), 0, 100);
        Assert.Equal((-56L, Taken), (r.Memory[1], r.NextPc)); // 200 − 256, read after the write
    }

    [Theory]
    [InlineData(-1, 5, NotTaken)] // would branch before the write, does not after
    [InlineData(9, 0, Taken)]     // would not branch before, does after (0 ≤ 0)
    [InlineData(9, -128, Taken)]
    [InlineData(-5, 1, NotTaken)]
    public void The_flag_is_read_after_the_write(long flagBefore, long written, int next)
    {
        // mov mem[1] into the flag cell 2.
        var r = Execute(8, new Instruction(Function.Mov, 1, 1, 2, 2, Taken), 0, written, flagBefore);
        Assert.Equal((written, next), (r.Memory[2], r.NextPc));
    }

    [Theory]
    [InlineData(0, Taken)]   // result 6 is positive but the flag cell says 0
    [InlineData(-1, Taken)]
    [InlineData(1, NotTaken)]
    public void A_flag_cell_other_than_c_decides_the_branch_by_its_own_value(long flag, int next)
    {
        var r = Execute(8, new Instruction(Function.Add, 1, 1, 2, 3, Taken), 0, 3, 0, flag);
        Assert.Equal((6L, next), (r.Memory[2], r.NextPc));
        r = Execute(8, new Instruction(Function.Sub, 1, 1, 2, 3, Taken), 0, 3, 9, flag); // result 0, same flag
        Assert.Equal((0L, next), (r.Memory[2], r.NextPc));
    }

    [Fact]
    public void A_taken_branch_goes_to_p_wherever_p_is()
    {
        foreach (int p in new[] { 0, 1, 2, HaltIndex })
            Assert.Equal(p, Execute(8, new Instruction(Function.Mov, 0, 0, 1, 1, p), 0, 5).NextPc);
    }

    // ---- load ----

    // Memory for load and store: [0, x/pointer, c, last]; m = 4.
    [Theory]
    [InlineData(3, 42)]             // the last cell, m − 1
    [InlineData(0, 0)]
    [InlineData(1, 1)]              // the pointer cell itself
    [InlineData(2, 77)]             // c itself
    [InlineData(4, 0)]              // m: out of range
    [InlineData(5, 0)]
    [InlineData(-1, 0)]
    [InlineData(127, 0)]
    [InlineData(-128, 0)]
    public void Load_reads_the_cell_x_points_at_and_zero_out_of_range(long pointer, long expected)
    {
        var r = Execute(8, new Instruction(Function.Load, 1, 1, 2, 0, Taken), 0, pointer, 77, 42);
        Assert.Equal([0L, pointer, expected, 42], r.Memory);
        Assert.Equal(new CellWrite(2, 77, expected), r.Write);
    }

    [Theory]
    [InlineData((1L << 32) + 3)]   // would read cell 3 if the pointer were cut to 32 bits
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(-(1L << 32) + 3)]
    public void Load_does_not_truncate_wide_pointers(long pointer)
    {
        var r = Execute(64, new Instruction(Function.Load, 1, 1, 2, 0, Taken), 0, pointer, 77, 42);
        Assert.Equal(0, r.Memory[2]);
    }

    [Fact]
    public void Load_reads_the_flag_after_the_write()
    {
        Assert.Equal(NotTaken, Execute(8, new Instruction(Function.Load, 1, 1, 2, 2, Taken), 0, 3, -4, 42).NextPc);
        Assert.Equal(Taken, Execute(8, new Instruction(Function.Load, 1, 1, 2, 2, Taken), 0, 9, 5, 42).NextPc); // out of range: 0
    }

    // ---- store ----

    [Theory]
    [InlineData(3, 3, 55)]   // the last cell, m − 1: old value 55
    [InlineData(0, 0, 0)]
    [InlineData(1, 1, -9)]   // x's own cell: same value
    [InlineData(2, 2, 2)]    // the pointer cell itself
    public void Store_writes_x_into_the_cell_c_points_at(long pointer, int address, long old)
    {
        var r = Execute(8, new Instruction(Function.Store, 1, 1, 2, 0, Taken), 0, -9, pointer, 55);
        Assert.Equal(new long[] { 0, -9, pointer, 55 }.With(address, -9), r.Memory);
        Assert.Equal(new CellWrite(address, old, -9), r.Write);
        Assert.Equal(Taken, r.NextPc);
    }

    [Theory]
    [InlineData(8, 4)]    // m
    [InlineData(8, 5)]
    [InlineData(8, -1)]
    [InlineData(8, 127)]
    [InlineData(8, -128)]
    [InlineData(64, (1L << 32) + 3)]
    [InlineData(64, long.MaxValue)]
    [InlineData(64, long.MinValue)]
    public void Store_through_a_pointer_out_of_range_writes_nothing(int bits, long pointer)
    {
        long[] memory = [0, -9, pointer, 55];
        var r = Execute(bits, new Instruction(Function.Store, 1, 1, 2, 0, Taken), memory);
        Assert.Equal(memory, r.Memory);
        Assert.Null(r.Write);
        Assert.Equal(Taken, r.NextPc); // the flag (cell 0 = 0) is still read
    }

    [Fact]
    public void Store_reads_the_flag_after_the_write_or_the_non_write()
    {
        // flag = 3, the cell stored into: 5 before, −9 after.
        Assert.Equal(Taken, Execute(8, new Instruction(Function.Store, 1, 1, 2, 3, Taken), 0, -9, 3, 5).NextPc);
        // Out of range: cell 3 keeps 5.
        Assert.Equal(NotTaken, Execute(8, new Instruction(Function.Store, 1, 1, 2, 3, Taken), 0, -9, 4, 5).NextPc);
        // The flag is the pointer cell, −1: nothing written, and −1 ≤ 0.
        Assert.Equal(Taken, Execute(8, new Instruction(Function.Store, 1, 1, 2, 2, Taken), 0, 9, -1, 5).NextPc);
        // The pointer points at itself and x = 0 lands in it: the flag reads the new 0.
        Assert.Equal(Taken, Execute(8, new Instruction(Function.Store, 1, 1, 2, 2, Taken), 0, 0, 2, 5).NextPc);
    }

    // ---- jmp ----

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(HaltIndex, HaltIndex)] // k − 1
    [InlineData(Instructions, HaltIndex)] // k: out of range, to the halt
    [InlineData(100, HaltIndex)]
    [InlineData(-1, HaltIndex)]
    [InlineData(127, HaltIndex)]
    [InlineData(-128, HaltIndex)]
    public void Jmp_goes_to_x_and_to_the_halt_when_x_is_not_an_instruction(long x, int next)
    {
        // p = 1 is ignored; flag = cell 0 = 0.
        var r = Execute(8, new Instruction(Function.Jmp, 1, 2, 2, 0, 1), 0, x, 66);
        Assert.Equal(next, r.NextPc);
        Assert.Equal([0L, x, 66], r.Memory);
        Assert.Null(r.Write);
    }

    [Theory]
    [InlineData((1L << 32) + 1)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Jmp_does_not_truncate_wide_targets(long x) =>
        Assert.Equal(HaltIndex, Execute(64, new Instruction(Function.Jmp, 1, 1, 1, 0, 1), 0, x).NextPc);

    [Theory]
    [InlineData(2, 1, NotTaken)]     // flag 1 > 0: next instruction, not x
    [InlineData(-7, 1, NotTaken)]    // not taken, even with x out of range
    [InlineData(2, 0, 2)]
    [InlineData(2, -128, 2)]
    public void Jmp_is_taken_only_when_the_flag_is_at_most_zero(long x, long flag, int next) =>
        Assert.Equal(next, Execute(8, new Instruction(Function.Jmp, 1, 1, 1, 2, 0), 0, x, flag).NextPc);

    // ---- against an independent model ----

    /// <summary>The rules of docs/isa.md written out again, over the exact-integer word model.</summary>
    static Executed Model(int bits, int k, Instruction ins, long[] memory)
    {
        var mem = memory.ToArray();
        int m = mem.Length;
        long x = mem[ins.A], y = mem[ins.B];
        CellWrite? write = null;
        void Write(long address, long value)
        {
            write = new CellWrite((int)address, mem[address], value);
            mem[address] = value;
        }
        switch (ins.F)
        {
            case Function.Load: Write(ins.C, x >= 0 && x < m ? mem[x] : 0); break;
            case Function.Store: if (mem[ins.C] >= 0 && mem[ins.C] < m) Write(mem[ins.C], x); break;
            case Function.Jmp: break;
            default: Write(ins.C, WordModel.Apply(ins.F, x, y, bits)); break;
        }
        int branch = ins.F != Function.Jmp ? ins.Target : x >= 0 && x < k ? (int)x : k - 1;
        return new Executed(mem, mem[ins.Flag] <= 0 ? branch : 1, write);
    }

    [Fact]
    public void Every_instruction_agrees_with_the_model_on_random_states()
    {
        var gen = from bits in Gen.Int[2, 64]
                  from m in Gen.Int[1, 6]
                  from k in Gen.Int[2, 6]
                  let cell = Gen.Int[0, m - 1]
                  from ins in Gen.Select(Gen.Enum<Function>(), cell, cell, cell, cell, Gen.Int[0, k - 1],
                      (f, a, b, c, flag, p) => new Instruction(f, a, b, c, flag, p))
                  from memory in Gen.Frequency(
                      (1, FunctionSemanticsTests.Word(bits)),
                      (1, Gen.Long[Math.Max(-3, (long)WordModel.Min(bits)), Math.Min(8, (long)WordModel.Max(bits))])).Array[m]
                  select (bits, k, ins, memory);
        gen.Sample(t =>
        {
            var code = new Instruction[t.k];
            code[0] = t.ins;
            for (int i = 1; i < t.k - 1; i++) code[i] = Instruction.Subleq(0, 0, 0);
            code[^1] = Instruction.Halt(0, t.k - 1);
            var program = new Program("random", new WordFormat(t.bits), code, t.memory);
            var state = t.memory.ToArray();
            int next = Semantics.Execute(program, state, 0, out var write);
            var expected = Model(t.bits, t.k, t.ins, t.memory);
            Assert.Equal(expected.Memory, state);
            Assert.Equal(expected.NextPc, next);
            Assert.Equal(expected.Write, write);
        }, iter: 20_000);
    }
}
