using LoopedComputer.Engine;
using LoopedComputer.Isa;
using LoopedComputer.Machines;
using LoopedComputer.Tests.Programs;
using TorchSharp;

namespace LoopedComputer.Tests.Engine;

/// <summary>
/// The native engine and the torch engine give the same state, every entry compared as bits, after
/// every loop: on every bundled program and on random programs of both machines, both mixers and
/// both dtypes, single and batched.
/// </summary>
public class EngineEquivalenceTests
{
    const int Loops = 24;

    /// <summary>Every programs/**/*.lasm, lib/'s routines too (each assembles on its own and runs from its first instruction).</summary>
    public static TheoryData<string> AllBundled()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(BundledPrograms.Directory, "*.lasm", SearchOption.AllDirectories).Order())
            data.Add(Path.GetRelativePath(BundledPrograms.Directory, path));
        return data;
    }

    public static TheoryData<string, NumberFormat, MixerKind> Configurations()
    {
        var data = new TheoryData<string, NumberFormat, MixerKind>();
        foreach (var machine in MachineCatalog.Names)
            foreach (var format in NumberFormats.Compiled)
                foreach (var mixer in Enum.GetValues<MixerKind>())
                    data.Add(machine, format, mixer);
        return data;
    }

    /// <summary>Steps both engines from the same runs and asserts every row's state is the same bits after each loop.</summary>
    static void AssertSameAfterEveryLoop(CompiledMachine machine, IReadOnlyList<BatchRun> runs, int loops, string label)
    {
        using var torchSession = new MachineSession(runs[0].Program, machine, torch.CPU, EngineKind.Torch);
        using var nativeSession = new MachineSession(runs[0].Program, machine, torch.CPU, EngineKind.Native);
        Assert.Equal("torch", torchSession.Engine.Name);
        Assert.Equal("native", nativeSession.Engine.Name);
        torchSession.Reset(runs);
        nativeSession.Reset(runs);
        for (int loop = 0; loop <= loops; loop++)
        {
            for (int row = 0; row < runs.Count; row++)
            {
                var expected = torchSession.Snapshot(row);
                var actual = nativeSession.Snapshot(row);
                int d = expected.GetLength(0), n = expected.GetLength(1);
                for (int r = 0; r < d; r++)
                    for (int c = 0; c < n; c++)
                        if (BitConverter.DoubleToInt64Bits(expected[r, c]) != BitConverter.DoubleToInt64Bits(actual[r, c]))
                            Assert.Fail($"{label}: after loop {loop}, batch row {row}, {machine.Layout.NameRow(r)} (row {r}), column {c}: torch {expected[r, c]:R}, native {actual[r, c]:R}");
            }
            torchSession.Step();
            nativeSession.Step();
        }
    }

    [Theory]
    [MemberData(nameof(AllBundled))]
    public void Bundled_programs_give_the_same_bits_on_both_engines(string name)
    {
        var program = BundledPrograms.Load(name);
        int compared = 0;
        foreach (var definition in MachineCatalog.Machines)
            foreach (var mixer in Enum.GetValues<MixerKind>())
            {
                if (mixer == MixerKind.Softmax && BundledPrograms.IsLarge(program)) continue; // n² per loop: the linear mixer covers it
                CompiledMachine machine;
                try
                {
                    machine = MachineCatalog.Compile(program, definition, format: null, mixer: mixer);
                }
                catch (ArgumentException)
                {
                    continue; // this machine cannot run this program (its instruction set or word width)
                }
                AssertSameAfterEveryLoop(machine, [new BatchRun(program, program.InitialMemory)], Loops, $"{name} on {definition.Name} with {mixer}");
                compared++;
            }
        Assert.True(compared > 0, $"{name} ran on no machine");
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Random_programs_give_the_same_bits_on_both_engines_alone_and_batched(string machineName, NumberFormat format, MixerKind mixer)
    {
        var definition = MachineCatalog.Find(machineName);
        var programs = Enumerable.Range(1, 4).Select(seed => definition.RandomProgram(new Random(seed), definition.Layout(8, 17))).ToList();
        var machine = MachineCatalog.Compile(programs[0], definition, format, mixer: mixer);
        foreach (var (program, seed) in programs.Select((p, i) => (p, i + 1)))
            AssertSameAfterEveryLoop(machine, [new BatchRun(program, program.InitialMemory)], Loops, $"random seed {seed}");
        AssertSameAfterEveryLoop(machine, programs.Select(p => new BatchRun(p, p.InitialMemory)).ToList(), Loops, "batch of seeds 1-4");
    }
}
