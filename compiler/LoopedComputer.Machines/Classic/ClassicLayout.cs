using LoopedComputer.Isa;
using static LoopedComputer.Machines.RowEncoding;

namespace LoopedComputer.Machines.Classic;

/// <summary>
/// The punchcard of the classic SUBLEQ machine: the image is the punchcard. Columns: scratchpad
/// (column 0) | one column per memory cell: the M image words, the K output slots, the output count.
/// No instruction columns: code is memory. Rows, top to bottom:
/// <code>
/// Memory       N   in memory columns: the word, ±1 bits MSB first
/// AddressCode  L   in memory columns: the cell's address, ±1 binary (L = ⌈log2(M + K + 1)⌉); column 0: zero
/// Pc           N   column 0: the PC, a word address (a word like any other, so a jump to −1 is held exactly)
/// Pc1|Pc2|Pc3  3N  column 0: pc + 1, pc + 2, pc + 3
/// A|B|C|Count  4N  column 0: the fetched instruction words and the output count
/// MemA|MemB    2N  column 0: mem[a], mem[b]
/// Diff         N   column 0: mem[b] − mem[a]
/// CountNext|OutPtr  2N  column 0: count + 1, M + count (the next output slot's address)
/// WritePtr     L   column 0: where this loop writes (b, the output slot, or zero: nowhere)
/// WriteValue   N   column 0: what it writes there
/// CountPtr     L   column 0: the count's address on an output, else zero
/// flags        11  column 0: PcOk, AOk, BOk, IsOut, CountOk, Go, Write, Out, OutWrite, Le, Branch (0/1)
/// Buffer       4N  the read and write heads' averages, clear at the end of every layer
/// Scratchpad   1   the indicator: 1 in column 0, else 0
/// </code>
/// </summary>
public sealed class ClassicLayout : PunchcardLayout, IMachineLayout
{
    public ClassicSubleq Semantics { get; }
    public int AddressBits { get; }
    public int ImageWords => Semantics.ImageWords;

    public override RowField Memory { get; }
    public RowField AddressCode { get; }
    public override RowField Pc { get; }
    public RowField Pc1 { get; }
    public RowField Pc2 { get; }
    public RowField Pc3 { get; }
    public RowField A { get; }
    public RowField B { get; }
    public RowField C { get; }
    public RowField Count { get; }
    public RowField MemA { get; }
    public RowField MemB { get; }
    public RowField Diff { get; }
    public RowField CountNext { get; }
    public RowField OutPtr { get; }
    public RowField WritePtr { get; }
    public RowField WriteValue { get; }
    public RowField CountPtr { get; }
    public RowField PcOk { get; }
    public RowField AOk { get; }
    public RowField BOk { get; }
    public RowField IsOut { get; }
    public RowField CountOk { get; }
    public RowField Go { get; }
    public RowField Write { get; }
    public RowField Out { get; }
    public RowField OutWrite { get; }
    public RowField Le { get; }
    public RowField Branch { get; }
    public RowField Buffer { get; }
    public override RowField Scratchpad { get; }

    public ClassicLayout(int wordBits, ClassicSubleq semantics) : base(wordBits, semantics.MemoryCells, 0)
    {
        Semantics = semantics;
        AddressBits = Encoding.AddressBits(semantics.MemoryCells);
        int n = wordBits, l = AddressBits;
        var rows = Allocate;
        RowField Word(string name) => rows.Add(name, n, PlusMinusOne, RowRole.Scratch);
        RowField Flag(string name) => rows.Add(name, 1, ZeroOne, RowRole.Scratch);
        Memory = rows.Add(nameof(Memory), n, PlusMinusOne, RowRole.State);
        AddressCode = rows.Add(nameof(AddressCode), l, PlusMinusOne, RowRole.Constant);
        Pc = rows.Add(nameof(Pc), n, PlusMinusOne, RowRole.State);
        Pc1 = Word(nameof(Pc1));
        Pc2 = Word(nameof(Pc2));
        Pc3 = Word(nameof(Pc3));
        A = Word(nameof(A));
        B = Word(nameof(B));
        C = Word(nameof(C));
        Count = Word(nameof(Count));
        MemA = Word(nameof(MemA));
        MemB = Word(nameof(MemB));
        Diff = Word(nameof(Diff));
        CountNext = Word(nameof(CountNext));
        OutPtr = Word(nameof(OutPtr));
        WritePtr = rows.Add(nameof(WritePtr), l, PlusMinusOne, RowRole.Scratch);
        WriteValue = Word(nameof(WriteValue));
        CountPtr = rows.Add(nameof(CountPtr), l, PlusMinusOne, RowRole.Scratch);
        PcOk = Flag(nameof(PcOk));
        AOk = Flag(nameof(AOk));
        BOk = Flag(nameof(BOk));
        IsOut = Flag(nameof(IsOut));
        CountOk = Flag(nameof(CountOk));
        Go = Flag(nameof(Go));
        Write = Flag(nameof(Write));
        Out = Flag(nameof(Out));
        OutWrite = Flag(nameof(OutWrite));
        Le = Flag(nameof(Le));
        Branch = Flag(nameof(Branch));
        Buffer = rows.Add(nameof(Buffer), 4 * n, Scalar, RowRole.Buffer);
        Scratchpad = rows.Add(nameof(Scratchpad), 1, ZeroOne, RowRole.Constant);
    }

    public static ClassicLayout For(Program program) =>
        new(program.Word.Bits, program.Reference as ClassicSubleq ?? throw new ArgumentException($"{program.Name} is not a classic SUBLEQ image"));

    /// <summary>Also the semantics: two images of one size but different image words, output slots or arithmetic do not share a machine.</summary>
    public string? ShapeMismatch(Program program) =>
        program.Reference is ClassicSubleq semantics && semantics == Semantics && program.Word.Bits == WordBits ? null
            : $"{program.Name} is {(program.Reference is ClassicSubleq other ? $"{Describe(other, program.Word.Bits)}" : "not a classic SUBLEQ image")}; this machine was built for {Describe(Semantics, WordBits)} (--memory gives images one size)";

    static string Describe(ClassicSubleq s, int bits) =>
        $"an image of {s.ImageWords} words of {bits} bits with {s.OutputSlots} output slots, {(s.Saturate ? "saturating" : "wrapping")}";

    /// <summary>The PC rows hold the PC as a word: PC 0 is the word 0.</summary>
    public override double[] PcCodeOf(int index) => Encoding.WordBits(index, WordBits);

    public override int DecodePc(IReadOnlyList<double> pcRows) => (int)Encoding.DecodeWord(pcRows);

    public override PcReading PcReading => new(TwosComplement: true, Minus: 0);

    protected override void EncodeInstruction(double[,] x, Instruction instruction, int column) =>
        throw new ArgumentException("a classic SUBLEQ image has no instruction columns");

    protected override void EncodeAddressCodes(double[,] x)
    {
        for (int cell = 0; cell < MemoryCells; cell++)
            Encoding.Write(x, AddressCode, MemoryColumnOf(cell), Encoding.WordBits(cell, AddressBits));
    }
}
