using System.Collections.Concurrent;
using CsCheck;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.AssemblerTests;

/// <summary>
/// jle, jlt, jeq, jne, jge, jgt with one operand (x) and two (x − y, wrapping), in both expansions:
/// the branch is taken exactly when the condition holds, and x and y are unchanged afterwards
/// (the SUBLEQ forms add 1 to x in place and must undo it on every path).
/// </summary>
public class ConditionalBranchTests
{
    static readonly Dictionary<string, Func<long, bool>> Conditions = new()
    {
        ["jle"] = v => v <= 0,
        ["jlt"] = v => v < 0,
        ["jeq"] = v => v == 0,
        ["jne"] = v => v != 0,
        ["jge"] = v => v >= 0,
        ["jgt"] = v => v > 0,
    };

    /// <summary>The N-bit two's complement value congruent to <paramref name="v"/>, by modular arithmetic.</summary>
    static long Wrap(long v, int bits)
    {
        long modulus = 1L << bits, r = ((v % modulus) + modulus) % modulus;
        return r >= modulus / 2 ? r - modulus : r;
    }

    /// <summary>path = 1 when the branch falls through, 2 when it is taken.</summary>
    static string Source(string mnemonic, bool twoOperands, bool subleq, int bits) =>
        $"{(subleq ? ".subleq\n" : "")}.bits {bits}\nx: .word 0\ny: .word 0\npath: .word 0\n" +
        $"  {mnemonic} x{(twoOperands ? ", y" : "")}, taken\n  mov path, #1\n  halt\ntaken: mov path, #2\n";

    static readonly ConcurrentDictionary<(string, bool, bool, int), Program> Programs = new();

    static Program ProgramFor(string mnemonic, bool twoOperands, bool subleq, int bits) =>
        Programs.GetOrAdd((mnemonic, twoOperands, subleq, bits), key => Lasm.Build(Source(key.Item1, key.Item2, key.Item3, key.Item4)));

    /// <summary>Null when the branch behaved; otherwise what went wrong.</summary>
    static string? Check(string mnemonic, bool twoOperands, bool subleq, int bits, long x, long y)
    {
        var run = Lasm.Execute(ProgramFor(mnemonic, twoOperands, subleq, bits), ("x", x), ("y", y));
        long tested = twoOperands ? Wrap(x - y, bits) : x;
        long expected = Conditions[mnemonic](tested) ? 2 : 1;
        return run["path"] == expected && run["x"] == x && run["y"] == y ? null
            : $"{(subleq ? "SUBLEQ" : "FLEQ")} {bits}-bit {mnemonic} x{(twoOperands ? ", y" : "")} with x={x}, y={y}: " +
              $"path {run["path"]} (expected {expected}), x={run["x"]}, y={run["y"]} afterwards";
    }

    public static TheoryData<string, bool, bool> AllForms()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (string mnemonic in Conditions.Keys)
            foreach (bool twoOperands in new[] { false, true })
                foreach (bool subleq in new[] { true, false })
                    data.Add(mnemonic, twoOperands, subleq);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public void Every_pair_of_edge_values(string mnemonic, bool twoOperands, bool subleq)
    {
        var edges = PseudoInstructionSemanticsTests.Edges;
        var failures = (from x in edges from y in edges
                        let failure = Check(mnemonic, twoOperands, subleq, PseudoInstructionSemanticsTests.Bits, x, y)
                        where failure is not null select failure).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    [Fact]
    public void Random_words_of_random_widths()
    {
        var gen = from bits in Gen.Int[4, 16]
                  from mnemonic in Gen.OneOf(Conditions.Keys.ToArray())
                  from twoOperands in Gen.Bool
                  from subleq in Gen.Bool
                  from x in Gen.Long[-(1L << (bits - 1)), (1L << (bits - 1)) - 1]
                  from y in Gen.Long[-(1L << (bits - 1)), (1L << (bits - 1)) - 1]
                  select (bits, mnemonic, twoOperands, subleq, x, y);
        gen.Sample(t =>
        {
            string? failure = Check(t.mnemonic, t.twoOperands, t.subleq, t.bits, t.x, t.y);
            Assert.True(failure is null, failure);
        }, iter: 600);
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public void A_literal_operand_is_restored(string mnemonic, bool twoOperands, bool subleq)
    {
        // The branch tests pool cells; later uses of the same literals must still read -1 and 0.
        string header = $"{(subleq ? ".subleq\n" : "")}.bits 8\na: .word 5\nb: .word 5\n";
        string test = $"  {mnemonic} #-1{(twoOperands ? ", #0" : "")}, next\nnext: mov a, #-1\n  mov b, #0\n";
        var run = Lasm.Execute(header + test);
        Assert.Equal((-1L, 0L), (run["a"], run["b"]));
    }
}
