using LoopedComputer.Isa;

namespace LoopedComputer.Machines.Classic;

/// <summary>The classic SUBLEQ machine's catalogue entry: its limits and λ bound; weights from <see cref="ClassicMachine"/>, punchcard from <see cref="ClassicLayout"/>.</summary>
public sealed class ClassicDefinition : MachineDefinition<ClassicLayout>
{
    public static readonly ClassicDefinition Instance = new();

    ClassicDefinition() { }

    public override string Name => ClassicMachine.Name;
    public override string PcEncoding => "the PC as a word address (N-bit two's complement, MSB first, ±1); a negative PC is a halt";

    /// <summary>
    /// Word widths each format carries exactly: the adders and range checks form sums up to 2^(N+1) in
    /// steps of ½, so N + 2 significand bits are needed (float32: N ≤ 22); and the PC is a word held in
    /// an int, so N ≤ 32 (float64).
    /// </summary>
    public override int MaxWordBits(NumberFormat format) => Math.Min(format.SignificandBits() - 2, 32);

    /// <summary>
    /// The bound of <see cref="Temperature.SafeBound"/>: a read's leak reaches an adder or a range check
    /// (weights up to 2^N) once before the next clean-up, within the paper machine's two.
    /// </summary>
    public override double LambdaBound(int columns, int wordBits) => Temperature.SafeBound(columns, wordBits);

    public override void CheckRunnable(Program program, NumberFormat format)
    {
        if (program.Reference is not ClassicSubleq classic)
            throw new ArgumentException($"{program.Name} is not a classic SUBLEQ image; the {Name} machine runs images (run --classic IMAGE)");
        if (classic.Saturate)
            throw new ArgumentException($"the {Name} machine wraps the difference; a saturating image runs on the emulator (--machine fleq)");
        int max = MaxWordBits(format);
        if (program.Word.Bits > max)
            throw new ArgumentException(
                $"{program.Name} uses {program.Word.Bits}-bit words; {format.Name()} carries at most {max} bits exactly on the {Name} machine" +
                (format == NumberFormat.Float32 ? "; use --dtype float64" : ""));
        int addressBits = Encoding.AddressBits(classic.MemoryCells);
        if (addressBits > program.Word.Bits - 1)
            throw new ArgumentException(
                $"{program.Name}'s {classic.MemoryCells:N0} cells (image and output region) need {addressBits}-bit addresses; {program.Word.Bits}-bit words address at most {1L << (program.Word.Bits - 1):N0} cells");
    }

    public override ClassicLayout LayoutFor(Program program) => ClassicLayout.For(program);

    /// <summary>A machine for images of <paramref name="memoryCells"/> words (the output region comes on top); <paramref name="instructions"/> is unused: code is memory.</summary>
    public override ClassicLayout Layout(int wordBits, int memoryCells, int instructions) =>
        new(wordBits, new ClassicSubleq(memoryCells, ClassicSubleq.DefaultOutputSlots, Saturate: false));

    public override MachineWeights Build(ClassicLayout layout) => ClassicMachine.Build(layout);

    /// <summary>A random image of <paramref name="memoryCells"/> words (<see cref="ClassicSubleq.RandomImage"/>) with code for <paramref name="instructions"/> instructions.</summary>
    public override Program RandomProgram(Random random, int wordBits, int memoryCells, int instructions) =>
        ClassicSubleq.RandomImage(random, new WordFormat(wordBits), memoryCells, instructions);
}
