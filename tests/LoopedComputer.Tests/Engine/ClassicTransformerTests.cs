using LoopedComputer.Assembly.Classic;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using LoopedComputer.Machines;
using LoopedComputer.Machines.Classic;
using LoopedComputer.Tests.Programs;
using TorchSharp;

namespace LoopedComputer.Tests.Engine;

/// <summary>The native classic SUBLEQ machine in lockstep with the classic reference interpreter.</summary>
public class ClassicTransformerTests
{
    static Program Image(string file, int? words = null) => BundledPrograms.Image(file, words);

    public static TheoryData<string, NumberFormat, MixerKind> Images()
    {
        var data = new TheoryData<string, NumberFormat, MixerKind>();
        foreach (string file in new[] { "negate.txt", "add.txt", "multiply.txt", "countdown.txt", "fibonacci.txt" })
        {
            data.Add(file, NumberFormat.Float32, MixerKind.Softmax);
            data.Add(file, NumberFormat.Float64, MixerKind.Linear);
        }
        data.Add("sum_data.txt", NumberFormat.Float32, MixerKind.Linear);
        return data;
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Bundled_images_run_in_lockstep_and_end_as_the_reference_does(string file, NumberFormat format, MixerKind mixer)
    {
        var program = Image(file);
        var result = TransformerHarness.Verify(program, ClassicDefinition.Instance, format: format, mixer: mixer, maxSteps: 10_000);
        Assert.True(result.Passed, TransformerHarness.Explain(result));
        var reference = new ClassicInterpreter(program);
        reference.Run(10_000);
        Assert.Equal(reference.Steps, result.Steps);
    }

    [Fact]
    public void The_bundled_images_output_what_they_are_known_to()
    {
        long[] Output(string file) => [.. RunOnMachine(Image(file)).Output];
        Assert.Equal([42L], Output("add.txt"));
        Assert.Equal([5L, 4, 3, 2, 1], Output("countdown.txt"));
        Assert.Equal([-7L], Output("negate.txt"));
    }

    /// <summary>Runs on the transformer with RunBatch's halting and reads the output region back.</summary>
    static ClassicInterpreter RunOnMachine(Program program)
    {
        var compiled = MachineCatalog.Compile(program, ClassicDefinition.Instance, NumberFormat.Float32, mixer: MixerKind.Linear);
        using var session = new MachineSession(program, compiled, torch.CPU);
        var run = session.Run(program.InitialMemory, 10_000);
        Assert.Equal(RunStatus.Halted, run.Status);
        return new ClassicInterpreter(program, run.Memory);
    }

    [Theory]
    [InlineData(MixerKind.Softmax, NumberFormat.Float32)]
    [InlineData(MixerKind.Linear, NumberFormat.Float64)]
    public void Random_images_with_self_modifying_writes_run_in_lockstep(MixerKind mixer, NumberFormat format)
    {
        var programs = Enumerable.Range(0, 32).Select(seed => ClassicSubleq.RandomImage(new Random(seed), new WordFormat(8), 40, 10)).ToList();
        var compiled = MachineCatalog.Compile(programs[0], ClassicDefinition.Instance, format, mixer: mixer);
        using var session = new MachineSession(programs[0], compiled, torch.CPU);
        var results = LockstepBatch.Verify(session, programs.Select(p => new BatchRun(p, p.InitialMemory)).ToList(), 200);
        foreach (var (program, result) in programs.Zip(results))
            Assert.True(result.Divergence is null, $"{program.Name}: {TransformerHarness.Explain(result)}");
        Assert.Contains(results, r => r.Status == RunStatus.Halted);
    }

    [Fact]
    public void A_416_word_image_runs_with_softmax_at_16_bits()
    {
        var program = Image("sum_data.txt");
        Assert.Equal(416, ((ClassicSubleq)program.Reference).ImageWords);
        var compiled = MachineCatalog.Compile(program, ClassicDefinition.Instance, NumberFormat.Float32);
        using var session = new MachineSession(program, compiled, torch.CPU);
        var result = Lockstep.Verify(session, program.InitialMemory, 40);
        Assert.True(result.Divergence is null, TransformerHarness.Explain(result));
        Assert.Equal(40, result.Steps);
    }
}
