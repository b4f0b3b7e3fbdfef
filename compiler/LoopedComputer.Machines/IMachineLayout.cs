using LoopedComputer.Isa;

namespace LoopedComputer.Machines;

/// <summary>What the engine needs of a machine's punchcard: its size, where the PC is, and the encoder and decoder.</summary>
public interface IMachineLayout
{
    int Rows { get; }
    int Columns { get; }
    int WordBits { get; }
    int MemoryCells { get; }
    int InstructionCount { get; }
    IReadOnlyList<RowField> Fields { get; }

    /// <summary>The PC's rows, read in column 0.</summary>
    RowField Pc { get; }

    /// <summary>The instruction index the PC rows name, or −1 if they name none.</summary>
    int DecodePc(IReadOnlyList<double> pcRows);

    /// <summary>How a reader outside this code (an export's script) turns the PC rows into the instruction index.</summary>
    PcReading PcReading { get; }

    /// <summary>The column that holds memory cell <paramref name="cell"/>.</summary>
    int MemoryColumnOf(int cell);

    /// <summary>The rows that hold a memory cell's word in its column.</summary>
    RowField Memory { get; }

    /// <summary>A memory cell's value from its <see cref="Memory"/> rows.</summary>
    long DecodeCell(IReadOnlyList<double> memoryRows) => Encoding.DecodeWord(memoryRows);

    /// <summary>Why <paramref name="program"/> cannot be loaded on a machine of this shape, or null if it can.</summary>
    string? ShapeMismatch(Program program) =>
        program.Word.Bits == WordBits && program.MemorySize == MemoryCells && program.Instructions.Count == InstructionCount ? null
            : $"{program.Name} has N = {program.Word.Bits} bits, {program.MemorySize} cells and {program.Instructions.Count} instructions; " +
              $"this machine was built for N = {WordBits}, {MemoryCells} cells and {InstructionCount} instructions";

    /// <summary>Row <paramref name="row"/> as its field and index, e.g. <c>Memory[3]</c>.</summary>
    string NameRow(int row) => RowSpace.NameRow(Fields, row);

    double[,] Encode(Program program, IReadOnlyList<long> memory);
    MachineState Decode(double[,] x);
}

/// <summary>
/// The PC rows read as a number: each entry's sign is a bit (positive for 1), MSB first, taken as
/// two's complement when <paramref name="TwosComplement"/> and as unsigned otherwise; the
/// instruction index is that number minus <paramref name="Minus"/> (a column's position code, say).
/// </summary>
public sealed record PcReading(bool TwosComplement, int Minus);
