using LoopedComputer.Isa;
using LoopedComputer.Machines.Classic;

namespace LoopedComputer.Tests.Machines;

/// <summary>What the classic definition hands the studies and the bench.</summary>
public class ClassicDefinitionTests
{
    [Fact]
    public void Random_images_of_the_smallest_study_size_run_more_than_their_halt()
    {
        // At n = 16 the image holds 12 words: room for three instructions and three data words. An image
        // of one instruction is only its halt and runs one step; most images of three run on past it.
        var layout = ClassicDefinition.Instance.Layout(8, 16);
        var steps = Enumerable.Range(1, 64)
            .Select(seed => ReferenceRun.Run(ClassicDefinition.Instance.RandomProgram(new Random(seed), layout), null, 100).Steps)
            .ToList();
        Assert.True(steps.Count(s => s > 1) >= 32, $"steps per image: {string.Join(", ", steps)}");
    }
}
