namespace LoopedComputer.Machines;

/// <summary>
/// The ±1 encodings of the punchcard. Positional codes: the binary digits of a column index,
/// MSB first, 0 → −1 and 1 → +1; column 0's code is the zero vector, which the designed ½/½ tie of
/// the read and write heads depends on. Words: N-bit two's complement, MSB first, same ±1 map.
/// </summary>
public static class Encoding
{
    /// <summary>Address bits for n columns: ⌈log2 n⌉, at least 1.</summary>
    public static int AddressBits(int columns) => Math.Max(1, (int)Math.Ceiling(Math.Log2(columns)));

    public static double[] PositionCode(int column, int bits)
    {
        var code = new double[bits];
        if (column == 0) return code;
        for (int i = 0; i < bits; i++) code[i] = ((column >> (bits - 1 - i)) & 1) == 1 ? 1 : -1;
        return code;
    }

    /// <summary>The column whose code is closest (by sign) to the given rows; −1 for an all-zero code.</summary>
    public static int DecodePosition(IReadOnlyList<double> code)
    {
        if (code.All(v => Math.Abs(v) < 0.5)) return 0;
        int column = 0;
        foreach (double bit in code) column = (column << 1) | (bit > 0 ? 1 : 0);
        return column;
    }

    public static double[] WordBits(long value, int bits)
    {
        var code = new double[bits];
        for (int i = 0; i < bits; i++) code[i] = ((value >> (bits - 1 - i)) & 1) == 1 ? 1 : -1;
        return code;
    }

    /// <summary>Reads ±1 bits (MSB first) as a two's complement value; the sign of each entry decides its bit.</summary>
    public static long DecodeWord(IReadOnlyList<double> code)
    {
        int bits = code.Count;
        ulong raw = 0;
        foreach (double bit in code) raw = (raw << 1) | (bit > 0 ? 1UL : 0UL);
        int unused = 64 - bits;
        return (long)(raw << unused) >> unused;
    }

    public static void Write(double[,] x, RowField field, int column, IReadOnlyList<double> values)
    {
        for (int i = 0; i < field.Width; i++) x[field[i], column] = values[i];
    }

    public static double[] Read(double[,] x, RowField field, int column)
    {
        var values = new double[field.Width];
        for (int i = 0; i < field.Width; i++) values[i] = x[field[i], column];
        return values;
    }
}
