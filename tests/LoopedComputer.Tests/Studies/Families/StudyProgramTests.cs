using System.Numerics;
using LoopedComputer.Studies.Families;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Studies.Families;

/// <summary>The studies' generated programs compute what they claim, checked against arithmetic done here.</summary>
public class StudyProgramTests
{
    public static TheoryData<string, int> FamilyMembers()
    {
        var data = new TheoryData<string, int>();
        foreach (var family in ProgramFamilies.All)
            foreach (int size in family.QuickSizes.Append(family.FullSizes[^1]))
                data.Add(family.Name, size);
        return data;
    }

    /// <summary>What each family's program of this size must leave in memory, worked out here from the family's definition.</summary>
    static IEnumerable<(string Cell, long[] Values)> Expected(string family, int size)
    {
        long allOnes = (1L << size) - 1; // the operands of multiply and divide: 2^b − 1
        return family switch
        {
            "factorial" => [("result", [(long)Enumerable.Range(1, size).Aggregate(BigInteger.One, (p, i) => p * i)])],
            "sum" => [("sum", [size * (size + 1L) / 2])],
            "search" => [("index", [-1])], // 0 is not among 1..L
            "sort" => [("list", Enumerable.Range(1, size).Select(i => (long)i).ToArray())],
            "multiply" => [("result", [allOnes * allOnes])],
            "divide" => [("q", [allOnes]), ("r", [0])],
            _ => throw new ArgumentException($"no independent expectation for family '{family}': add one here"),
        };
    }

    [Theory]
    [MemberData(nameof(FamilyMembers))]
    public void Both_variants_of_a_family_halt_with_the_expected_outputs(string name, int size)
    {
        var family = ProgramFamilies.All.Single(f => f.Name == name);
        foreach (var sized in new[] { family.Subleq(size), family.Fleq(size) })
        {
            var run = Interpreter.Run(sized.Program, sized.Memory.ToArray(), 50_000_000);
            Assert.Equal(RunStatus.Halted, run.Status);
            foreach (var (cell, values) in Expected(name, size))
                Assert.Equal(values, sized.Program.Read(run.Memory, cell).Values);
            Assert.True(sized.Holds(run.Memory), $"{sized.Program.Name}: the family's own check disagrees with the run");
        }
        Assert.True(family.Subleq(size).Program.IsSubleqOnly);
    }

    [Fact]
    public void Sort_family_sorts_a_reversed_list_into_order()
    {
        foreach (var sized in new[] { ProgramFamilies.All.Single(f => f.Name == "sort").Subleq(5), ProgramFamilies.All.Single(f => f.Name == "sort").Fleq(5) })
        {
            var run = Interpreter.Run(sized.Program, sized.Memory.ToArray(), 1_000_000);
            Assert.Equal([1L, 2, 3, 4, 5], sized.Program.Read(run.Memory, "list").Values);
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(17)]
    [InlineData(41)]
    public void Limb_product_recombines_to_the_full_product(int wordBits)
    {
        const long a = 0xFEDCB, b = 0xBA987;
        var sized = TradeoffPrograms.LimbProduct(wordBits, 20, a, b);
        var run = Interpreter.Run(sized.Program, sized.Memory.ToArray(), 1_000_000);
        Assert.Equal(RunStatus.Halted, run.Status);
        int h = (wordBits - 1) / 2;
        var limbs = sized.Program.Read(run.Memory, "r").Values;
        var product = limbs.Select((limb, i) => new BigInteger(limb) << (h * i)).Aggregate(BigInteger.Zero, (x, y) => x + y);
        Assert.Equal(new BigInteger(a) * b, product);
        // Straight-line code: every instruction but the halt runs exactly once.
        Assert.Equal(sized.Program.Instructions.Count - 1, run.Steps);
    }

    [Fact]
    public void Shift_and_add_multiplies_without_mul()
    {
        var sized = TradeoffPrograms.ShiftAddMultiply(7);
        Assert.DoesNotContain(sized.Program.Instructions, i => i.F == Function.Mul);
        var run = Interpreter.Run(sized.Program, sized.Memory.ToArray(), 1_000_000);
        Assert.Equal([127L * 127], sized.Program.Read(run.Memory, "result").Values);
    }
}
