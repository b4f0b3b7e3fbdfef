using LoopedComputer.Assembly;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.AssemblerTests;

/// <summary>
/// Each pseudo-instruction, expanded for SUBLEQ only and for FLEQ, run on the reference interpreter
/// with 8-bit edge values: the destination must hold the value worked out by hand, every other cell
/// must be unchanged.
/// </summary>
public class PseudoInstructionSemanticsTests
{
    internal const int Bits = 8;

    /// <summary>The minimum, −1, 0, 1, the maximum and their neighbours.</summary>
    internal static readonly long[] Edges = [-128, -127, -1, 0, 1, 2, 3, 126, 127];

    /// <summary>The 8-bit two's complement value of <paramref name="v"/>, by truncation.</summary>
    static long W(long v) => (sbyte)v;

    static long Shl(long x, long y) => (byte)y >= Bits ? 0 : W(x << (byte)y);

    static long Shr(long x, long y) => (byte)y >= Bits ? (x < 0 ? -1 : 0) : x >> (byte)y;

    sealed record Spec(string Code, string Destination, Func<long, long, long> Expected, bool FleqOnly = false);

    /// <summary>With x and y the cells' values before; d starts at 55.</summary>
    static readonly Dictionary<string, Spec> Specs = new()
    {
        ["mov d, x"] = new("mov d, x", "d", (x, y) => x),
        ["mov x, x"] = new("mov x, x", "x", (x, y) => x),
        ["mov d, #-128"] = new("mov d, #-128", "d", (x, y) => -128),
        ["add d, x, y"] = new("add d, x, y", "d", (x, y) => W(x + y)),
        ["add x, y"] = new("add x, y", "x", (x, y) => W(x + y)),
        ["add y, x, y (d is b)"] = new("add y, x, y", "y", (x, y) => W(x + y)),
        ["add d, x, x"] = new("add d, x, x", "d", (x, y) => W(2 * x)),
        ["add x, x, x"] = new("add x, x, x", "x", (x, y) => W(2 * x)),
        ["add x, x"] = new("add x, x", "x", (x, y) => W(2 * x)),
        ["add d, x, #1"] = new("add d, x, #1", "d", (x, y) => W(x + 1)),
        ["sub d, x, y"] = new("sub d, x, y", "d", (x, y) => W(x - y)),
        ["sub x, y"] = new("sub x, y", "x", (x, y) => W(x - y)),
        ["sub x, x, y (d is a)"] = new("sub x, x, y", "x", (x, y) => W(x - y)),
        ["sub y, x, y (d is b)"] = new("sub y, x, y", "y", (x, y) => W(x - y)),
        ["sub d, x, x"] = new("sub d, x, x", "d", (x, y) => 0),
        ["sub x, x"] = new("sub x, x", "x", (x, y) => 0),
        ["sub d, #0, x"] = new("sub d, #0, x", "d", (x, y) => W(-x)),
        ["inc x"] = new("inc x", "x", (x, y) => W(x + 1)),
        ["dec x"] = new("dec x", "x", (x, y) => W(x - 1)),
        ["clr x"] = new("clr x", "x", (x, y) => 0),
        ["neg x"] = new("neg x", "x", (x, y) => W(-x)),
        ["neg d, x"] = new("neg d, x", "d", (x, y) => W(-x)),
        ["neg x, x (d is s)"] = new("neg x, x", "x", (x, y) => W(-x)),
        ["nop"] = new("nop", "d", (x, y) => 55),
        ["and d, x, y"] = new("and d, x, y", "d", (x, y) => x & y, FleqOnly: true),
        ["and x, y"] = new("and x, y", "x", (x, y) => x & y, FleqOnly: true),
        ["or d, x, y"] = new("or d, x, y", "d", (x, y) => x | y, FleqOnly: true),
        ["or x, y"] = new("or x, y", "x", (x, y) => x | y, FleqOnly: true),
        ["xor d, x, y"] = new("xor d, x, y", "d", (x, y) => x ^ y, FleqOnly: true),
        ["xor x, x"] = new("xor x, x", "x", (x, y) => 0, FleqOnly: true),
        ["shl d, x, y"] = new("shl d, x, y", "d", Shl, FleqOnly: true),
        ["shl x, #3"] = new("shl x, #3", "x", (x, y) => W(x * 8), FleqOnly: true),
        ["shr d, x, y"] = new("shr d, x, y", "d", Shr, FleqOnly: true),
        ["shr x, #1"] = new("shr x, #1", "x", (x, y) => x >> 1, FleqOnly: true),
        ["mul d, x, y"] = new("mul d, x, y", "d", (x, y) => W(x * y), FleqOnly: true),
        ["mul x, y"] = new("mul x, y", "x", (x, y) => W(x * y), FleqOnly: true),
        ["mul d, x, #-1"] = new("mul d, x, #-1", "d", (x, y) => W(-x), FleqOnly: true),
    };

    public static TheoryData<string, bool> SpecsInBothModes()
    {
        var data = new TheoryData<string, bool>();
        foreach (var (name, spec) in Specs)
        {
            data.Add(name, false);
            if (!spec.FleqOnly) data.Add(name, true);
        }
        return data;
    }

    internal static string Header(bool subleq) => $"{(subleq ? ".subleq\n" : "")}.bits {Bits}\nx: .word 0\ny: .word 0\nd: .word 55\n";

    [Theory]
    [MemberData(nameof(SpecsInBothModes))]
    public void Destination_gets_the_value_and_nothing_else_changes(string name, bool subleq)
    {
        var spec = Specs[name];
        var program = Lasm.Build(Header(subleq) + $"  {spec.Code}\n");
        Assert.True(program.IsSubleqOnly || !subleq);
        string[] cells = ["x", "y", "d"];
        var failures = new List<string>();
        foreach (long x in Edges)
            foreach (long y in Edges)
            {
                var run = Lasm.Execute(program, ("x", x), ("y", y));
                var before = new Dictionary<string, long> { ["x"] = x, ["y"] = y, ["d"] = 55 };
                foreach (string cell in cells)
                {
                    long expected = cell == spec.Destination ? spec.Expected(x, y) : before[cell];
                    if (run[cell] != expected) failures.Add($"x={x}, y={y}: {cell} = {run[cell]}, expected {expected}");
                }
            }
        Assert.True(failures.Count == 0, $"{name} ({(subleq ? "SUBLEQ" : "FLEQ")}):\n{string.Join("\n", failures.Take(10))}");
    }

    public static TheoryData<bool> Modes => new() { true, false };

    [Theory]
    [MemberData(nameof(Modes))]
    public void Neg_in_place_when_the_address_depends_on_a_label(bool subleq)
    {
        // Whether 'neg P' negates in place is not known while its expansion (and so 'here') is being
        // sized: the expansion must be right either way.
        var run = Lasm.Execute($"{(subleq ? ".subleq\n" : "")}.const P = &here\nm: .space 10, 3\n  neg P\nhere: halt\n");
        Assert.Equal(-3, run.Cells("m")[run.Program.Labels["here"]]);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Jmp_nop_and_halt(bool subleq)
    {
        var run = Lasm.Execute(Header(subleq) + "  nop\n  jmp over\n  inc x\nover: inc y\n  halt\n  inc y\n");
        Assert.Equal((0L, 1L), (run["x"], run["y"]));
        Assert.Equal(3, run.Result.Steps);                                   // nop, jmp, inc: the halt is not a step
        Assert.Equal(run.Program.Labels["over"] + 1, run.Result.Pc);         // stopped at the first halt
    }

    [Fact]
    public void Load_and_store_through_pointers()
    {
        var program = Lasm.Build($".bits {Bits}\narr: .word 0, 0, 0\np: .word 0\nv: .word 0\nd: .word 55\n  load d, p\n  store p, v\n");
        for (int k = 0; k < 3; k++)
            foreach (long value in Edges)
            {
                var memory = program.InitialMemory.ToArray();
                memory[k] = value;                        // arr[k] holds the value to load
                memory[3] = k;                            // p = &arr + k
                memory[4] = W(value + 1);                 // v, to store in its place
                var run = new Run(program, Interpreter.Run(program, memory, 100));
                Assert.Equal(value, run["d"]);
                Assert.Equal(W(value + 1), run.Cells("arr")[k]);
                Assert.Equal(k, run["p"]);
            }
    }

    [Fact]
    public void Pointers_outside_memory_load_zero_and_store_nothing()
    {
        var run = Lasm.Execute(".bits 8\nd: .word 55\nv: .word 9\np: .word 100\nq: .word -1\n  load d, p\n  store q, v\n  store p, v\n");
        Assert.Equal(0, run["d"]);
        Assert.Equal(run.Program.InitialMemory.Select((v, i) => i == 0 ? 0 : v), run.Result.Memory);
    }

    [Fact]
    public void Literal_pointers_and_pointer_arithmetic()
    {
        var run = Lasm.Execute(".bits 8\narr: .word 10, 20, 30\nd: .word 0\ne: .word 0\np: .word &arr\n  load d, #&arr+2\n  inc p\n  load e, p\n  store #&arr, #-7\n");
        Assert.Equal((30L, 20L), (run["d"], run["e"]));
        Assert.Equal([-7L, 20, 30], run.Cells("arr"));
    }

    [Theory]
    [InlineData("first", 1L)]
    [InlineData("second", 2L)]
    [InlineData("third", 3L)]
    public void Ijmp_goes_to_the_index_held_in_a_cell(string label, long reached)
    {
        var run = Lasm.Execute($".bits 8\nt: .word &{label}\nr: .word 0\n  ijmp t\n  halt\nfirst: mov r, #1\n  halt\nsecond: mov r, #2\n  halt\nthird: mov r, #3\n");
        Assert.Equal(reached, run["r"]);
    }

    [Fact]
    public void Ijmp_to_an_index_outside_the_program_halts()
    {
        var run = Lasm.Execute(".bits 8\nt: .word 100\nr: .word 0\n  ijmp t\n  inc r\n");
        Assert.Equal(0, run["r"]);
        Assert.Equal(1, run.Result.Steps);
    }

    [Fact]
    public void Nested_calls_return_to_their_callers_in_order()
    {
        // Each routine appends its digit to t on entry; main appends 9 when everything has returned.
        var run = Lasm.Execute(
            ".bits 32\nt: .word 0\n  call a\n  mul t, #10\n  add t, #9\n  halt\n" +
            "a: mul t, #10\n  add t, #1\n  call b\n  call b\n  ret\n" +
            "b: mul t, #10\n  add t, #2\n  call c\n  ret\n" +
            "c: mul t, #10\n  add t, #3\n  ret\n");
        Assert.Equal(123239L, run["t"]);
        var sp = run.Program.FindCell("__sp")!;
        Assert.Equal(run.Program.FindCell("__stack")!.Address, run.Result.Memory[sp.Address]); // balanced pushes and pops
    }

    [Fact]
    public void Recursion_uses_the_stack_to_its_depth()
    {
        var run = Lasm.Execute(".bits 16\n.stack 12\nn: .word 10\nacc: .word 0\n  call sum\n  halt\nsum: jle n, done\n  add acc, n\n  dec n\n  call sum\ndone: ret\n");
        Assert.Equal(55, run["acc"]);
        Assert.Equal(0, run["n"]);
    }

    [Theory]
    [InlineData("mov d, x", 4, 1)]
    [InlineData("add d, x, y", 5, 1)]
    [InlineData("add d, x", 3, 1)]
    [InlineData("sub d, x, y", 7, 1)]
    [InlineData("sub d, d, y", 1, 1)]
    [InlineData("sub d, x", 1, 1)]
    [InlineData("inc d", 1, 1)]
    [InlineData("dec d", 1, 1)]
    [InlineData("clr d", 1, 1)]
    [InlineData("neg d, x", 2, 1)]
    [InlineData("neg d", 6, 1)]
    [InlineData("nop", 1, 1)]
    [InlineData("jmp 0", 1, 1)]
    [InlineData("jle x, 0", 1, 1)]
    [InlineData("jgt x, 0", 2, 2)]
    [InlineData("jlt x, 0", 5, 4)]
    [InlineData("jge x, 0", 5, 4)]
    [InlineData("jeq x, 0", 5, 4)]
    [InlineData("jne x, 0", 5, 4)]
    [InlineData("jle x, y, 0", 6, 2)]
    [InlineData("jgt x, y, 0", 7, 3)]
    [InlineData("jne x, y, 0", 10, 5)]
    public void Expansion_lengths_are_those_documented(string statement, int subleqLength, int fleqLength)
    {
        // The statement, then 'halt': the expansion is everything before the final instruction.
        int Length(bool subleq) => Lasm.Build(Header(subleq) + $"  {statement}\n  halt\n").Instructions.Count - 1;
        Assert.Equal((subleqLength, fleqLength), (Length(true), Length(false)));
    }

    /// <summary>A #literal is refused only where it is written (MalformedProgramTests); read, compared or used as a pointer it stays its value.</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public void Literals_that_are_read_keep_their_value(bool subleq)
    {
        // Under .subleq, jne and jeq add 1 to x in place and undo it: a literal x is unchanged afterwards.
        var run = Lasm.Execute(Header(subleq) + "  add x, #3, #4\n  jne #4, next\n  clr x\nnext: jeq #0, done\n  clr x\ndone: mov y, #4\n  add y, #0\n");
        Assert.Equal((7, 4), (run["x"], run["y"]));
    }

    [Theory]
    [InlineData("store #0, x")]
    [InlineData("fleq store, x, x, #0, x, 0")]
    [InlineData("fleq jmp, #2, #2, #0, #0, 0")]
    public void Literal_pointers_and_flags_are_accepted(string statement) => Lasm.Build(Header(false) + $"  {statement}\n");

    [Theory]
    [InlineData("and d, x, y")]
    [InlineData("load d, x")]
    [InlineData("store d, x")]
    [InlineData("ijmp x")]
    [InlineData("ret")]
    public void FLEQ_only_instructions_take_one_FLEQ_instruction_or_a_few(string statement)
    {
        var program = Lasm.Build(Header(false) + $"  {statement}\n  halt\n");
        Assert.InRange(program.Instructions.Count - 1, 1, 3);
        Assert.False(program.IsSubleqOnly);
    }

    [Fact]
    public void The_instruction_set_option_overrides_the_program()
    {
        const string Source = ".subleq\nx: .word 1\nd: .word 0\n  mov d, x\n  jlt x, 0\n";
        Assert.True(Lasm.Build(Source).IsSubleqOnly);
        var fleq = Lasm.Build(Source, new AssemblerOptions(InstructionSet: InstructionSet.Fleq));
        Assert.False(fleq.IsSubleqOnly);
        Assert.Equal(1, Lasm.Execute(fleq)["d"]);

        var subleq = Lasm.Build("x: .word 1\nd: .word 0\n  mov d, x\n", new AssemblerOptions(InstructionSet: InstructionSet.Subleq));
        Assert.True(subleq.IsSubleqOnly);
        var refused = Lasm.Try("x: .word 1\n  mul x, x\n", new AssemblerOptions(InstructionSet: InstructionSet.Subleq));
        Assert.Contains("'mul' needs the FLEQ machine", Assert.Single(refused.Diagnostics).Message);
    }
}
