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

    public override bool Runs(IReferenceSemantics semantics) => semantics is ClassicSubleq;

    public override void CheckRunnable(Program program, NumberFormat format)
    {
        if (program.Reference is not ClassicSubleq classic)
            throw new ArgumentException($"{program.Name} is not a classic SUBLEQ image; the {Name} machine runs images (--classic IMAGE)");
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

    /// <summary>Every cell (image and output region) has an address of at most N − 1 bits: 2^(N−1) cells and the scratchpad.</summary>
    public override int MaxColumns(int wordBits) => wordBits >= 32 ? int.MaxValue : 1 + (1 << (wordBits - 1));

    /// <summary>
    /// Images of random programs and benchmarks: the columns after the scratchpad are the image, the
    /// output slots (a quarter of the rest, at most <see cref="ClassicSubleq.DefaultOutputSlots"/>) and the count.
    /// </summary>
    public override ClassicLayout Layout(int wordBits, int columns)
    {
        if (columns < 5 || columns > MaxColumns(wordBits))
            throw new ArgumentException($"a {Name} punchcard of {wordBits}-bit words has 5 to {MaxColumns(wordBits):N0} columns (3 image words and the count, addressed by N − 1 bits); asked for {columns:N0}");
        int cells = columns - 1, slots = Math.Clamp((cells - 4) / 4, 0, ClassicSubleq.DefaultOutputSlots);
        return new(wordBits, new ClassicSubleq(cells - slots - 1, slots, Saturate: false));
    }

    public override MachineWeights Build(ClassicLayout layout) => ClassicMachine.Build(layout);

    /// <summary>
    /// A random image of the layout's size and semantics (<see cref="ClassicSubleq.RandomImage"/>), code in
    /// about half of it, and at least three instructions where they fit: with fewer, a small image is
    /// little more than its halt.
    /// </summary>
    public override Program RandomProgram(Random random, ClassicLayout layout, bool endless = false)
    {
        var semantics = layout.Semantics;
        int least = endless ? 2 : Math.Clamp((semantics.ImageWords - 1) / 3, 1, 3);
        int instructions = Math.Max(least, (semantics.ImageWords - 1) / 6);
        return ClassicSubleq.RandomImage(random, new WordFormat(layout.WordBits), semantics.ImageWords, instructions, semantics.Saturate, endless, semantics.OutputSlots);
    }

    /// <summary>The image size of anadim's random programs, in words of 16 bits (narrower where the format carries less).</summary>
    public const int FuzzImageWords = 416, FuzzWordBits = 16;

    /// <summary>
    /// anadim's shape for every seed: an image of <see cref="FuzzImageWords"/> words of up to
    /// <see cref="FuzzWordBits"/> bits, code for 2 to 128 instructions (up to word 384) and random
    /// data after it, drawn from the seed alone.
    /// </summary>
    public override Program FuzzProgram(int seed, int maxWordBits, bool saturate)
    {
        var random = new Random(seed);
        var word = new WordFormat(Math.Min(FuzzWordBits, maxWordBits));
        var image = ClassicSubleq.RandomImage(random, word, FuzzImageWords, random.Next(2, 129), saturate);
        return image.Renamed($"seed-{seed}-{image.Name}");
    }
}
