using System.Numerics;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Isa;

/// <summary>
/// The random FLEQ programs the lockstep fuzzing runs reach the edges of every function when
/// executed, not only ordinary arithmetic: each case below is counted on the interpreter over
/// consecutive seeds and must occur.
/// </summary>
public class RandomProgramCoverageTests
{
    const int Seeds = 400, StepsEach = 60;

    static Dictionary<string, int> ExecutedCases()
    {
        var seen = new Dictionary<string, int>();
        void Saw(string what) => seen[what] = seen.GetValueOrDefault(what) + 1;
        for (int seed = 1; seed <= Seeds; seed++)
        {
            var program = RandomPrograms.FromSeed(seed, 19, RandomPrograms.Fleq);
            var word = program.Word;
            int cells = program.MemorySize, code = program.Instructions.Count;
            var interpreter = new Interpreter(program);
            while (!interpreter.Halted && interpreter.Steps < StepsEach)
            {
                var ins = program.Instructions[interpreter.Pc];
                long x = interpreter.Memory[ins.A], y = interpreter.Memory[ins.B];
                bool Outside(long pointer, int size) => pointer < 0 || pointer >= size;
                if (x == word.Min || y == word.Min) Saw($"{ins.F} with -2^(N-1)");
                switch (ins.F)
                {
                    case Function.Load when Outside(x, cells): Saw("load from outside memory"); break;
                    case Function.Store when Outside(interpreter.Memory[ins.C], cells): Saw("store to outside memory"); break;
                    case Function.Jmp when Outside(x, code): Saw("jmp outside the code"); break;
                    case Function.Shl or Function.Shr when y >= word.Bits: Saw($"{ins.F} by N or more"); break;
                    case Function.Shl or Function.Shr when y < 0: Saw($"{ins.F} by a negative amount"); break;
                    case Function.Mul when new BigInteger(x) * y != Semantics.Apply(Function.Mul, x, y, word): Saw("mul overflow"); break;
                    case Function.Add or Function.Sub when Semantics.Apply(ins.F, x, y, word) != (ins.F == Function.Add ? new BigInteger(x) + y : new BigInteger(y) - x):
                        Saw($"{ins.F} overflow"); break;
                }
                interpreter.Step();
            }
        }
        return seen;
    }

    static readonly Lazy<Dictionary<string, int>> Cases = new(ExecutedCases);

    public static TheoryData<string> EdgeCases()
    {
        var data = new TheoryData<string>
        {
            "load from outside memory", "store to outside memory", "jmp outside the code", "mul overflow", "Add overflow", "Sub overflow",
            "Shl by N or more", "Shr by N or more", "Shl by a negative amount", "Shr by a negative amount",
        };
        foreach (var f in Enum.GetValues<Function>()) data.Add($"{f} with -2^(N-1)");
        return data;
    }

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Random_programs_execute_the_edge_case(string edge) =>
        Assert.True(Cases.Value.GetValueOrDefault(edge) > 0, $"no random program of seeds 1..{Seeds} executed: {edge}");
}
