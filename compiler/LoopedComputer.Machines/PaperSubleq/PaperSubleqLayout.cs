using LoopedComputer.Isa;
using static LoopedComputer.Machines.RowEncoding;

namespace LoopedComputer.Machines.PaperSubleq;

/// <summary>
/// The punchcard of the paper's SUBLEQ machine (reference note §2). Columns: scratchpad (column 0
/// only, s = 1: the released construction never uses more) | m memory cells | k instructions, the
/// last the halt self-loop. Rows, top to bottom:
/// <code>
/// InstructionA|B|C  3·logn  in instruction columns: position codes of a, b and the target
/// Memory            N       in memory columns: the word, ±1 bits MSB first
/// ScratchMemA|B     2N      column 0: mem[a], mem[b] (then mem[b] − mem[a]); ScratchMemA[0] doubles as the flag
/// ScratchA|B|C      3·logn  column 0: the current instruction (persists between loops)
/// Pc                logn    column 0: the position code of the current instruction's column
/// Position          logn    column j ≥ 1: its position code; column 0: zero
/// Buffer            max(3·logn, 2N)  scratch space, zero at the end of every layer but the subtraction's (Subtract)
/// Scratchpad        1       the indicator: 1 in column 0, else 0 (stands in for column-0-only biases)
/// </code>
/// d = 8·logn + 3N + max(3·logn, 2N) + 1, as in the released code.
/// </summary>
public sealed class PaperSubleqLayout : PunchcardLayout
{
    public int AddressBits { get; }

    public RowField InstructionA { get; }
    public RowField InstructionB { get; }
    public RowField InstructionC { get; }
    public RowField Instruction { get; }
    public override RowField Memory { get; }
    public RowField ScratchMemA { get; }
    public RowField ScratchMemB { get; }
    public RowField ScratchA { get; }
    public RowField ScratchB { get; }
    public RowField ScratchC { get; }
    public RowField Scratch { get; }
    public override RowField Pc { get; }
    public RowField Position { get; }
    public RowField Buffer { get; }
    public override RowField Scratchpad { get; }

    /// <summary>The flag of the branch (0/1): the first row of ScratchMemA, free once the subtraction is done.</summary>
    public RowField Flag { get; }

    public PaperSubleqLayout(int wordBits, int memoryCells, int instructionCount) : base(wordBits, memoryCells, instructionCount)
    {
        AddressBits = Encoding.AddressBits(Columns);
        int logn = AddressBits, n = wordBits;
        var rows = Allocate;
        InstructionA = rows.Add(nameof(InstructionA), logn, PlusMinusOne, RowRole.Constant);
        InstructionB = rows.Add(nameof(InstructionB), logn, PlusMinusOne, RowRole.Constant);
        InstructionC = rows.Add(nameof(InstructionC), logn, PlusMinusOne, RowRole.Constant);
        Instruction = rows.Span(nameof(Instruction), InstructionA, InstructionC);
        Memory = rows.Add(nameof(Memory), n, PlusMinusOne, RowRole.State);
        ScratchMemA = rows.Add(nameof(ScratchMemA), n, PlusMinusOne, RowRole.Scratch);
        ScratchMemB = rows.Add(nameof(ScratchMemB), n, PlusMinusOne, RowRole.Scratch);
        Flag = ScratchMemA.Slice(nameof(Flag), 0, 1, ZeroOne);
        ScratchA = rows.Add(nameof(ScratchA), logn, PlusMinusOne, RowRole.State);
        ScratchB = rows.Add(nameof(ScratchB), logn, PlusMinusOne, RowRole.State);
        ScratchC = rows.Add(nameof(ScratchC), logn, PlusMinusOne, RowRole.State);
        Scratch = rows.Span(nameof(Scratch), ScratchA, ScratchC);
        Pc = rows.Add(nameof(Pc), logn, PlusMinusOne, RowRole.State);
        Position = rows.Add(nameof(Position), logn, PlusMinusOne, RowRole.Constant);
        Buffer = rows.Add(nameof(Buffer), Math.Max(3 * logn, 2 * n), Scalar, RowRole.Buffer);
        Scratchpad = rows.Add(nameof(Scratchpad), 1, ZeroOne, RowRole.Constant);
    }

    public static PaperSubleqLayout For(Program program) =>
        new(program.Word.Bits, program.MemorySize, program.Instructions.Count);

    public override double[] PcCodeOf(int index) => Encoding.PositionCode(InstructionColumnOf(index), AddressBits);

    public override PcReading PcReading => new(TwosComplement: false, Minus: InstructionColumnOf(0));

    protected override void EncodeInstruction(double[,] x, Instruction ins, int column)
    {
        if (!ins.IsSubleq) throw new ArgumentException("the paper's SUBLEQ machine runs SUBLEQ instructions only");
        Encoding.Write(x, InstructionA, column, Encoding.PositionCode(MemoryColumnOf(ins.A), AddressBits));
        Encoding.Write(x, InstructionB, column, Encoding.PositionCode(MemoryColumnOf(ins.B), AddressBits));
        Encoding.Write(x, InstructionC, column, Encoding.PositionCode(InstructionColumnOf(ins.Target), AddressBits));
    }

    protected override void EncodeAddressCodes(double[,] x)
    {
        for (int column = 1; column < Columns; column++)
            Encoding.Write(x, Position, column, Encoding.PositionCode(column, AddressBits));
    }

    public override int DecodePc(IReadOnlyList<double> pcRows) => InstructionAt(Encoding.DecodePosition(pcRows));
}
