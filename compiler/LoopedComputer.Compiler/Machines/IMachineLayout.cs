using LoopedComputer.Isa;

namespace LoopedComputer.Compiler.Machines;

/// <summary>What the engine needs of a machine's punchcard: its size, where the PC is, and the encoder and decoder.</summary>
public interface IMachineLayout
{
    int Rows { get; }
    int Columns { get; }
    int WordBits { get; }
    IReadOnlyList<RowField> Fields { get; }

    /// <summary>The PC's rows, read in column 0.</summary>
    RowField Pc { get; }

    /// <summary>The instruction index the PC rows name, or −1 if they name none.</summary>
    int DecodePc(IReadOnlyList<double> pcRows);

    double[,] Encode(Program program, IReadOnlyList<long> memory);
    MachineState Decode(double[,] x);
}
