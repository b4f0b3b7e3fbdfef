using LoopedComputer.Isa;
using static LoopedComputer.Machines.RowEncoding;

namespace LoopedComputer.Machines.Fleq;

/// <summary>
/// The punchcard of the 13-layer FLEQ machine. Columns: scratchpad (column 0) | m memory cells |
/// k instructions. Unlike the paper's machine, memory and instructions have address codes of their
/// own (a cell's index on Lm bits, an instruction's index on Lk bits, ±1, MSB first), so a word
/// read from memory is directly a pointer: its low bits are the code. Rows, top to bottom:
/// <code>
/// Op|A|B|C|FlagCell|P      instruction columns: one-hot function, cell codes of a, b, c, flag, code of p
/// CellCode                 memory columns: the cell's code          MemoryColumn: 1 in memory columns
/// InstructionCode          instruction columns: the instruction's code
/// Memory                   memory columns: the word, ±1 bits, MSB first
/// column 0 (scratchpad):
///   Pc                     the code of the current instruction
///   Cur*                   the fetched instruction (same order as the instruction fields)
///   X, Y, Z                mem[a], mem[b], mem[c]
///   LoadValue              mem[x]
///   Sum, Difference, And, Or, Xor, PartialProducts, ShiftOneHot, ShiftBig, LoadOk, StoreOk, JumpOk,
///   Product, ShiftedLeft, ShiftedRight, Loaded, StoreEnable, JumpEnable, JumpHalt   function blocks
///   Unit.NAME.Value, Unit.NAME  each function unit of the program: its value (piecewise-linear form), its bits
///   Result, WriteAddress, Target, FlagValue, Flag
///   Buffer                 scratch, zero at the end of every layer
///   Scratchpad             1 in column 0
/// </code>
/// </summary>
public sealed class FleqLayout : PunchcardLayout
{
    /// <summary>Rows of the one-hot function: the built-in functions, then the program's units.</summary>
    public int Functions { get; }

    /// <summary>The program's function units with their rows (none for a program without units).</summary>
    public IReadOnlyList<UnitFields> Units { get; }


    /// <summary>Bits of a cell code and of an instruction code (at least 2, for the attention margin).</summary>
    public int CellBits { get; }
    public int InstructionBits { get; }

    public RowField Op { get; }
    public RowField A { get; }
    public RowField B { get; }
    public RowField C { get; }
    public RowField FlagCell { get; }
    public RowField P { get; }
    public RowField Instruction { get; }
    public RowField CellCode { get; }
    public RowField MemoryColumn { get; }
    public RowField InstructionCode { get; }
    public override RowField Memory { get; }
    public override RowField Pc { get; }
    public RowField CurOp { get; }
    public RowField CurA { get; }
    public RowField CurB { get; }
    public RowField CurC { get; }
    public RowField CurFlag { get; }
    public RowField CurP { get; }
    public RowField Current { get; }
    public RowField X { get; }
    public RowField Y { get; }
    public RowField Z { get; }
    public RowField LoadValue { get; }
    public RowField Sum { get; }
    public RowField Difference { get; }
    public RowField And { get; }
    public RowField Or { get; }
    public RowField Xor { get; }
    public RowField PartialProducts { get; }
    public RowField ShiftOneHot { get; }
    public RowField ShiftBig { get; }
    public RowField LoadOk { get; }
    public RowField StoreOk { get; }
    public RowField JumpOk { get; }
    public RowField Product { get; }
    public RowField ShiftedLeft { get; }
    public RowField ShiftedRight { get; }
    public RowField Loaded { get; }
    public RowField StoreEnable { get; }
    public RowField JumpEnable { get; }
    public RowField JumpHalt { get; }
    public RowField Result { get; }
    public RowField WriteAddress { get; }
    public RowField Target { get; }
    public RowField FlagValue { get; }
    public RowField Flag { get; }
    public RowField Buffer { get; }
    public override RowField Scratchpad { get; }

    /// <summary>The ALU's intermediate rows, cleared once the result is selected.</summary>
    public IReadOnlyList<RowField> AluScratch { get; }

    public FleqLayout(int wordBits, int memoryCells, int instructionCount, IReadOnlyList<FunctionUnit>? units = null) : base(wordBits, memoryCells, instructionCount)
    {
        units ??= [];
        Functions = FunctionNames.BuiltInCount + units.Count;
        CellBits = Math.Max(2, Encoding.AddressBits(memoryCells));
        InstructionBits = Math.Max(2, Encoding.AddressBits(instructionCount));
        int n = wordBits, lm = CellBits, lk = InstructionBits;
        var rows = Allocate;
        Op = rows.Add(nameof(Op), Functions, OneHot, RowRole.Constant);
        A = rows.Add(nameof(A), lm, PlusMinusOne, RowRole.Constant);
        B = rows.Add(nameof(B), lm, PlusMinusOne, RowRole.Constant);
        C = rows.Add(nameof(C), lm, PlusMinusOne, RowRole.Constant);
        FlagCell = rows.Add(nameof(FlagCell), lm, PlusMinusOne, RowRole.Constant);
        P = rows.Add(nameof(P), lk, PlusMinusOne, RowRole.Constant);
        Instruction = rows.Span(nameof(Instruction), Op, P);
        CellCode = rows.Add(nameof(CellCode), lm, PlusMinusOne, RowRole.Constant);
        MemoryColumn = rows.Add(nameof(MemoryColumn), 1, ZeroOne, RowRole.Constant);
        InstructionCode = rows.Add(nameof(InstructionCode), lk, PlusMinusOne, RowRole.Constant);
        Memory = rows.Add(nameof(Memory), n, PlusMinusOne, RowRole.State);
        Pc = rows.Add(nameof(Pc), lk, PlusMinusOne, RowRole.State);
        CurOp = rows.Add(nameof(CurOp), Functions, OneHot, RowRole.Scratch);
        CurA = rows.Add(nameof(CurA), lm, PlusMinusOne, RowRole.Scratch);
        CurB = rows.Add(nameof(CurB), lm, PlusMinusOne, RowRole.Scratch);
        CurC = rows.Add(nameof(CurC), lm, PlusMinusOne, RowRole.Scratch);
        CurFlag = rows.Add(nameof(CurFlag), lm, PlusMinusOne, RowRole.Scratch);
        CurP = rows.Add(nameof(CurP), lk, PlusMinusOne, RowRole.Scratch);
        Current = rows.Span(nameof(Current), CurOp, CurP);
        X = rows.Add(nameof(X), n, PlusMinusOne, RowRole.Scratch);
        Y = rows.Add(nameof(Y), n, PlusMinusOne, RowRole.Scratch);
        Z = rows.Add(nameof(Z), n, PlusMinusOne, RowRole.Scratch);
        LoadValue = rows.Add(nameof(LoadValue), n, PlusMinusOne, RowRole.Scratch);
        Sum = rows.Add(nameof(Sum), n, PlusMinusOne, RowRole.Scratch);
        Difference = rows.Add(nameof(Difference), n, PlusMinusOne, RowRole.Scratch);
        And = rows.Add(nameof(And), n, PlusMinusOne, RowRole.Scratch);
        Or = rows.Add(nameof(Or), n, PlusMinusOne, RowRole.Scratch);
        Xor = rows.Add(nameof(Xor), n, PlusMinusOne, RowRole.Scratch);
        PartialProducts = rows.Add(nameof(PartialProducts), n * (n + 1) / 2, ZeroOne, RowRole.Scratch);
        ShiftOneHot = rows.Add(nameof(ShiftOneHot), n, OneHot, RowRole.Scratch);
        ShiftBig = rows.Add(nameof(ShiftBig), 1, ZeroOne, RowRole.Scratch);
        LoadOk = rows.Add(nameof(LoadOk), 1, ZeroOne, RowRole.Scratch);
        StoreOk = rows.Add(nameof(StoreOk), 1, ZeroOne, RowRole.Scratch);
        JumpOk = rows.Add(nameof(JumpOk), 1, ZeroOne, RowRole.Scratch);
        Product = rows.Add(nameof(Product), n, PlusMinusOne, RowRole.Scratch);
        ShiftedLeft = rows.Add(nameof(ShiftedLeft), n, ZeroOne, RowRole.Scratch);
        ShiftedRight = rows.Add(nameof(ShiftedRight), n, ZeroOne, RowRole.Scratch);
        Loaded = rows.Add(nameof(Loaded), n, ZeroOne, RowRole.Scratch);
        StoreEnable = rows.Add(nameof(StoreEnable), 1, ZeroOne, RowRole.Scratch);
        JumpEnable = rows.Add(nameof(JumpEnable), 1, ZeroOne, RowRole.Scratch);
        JumpHalt = rows.Add(nameof(JumpHalt), 1, ZeroOne, RowRole.Scratch);
        Units = units.Select(unit =>
        {
            var circuit = UnitCircuit.For(unit);
            var value = circuit.Form == UnitForm.PiecewiseLinear ? rows.Add($"Unit.{unit.Name}.Value", 1, Scalar, RowRole.Scratch) : null;
            return new UnitFields(circuit, value, rows.Add($"Unit.{unit.Name}", n, ZeroOne, RowRole.Scratch));
        }).ToArray();
        Result = rows.Add(nameof(Result), n, PlusMinusOne, RowRole.Scratch);
        WriteAddress = rows.Add(nameof(WriteAddress), lm, PlusMinusOne, RowRole.Scratch);
        Target = rows.Add(nameof(Target), lk, PlusMinusOne, RowRole.Scratch);
        FlagValue = rows.Add(nameof(FlagValue), n, PlusMinusOne, RowRole.Scratch);
        Flag = rows.Add(nameof(Flag), 1, ZeroOne, RowRole.Scratch);
        Buffer = rows.Add(nameof(Buffer), Math.Max(Instruction.Width, 3 * n), Scalar, RowRole.Buffer);
        Scratchpad = rows.Add(nameof(Scratchpad), 1, ZeroOne, RowRole.Constant);
        AluScratch = [LoadValue, Sum, Difference, And, Or, Xor, PartialProducts, ShiftOneHot, ShiftBig, LoadOk, StoreOk, JumpOk,
            Product, ShiftedLeft, ShiftedRight, Loaded, StoreEnable, JumpEnable, JumpHalt,
            .. Units.SelectMany(u => u.Value is { } value ? [value, u.Output] : new[] { u.Output })];
    }

    public static FleqLayout For(Program program) => new(program.Word.Bits, program.MemorySize, program.Instructions.Count, program.Units);

    /// <summary>Row of the X/Y/Z-style word field holding the bit of weight 2^e (fields are MSB first).</summary>
    public int BitRow(RowField word, int exponent) => word[word.Width - 1 - exponent];

    public double[] CellCodeOf(int cell) => Encoding.WordBits(cell, CellBits);
    public double[] InstructionCodeOf(int index) => Encoding.WordBits(index, InstructionBits);

    public override double[] PcCodeOf(int index) => InstructionCodeOf(index);

    public override PcReading PcReading => new(TwosComplement: false, Minus: 0);

    protected override void EncodeInstruction(double[,] x, Instruction ins, int column)
    {
        if ((int)ins.F >= Functions)
            throw new ArgumentException($"the instruction calls {ins.F.Mnemonic()}, a unit this layout was not built with (build the layout from the program)");
        x[Op[(int)ins.F], column] = 1;
        Encoding.Write(x, A, column, CellCodeOf(ins.A));
        Encoding.Write(x, B, column, CellCodeOf(ins.B));
        Encoding.Write(x, C, column, CellCodeOf(ins.C));
        Encoding.Write(x, FlagCell, column, CellCodeOf(ins.Flag));
        Encoding.Write(x, P, column, InstructionCodeOf(ins.Target));
    }

    protected override void EncodeAddressCodes(double[,] x)
    {
        for (int i = 0; i < InstructionCount; i++) Encoding.Write(x, InstructionCode, InstructionColumnOf(i), InstructionCodeOf(i));
        for (int cell = 0; cell < MemoryCells; cell++)
        {
            Encoding.Write(x, CellCode, MemoryColumnOf(cell), CellCodeOf(cell));
            x[MemoryColumn[0], MemoryColumnOf(cell)] = 1;
        }
    }

    public override int DecodePc(IReadOnlyList<double> pcRows)
    {
        int index = 0;
        foreach (double bit in pcRows) index = (index << 1) | (bit > 0 ? 1 : 0);
        return pcRows.All(v => Math.Abs(v) > 0.5) && index < InstructionCount ? index : -1;
    }
}

/// <summary>A function unit's rows in column 0: its value (piecewise-linear form only) and its output bits (0/1, MSB first).</summary>
public sealed record UnitFields(UnitCircuit Circuit, RowField? Value, RowField Output)
{
    public FunctionUnit Unit => Circuit.Unit;
}
