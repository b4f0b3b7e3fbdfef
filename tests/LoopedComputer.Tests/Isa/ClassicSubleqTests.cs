using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Isa;

/// <summary>The classic SUBLEQ reference interpreter against runs worked out by hand.</summary>
public class ClassicSubleqSemanticsTests
{
    static readonly WordFormat Bits8 = new(8);

    static ClassicInterpreter Run(long[] image, bool saturate = false, int outputSlots = 2, long maxSteps = 1_000)
    {
        var interpreter = new ClassicInterpreter(ClassicSubleq.Image("hand", Bits8, image, outputSlots: outputSlots, saturate: saturate));
        interpreter.Run(maxSteps);
        return interpreter;
    }

    [Fact]
    public void Subtractions_chain_through_their_branches_and_a_jump_to_minus_one_halts()
    {
        // 0: A Z 3   Z ← 0 − 19 = −19 ≤ 0 → 3       9: A = 19
        // 3: B Z 6   Z ← −19 − 23 = −42 ≤ 0 → 6     10: B = 23
        // 6: Z Z -1  Z ← 0 ≤ 0 → −1 (halt)          11: Z
        var run = Run([9, 11, 3, 10, 11, 6, 11, 11, -1, 19, 23, 0]);
        Assert.Equal((-1, 3L, ClassicCondition.NegativeJump, true), (run.Pc, run.Steps, run.Status, run.Halted));
        Assert.Equal([19L, 23, 0], run.Memory[9..12]);
    }

    [Fact]
    public void Output_goes_to_the_next_slot_and_is_counted_past_the_slots()
    {
        // Three outputs of X = 5 into two slots, then halt: the third is counted, not kept.
        // 0: X -1 3   3: X -1 6   6: X -1 9   9: Z Z -1   12: X = 5, 13: Z = 0
        var run = Run([12, -1, 3, 12, -1, 6, 12, -1, 9, 13, 13, -1, 5, 0]);
        Assert.Equal((4L, ClassicCondition.NegativeJump), (run.Steps, run.Status));
        Assert.Equal([5L, 5, 3], run.Memory[14..]);
        Assert.Equal([5L, 5], run.Output);
    }

    [Fact]
    public void A_positive_result_goes_on_to_pc_plus_3_and_a_result_of_zero_or_less_branches()
    {
        // 0: One X 6   X = 2 − 1 = 1 > 0 → 3;  3: One X 6   X = 0 ≤ 0 → 6;  6: Z Z -1.
        var run = Run([9, 10, 6, 9, 10, 6, 11, 11, -1, 1, 2, 0]);
        Assert.Equal((3L, 0L), (run.Steps, run.Memory[10]));
    }

    [Fact]
    public void The_difference_wraps_by_default_and_clamps_with_saturate()
    {
        // 0: One X 6 with X = −128.  Wrapped: X = 127 > 0 → 3: One Z -1 (Z = −1, halt).
        // Saturated: X stays −128 ≤ 0 → 6: Z Z -1 (Z = 0, halt).      9: One = 1, 10: X, 11: Z
        long[] image = [9, 10, 6, 9, 11, -1, 11, 11, -1, 1, -128, 0];
        var wrapped = Run(image);
        Assert.Equal((127L, -1L, 2L), (wrapped.Memory[10], wrapped.Memory[11], wrapped.Steps));
        var saturated = Run(image, saturate: true);
        Assert.Equal((-128L, 0L, 2L), (saturated.Memory[10], saturated.Memory[11], saturated.Steps));
        // 100 − (−100) = 200: clamped to 127, wrapped to 200 − 256 = −56.
        Assert.Equal(127, new ClassicSubleq(3, 0, Saturate: true).Difference(-100, 100, Bits8));
        Assert.Equal(-56, new ClassicSubleq(3, 0, Saturate: false).Difference(-100, 100, Bits8));
    }

    [Fact]
    public void Self_modifying_code_rewrites_its_own_branch_target()
    {
        // 0: M W 3   word 5 (the c of the instruction at 3) ← 100 − 94 = 6 > 0 → 3
        // 3: Z Z 100 → now Z Z 6: Z = 0 ≤ 0 → 6;   6: Z Z -1.    9: Z = 0, 10: M = 94
        var run = Run([10, 5, 3, 9, 9, 100, 9, 9, -1, 0, 94]);
        Assert.Equal((6L, 3L, -1), (run.Memory[5], run.Steps, run.Pc));
    }

    [Fact]
    public void A_pc_past_the_image_and_an_operand_outside_it_halt_with_their_condition()
    {
        // 0: 3 3 4 → word 3 = 0 ≤ 0 → 4: a whole instruction needs words 4..6, the image has 6.
        var ranOff = Run([3, 3, 4, 0, 0, 0]);
        Assert.Equal((4, 1L, ClassicCondition.RanOffImage, true), (ranOff.Pc, ranOff.Steps, ranOff.Status, ranOff.Halted));
        Assert.Equal((0L, ClassicCondition.BadAddress), (Run([7, 0, -1, 0]).Steps, Run([7, 0, -1, 0]).Status));   // a = 7 outside 4 words
        Assert.Equal(ClassicCondition.BadAddress, Run([9, -1, 0]).Status);                                          // output of a word outside
        Assert.Equal(ClassicCondition.BadAddress, Run([0, -2, 0]).Status);                                          // b = −2 is no address and not output
        Assert.Equal(ClassicCondition.BadAddress, Run([0, 7, 0], outputSlots: 0).Status);                           // b = 7 past the 3 words
    }

    [Fact]
    public void A_jump_to_itself_that_changes_nothing_is_a_fixed_point_and_one_that_changes_its_word_is_not()
    {
        // 0: 3 4 0 with word 3 = 0, word 4 = −5: −5 − 0 = −5 ≤ 0 → 0, nothing changes: halted before any step.
        var rest = Run([3, 4, 0, 0, -5]);
        Assert.Equal((0L, 0, ClassicCondition.Running, true), (rest.Steps, rest.Pc, rest.Status, rest.Halted));
        // With word 3 = 1 the word counts down −6 … −128 (123 steps), wraps to 127 > 0 on step 124 and goes
        // on to 3, where words 3..5 are not a whole instruction of the 5-word image.
        var countdown = Run([3, 4, 0, 1, -5]);
        Assert.Equal((124L, 3, ClassicCondition.RanOffImage, 127L), (countdown.Steps, countdown.Pc, countdown.Status, countdown.Memory[4]));
    }

    [Fact]
    public void The_image_program_is_the_image_then_the_output_region_and_has_no_instructions()
    {
        var program = ClassicSubleq.Image("padded", Bits8, [1, 2, 3], new Dictionary<string, int> { ["L"] = 1 }, imageWords: 5, outputSlots: 2);
        Assert.Equal([1L, 2, 3, 0, 0, 0, 0, 0], program.InitialMemory);
        Assert.Empty(program.Instructions);
        Assert.Equal((0, 5, 5, 2, 7, 1, 1, 1), (program.FindCell("image")!.Address, program.FindCell("image")!.Length, program.FindCell("out")!.Address,
            program.FindCell("out")!.Length, program.FindCell("outn")!.Address, program.FindCell("outn")!.Length, program.FindCell("L")!.Address, program.FindCell("L")!.Length));
        Assert.Throws<ArgumentException>(() => ClassicSubleq.Image("short", Bits8, [1, 2]));
        Assert.Throws<ArgumentException>(() => ClassicSubleq.Image("too big", Bits8, [1, 2, 3, 4], imageWords: 3));
        Assert.Throws<ArgumentException>(() => ClassicSubleq.Image("wide", new WordFormat(33), [1, 2, 3]));
    }
}
