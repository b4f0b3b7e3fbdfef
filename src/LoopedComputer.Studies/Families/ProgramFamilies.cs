using System.Text;
using LoopedComputer.Assembly;
using LoopedComputer.Isa;

namespace LoopedComputer.Studies.Families;

/// <summary>One member of a program family: the program, its input memory, and the outputs it must produce (worked out here, not by the program).</summary>
public sealed record SizedProgram(Program Program, long[] Memory, IReadOnlyList<NamedValues> Expected)
{
    /// <summary>Whether <paramref name="memory"/> (after the run) holds every expected output.</summary>
    public bool Holds(IReadOnlyList<long> memory) => Expected.All(e => Program.Read(memory, e.Name).Values.SequenceEqual(e.Values));
}

/// <summary>
/// A family of programs with a size parameter s, written twice: SUBLEQ only (the paper's machine runs
/// it) and in the FLEQ idiom (loads, stores, the function menu). Each member comes with its expected
/// outputs, so a study knows that every count it reports is of a correct run.
/// </summary>
public sealed record ProgramFamily(string Name, string Size, IReadOnlyList<int> QuickSizes, IReadOnlyList<int> FullSizes,
    Func<int, SizedProgram> Subleq, Func<int, SizedProgram> Fleq, bool SizeIsBits = false);

/// <summary>The families of study 1: bundled programs with sized inputs, and generated .lasm text where the size is the program's own shape.</summary>
public static class ProgramFamilies
{
    public static IReadOnlyList<ProgramFamily> All { get; } =
    [
        new("factorial", "k (computes k!)", [1, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], FactorialSubleq, FactorialFleq),
        new("sum", "L elements", [1, 2, 4], [1, 2, 4, 8, 16, 32, 64, 128], SumSubleq, SumFleq),
        new("search", "L elements (target absent)", [1, 2, 4], [1, 2, 4, 8, 16, 32, 64, 128], SearchSubleq, SearchFleq),
        new("sort", "L elements (reversed)", [2, 3, 4], [2, 3, 4, 6, 8, 12, 16, 24, 32, 48], SortSubleq, SortFleq),
        new("multiply", "operand bits b (x = y = 2^b − 1)", [1, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], MultiplySubleq, MultiplyFleq, SizeIsBits: true),
        new("divide", "dividend bits b ((2^b − 1) / 1)", [1, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], DivideSubleq, DivideFleq, SizeIsBits: true),
    ];

    /// <summary>Assembles generated source; a failure is a bug in the generator, not a user error.</summary>
    public static Program Assemble(string source, string name, int? bits = null)
    {
        var result = Assembler.Assemble(source, name + ".lasm", new AssemblerOptions(bits));
        return result.Program ?? throw new InvalidOperationException($"generated program {name} does not assemble:\n{result.FormatDiagnostics()}");
    }

    /// <summary>A bundled program (copied beside the tool) with its word width overridden.</summary>
    public static Program Bundled(string name, int bits)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "programs", name + ".lasm");
        var result = Assembler.AssembleFile(path, new AssemblerOptions(bits));
        return result.Program ?? throw new InvalidOperationException($"{path} does not assemble:\n{result.FormatDiagnostics()}");
    }

    static SizedProgram With(Program program, string inputs, params NamedValues[] expected) =>
        new(program, program.MemoryWith(inputs.Length == 0 ? [] : inputs.Split(';').Select(CellAssignment.Parse)), expected);

    static NamedValues Value(string name, params long[] values) => new(name, values);

    static long Factorial(int k) => Enumerable.Range(1, k).Aggregate(1L, (p, i) => p * i);

    static string Words(IEnumerable<long> values) => string.Join(", ", values);

    // factorial: words just wide enough for k! (at least the 16 bits of the bundled program's expectations); 12! needs 30.
    static int FactorialBits(int k) => Math.Max(16, 64 - (int)long.LeadingZeroCount(Factorial(k)) + 1);

    static SizedProgram FactorialSubleq(int k) => With(Bundled("factorial", FactorialBits(k)), $"n={k}", Value("result", Factorial(k)));

    static SizedProgram FactorialFleq(int k) => With(Assemble($"""
        .bits {FactorialBits(k)}
        n:      .word {k}
        result: .word 1
        i:      .word 0
                mov result, #1
                mov i, n
        loop:   jle i, done
                mul result, i
                dec i
                jmp loop
        done:   halt
        """, $"factorial_fleq_{k}"), "", Value("result", Factorial(k)));

    static long[] Ascending(int length) => Enumerable.Range(1, length).Select(i => (long)i).ToArray();

    // sum of 1..L: one unrolled add per cell on SUBLEQ, a load loop on FLEQ.
    static SizedProgram SumSubleq(int length)
    {
        var source = new StringBuilder($".subleq\n.bits 16\nlist: .word {Words(Ascending(length))}\nsum: .word 0\n        clr sum\n");
        for (int i = 0; i < length; i++) source.Append($"        add sum, list+{i}\n");
        source.Append("        halt\n");
        return With(Assemble(source.ToString(), $"sum_subleq_{length}"), "", Value("sum", Ascending(length).Sum()));
    }

    static SizedProgram SumFleq(int length) => With(Assemble($"""
        .bits 16
        list:   .word {Words(Ascending(length))}
        len:    .word {length}
        sum:    .word 0
        ptr:    .word 0
        i:      .word 0
        v:      .word 0
                clr sum
                mov ptr, #&list
                mov i, len
        loop:   jle i, done
                load v, ptr
                add sum, v
                inc ptr
                dec i
                jmp loop
        done:   halt
        """, $"sum_fleq_{length}"), "", Value("sum", Ascending(length).Sum()));

    // search for 0 in 1..L: absent, so every cell is compared (the worst case).
    static SizedProgram SearchSubleq(int length)
    {
        var source = new StringBuilder($"""
            .subleq
            .bits 16
            list:   .word {Words(Ascending(length))}
            target: .word 0
            found:  .word 1
            index:  .word -1
            d:      .word 0
            .macro probe i
                    mov d, list+i
                    sub d, target
                    jne d, @next
                    mov index, #i
                    clr found
                    halt
            @next:
            .endm

            """);
        for (int i = 0; i < length; i++) source.Append($"        probe {i}\n");
        source.Append("        halt\n");
        return With(Assemble(source.ToString(), $"search_subleq_{length}"), "", Value("found", 1), Value("index", -1));
    }

    static SizedProgram SearchFleq(int length) => With(Assemble($"""
        .bits 16
        list:   .word {Words(Ascending(length))}
        len:    .word {length}
        target: .word 0
        found:  .word 1
        index:  .word -1
        ptr:    .word 0
        i:      .word 0
        v:      .word 0
                mov ptr, #&list
                clr i
        loop:   jge i, len, done
                load v, ptr
                jeq v, target, hit
                inc ptr
                inc i
                jmp loop
        hit:    mov index, i
                clr found
        done:   halt
        """, $"search_fleq_{length}"), "", Value("found", 1), Value("index", -1));

    // sort L..1 ascending: an unrolled bubble network of (L − 1)² compare-exchanges on SUBLEQ, load/store loops on FLEQ.
    static long[] Descending(int length) => Ascending(length).Reverse().ToArray();

    static SizedProgram SortSubleq(int length)
    {
        var source = new StringBuilder($"""
            .subleq
            .bits 16
            list:   .word {Words(Descending(length))}
            tmp:    .word 0
            .macro exchange i, j
                    jle list+i, list+j, @in_order
                    mov tmp, list+i
                    mov list+i, list+j
                    mov list+j, tmp
            @in_order:
            .endm

            """);
        for (int pass = 0; pass < length - 1; pass++)
            for (int i = 0; i < length - 1; i++) source.Append($"        exchange {i}, {i + 1}\n");
        source.Append("        halt\n");
        return With(Assemble(source.ToString(), $"sort_subleq_{length}"), "", Value("list", Ascending(length)));
    }

    static SizedProgram SortFleq(int length) => With(Assemble($"""
        .bits 16
        list:   .word {Words(Descending(length))}
        n:      .word {length}
        i:      .word 0
        j:      .word 0
        p:      .word 0
        q:      .word 0
        a:      .word 0
        b:      .word 0
                mov i, n
                dec i
        outer:  jle i, done
                mov p, #&list
                mov j, i
        inner:  jle j, next
                load a, p
                add q, p, #1
                load b, q
                jle a, b, in_order
                store p, b
                store q, a
        in_order:
                inc p
                dec j
                jmp inner
        next:   dec i
                jmp outer
        done:   halt
        """, $"sort_fleq_{length}"), "", Value("list", Ascending(length)));

    // multiply (2^b − 1)²: repeated addition on SUBLEQ (bundled multiply), one mul on FLEQ (bundled multiply_fleq).
    /// <summary>The word width of the product family: the product (2b bits) and a sign, and at least the 16 bits the bundled programs' own expectations need.</summary>
    public static int ProductWordBits(int operandBits) => Math.Max(2 * operandBits + 2, 16);

    static SizedProgram Multiply(string program, int bits)
    {
        long x = (1L << bits) - 1;
        return With(Bundled(program, ProductWordBits(bits)), $"x={x};y={x}", Value("result", x * x));
    }

    static SizedProgram MultiplySubleq(int bits) => Multiply("multiply", bits);
    static SizedProgram MultiplyFleq(int bits) => Multiply("multiply_fleq", bits);

    // divide (2^b − 1) by 1: repeated subtraction on SUBLEQ (bundled divide), shift-and-subtract long division on FLEQ.
    static SizedProgram DivideSubleq(int bits)
    {
        long a = (1L << bits) - 1;
        return With(Bundled("divide", Math.Max(bits + 2, 12)), $"a={a};b=1", Value("q", a), Value("r", 0)); // divide.lasm's expectations need 12
    }

    static SizedProgram DivideFleq(int bits)
    {
        long a = (1L << bits) - 1;
        return With(Assemble($"""
            .bits {bits + 2}
            a:      .word {a}
            d:      .word 1
            q:      .word 0
            r:      .word 0
            i:      .word {bits - 1}
            t:      .word 0
                    clr q
                    clr r
            loop:   jlt i, done          ; bits i = b − 1 … 0 of a, most significant first
                    shl q, q, #1
                    shl r, r, #1
                    shr t, a, i
                    and t, t, #1
                    or r, r, t
                    jlt r, d, skip
                    sub r, d
                    inc q
            skip:   dec i
                    jmp loop
            done:   halt
            """, $"divide_fleq_{bits}"), "", Value("q", a), Value("r", 0));
    }
}
