using LoopedComputer.Isa;

namespace LoopedComputer.Machines;

/// <summary>
/// What both machines' punchcards share. Columns: scratchpad (column 0) | m memory cells |
/// k instructions. Rows are allocated top to bottom by the machine's layout (<see cref="Allocate"/>);
/// every layout has the memory words, the PC and the Scratchpad indicator (1 in column 0). The
/// encoder and decoder are written here once, around each machine's own instruction and code rows.
/// </summary>
public abstract class PunchcardLayout : IMachineLayout
{
    public const int ScratchColumns = 1;

    protected PunchcardLayout(int wordBits, int memoryCells, int instructionCount)
    {
        WordBits = wordBits;
        MemoryCells = memoryCells;
        InstructionCount = instructionCount;
        Columns = ScratchColumns + memoryCells + instructionCount;
    }

    public int WordBits { get; }
    public int MemoryCells { get; }
    public int InstructionCount { get; }
    public int Columns { get; }

    protected RowAllocator Allocate { get; } = new();
    public int Rows => Allocate.Rows;
    public IReadOnlyList<RowField> Fields => Allocate.Fields;
    public RowSpace Space => Allocate.Space(Scratchpad);

    /// <summary>Memory columns: a cell's word, ±1 bits, MSB first.</summary>
    public abstract RowField Memory { get; }

    /// <summary>Column 0: the code of the current instruction.</summary>
    public abstract RowField Pc { get; }

    /// <summary>The indicator: 1 in column 0, else 0 (stands in for column-0-only biases).</summary>
    public abstract RowField Scratchpad { get; }

    public int Indicator => Scratchpad[0];

    public int MemoryColumnOf(int cell) => ScratchColumns + cell;
    public int InstructionColumnOf(int index) => ScratchColumns + MemoryCells + index;

    /// <summary>The instruction index a column holds, or −1 if it is not an instruction column.</summary>
    public int InstructionAt(int column) =>
        column >= ScratchColumns + MemoryCells && column < Columns ? column - ScratchColumns - MemoryCells : -1;

    /// <summary>The code the PC rows hold when the machine is at instruction <paramref name="index"/>.</summary>
    public abstract double[] PcCodeOf(int index);

    public abstract int DecodePc(IReadOnlyList<double> pcRows);

    public abstract PcReading PcReading { get; }

    /// <summary>Writes one instruction's rows into its column.</summary>
    protected abstract void EncodeInstruction(double[,] x, Instruction instruction, int column);

    /// <summary>Writes the constant address rows: the codes that the heads match pointers against.</summary>
    protected abstract void EncodeAddressCodes(double[,] x);

    /// <summary>Program and memory → X (d×n), the PC at instruction 0.</summary>
    public double[,] Encode(Program program, IReadOnlyList<long> memory)
    {
        if (program.MemorySize != MemoryCells || program.Instructions.Count != InstructionCount || program.Word.Bits != WordBits)
            throw new ArgumentException("the program does not have this layout's shape");
        var x = new double[Rows, Columns];
        for (int i = 0; i < InstructionCount; i++) EncodeInstruction(x, program.Instructions[i], InstructionColumnOf(i));
        for (int cell = 0; cell < MemoryCells; cell++)
            Encoding.Write(x, Memory, MemoryColumnOf(cell), Encoding.WordBits(memory[cell], WordBits));
        EncodeAddressCodes(x);
        Encoding.Write(x, Pc, 0, PcCodeOf(0));
        x[Indicator, 0] = 1;
        return x;
    }

    /// <summary>X → PC (instruction index, −1 if none) and memory.</summary>
    public MachineState Decode(double[,] x)
    {
        var memory = new long[MemoryCells];
        for (int cell = 0; cell < MemoryCells; cell++)
            memory[cell] = Encoding.DecodeWord(Encoding.Read(x, Memory, MemoryColumnOf(cell)));
        return new MachineState(DecodePc(Encoding.Read(x, Pc, 0)), memory);
    }
}
