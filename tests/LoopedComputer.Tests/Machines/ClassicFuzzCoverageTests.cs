using LoopedComputer.Isa;
using LoopedComputer.Machines.Classic;

namespace LoopedComputer.Tests.Machines;

/// <summary>
/// The random images `looped fuzz --machine classic` runs (<see cref="ClassicDefinition.FuzzProgram"/>,
/// the suites' own seeds 1..10,000) reach every case of classic SUBLEQ when executed, not only ordinary
/// subtraction: each case below is counted on the classic interpreter over consecutive seeds and
/// must occur, for both semantics.
/// </summary>
public class ClassicFuzzCoverageTests
{
    const int Seeds = 10_000, StepsEach = 200;

    static Dictionary<string, int> ExecutedCases(bool saturate)
    {
        var seen = new Dictionary<string, int>();
        void Saw(string what) => seen[what] = seen.GetValueOrDefault(what) + 1;
        for (int seed = 1; seed <= Seeds; seed++)
        {
            var program = ClassicDefinition.Instance.FuzzProgram(seed, 32, saturate);
            var word = program.Word;
            var interpreter = new ClassicInterpreter(program);
            var written = new HashSet<long>();
            while (!interpreter.Halted && interpreter.Steps < StepsEach)
            {
                int pc = interpreter.Pc;
                var memory = interpreter.Memory;
                if (written.Contains(pc) || written.Contains(pc + 1) || written.Contains(pc + 2)) Saw("an instruction the run itself rewrote");
                long a = memory[pc], b = memory[pc + 1];
                if (b == -1)
                {
                    Saw("output");
                    interpreter.Step();
                    continue;
                }
                long difference = memory[b] - memory[a];
                if (difference > word.Max || difference < word.Min) Saw("overflow");
                written.Add(b);
                interpreter.Step();
                Saw(interpreter.Memory[b] <= 0 ? "branch taken" : "branch not taken");
            }
            if (interpreter.Halted)
                Saw(interpreter.Status switch
                {
                    ClassicCondition.NegativeJump => "halt: a jump to a negative address",
                    ClassicCondition.RanOffImage => "halt: past the image",
                    ClassicCondition.BadAddress => "halt: an operand outside the image",
                    _ => "halt: a fixed point",
                });
        }
        return seen;
    }

    static readonly Lazy<Dictionary<string, int>> Wrapping = new(() => ExecutedCases(saturate: false));
    static readonly Lazy<Dictionary<string, int>> Saturating = new(() => ExecutedCases(saturate: true));

    public static TheoryData<bool, string> Cases()
    {
        var data = new TheoryData<bool, string>();
        foreach (bool saturate in new[] { false, true })
            foreach (string what in new[]
            {
                "an instruction the run itself rewrote", "output", "overflow", "branch taken", "branch not taken",
                "halt: a jump to a negative address", "halt: past the image", "halt: an operand outside the image", "halt: a fixed point",
            })
                data.Add(saturate, what);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Random_images_execute_the_case(bool saturate, string what)
    {
        var seen = saturate ? Saturating.Value : Wrapping.Value;
        Assert.True(seen.GetValueOrDefault(what) > 0, $"no random {(saturate ? "saturating" : "wrapping")} image of seeds 1..{Seeds} executed: {what}");
    }
}
