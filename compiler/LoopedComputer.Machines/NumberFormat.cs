namespace LoopedComputer.Machines;

/// <summary>
/// The floating-point format the engine keeps the machine state in (TF32 is never used). float16
/// and bfloat16 are for the precision study: the compiler never picks them, and the CLI's --dtype
/// does not offer them (<see cref="NumberFormats.Parse"/>).
/// </summary>
public enum NumberFormat
{
    Float32,
    Float64,
    Float16,
    BFloat16,
}

public static class NumberFormats
{
    /// <summary>The formats the compiler builds machines in, narrowest first (the 16-bit ones are study-only).</summary>
    public static IReadOnlyList<NumberFormat> Compiled { get; } = [NumberFormat.Float32, NumberFormat.Float64];

    /// <summary>Significand bits including the implicit one: integers up to 2^this are exact.</summary>
    public static int SignificandBits(this NumberFormat format) => format switch
    {
        NumberFormat.Float32 => 24,
        NumberFormat.Float64 => 53,
        NumberFormat.Float16 => 11,
        _ => 8,
    };

    public static int Bytes(this NumberFormat format) => format switch
    {
        NumberFormat.Float32 => 4,
        NumberFormat.Float64 => 8,
        _ => 2,
    };

    /// <summary>The largest finite value of the format.</summary>
    public static double MaxValue(this NumberFormat format) => format switch
    {
        NumberFormat.Float32 => float.MaxValue,
        NumberFormat.Float64 => double.MaxValue,
        NumberFormat.Float16 => (double)Half.MaxValue,
        _ => 3.3895313892515355e38, // bfloat16: float32's exponent with 8 significand bits
    };

    public static string Name(this NumberFormat format) => format switch
    {
        NumberFormat.Float32 => "float32",
        NumberFormat.Float64 => "float64",
        NumberFormat.Float16 => "float16",
        _ => "bfloat16",
    };

    /// <summary>The formats a user may ask for with --dtype: float32 and float64 (the 16-bit formats are study-only).</summary>
    public static NumberFormat Parse(string text) => text.ToLowerInvariant() switch
    {
        "float32" or "f32" or "single" => NumberFormat.Float32,
        "float64" or "f64" or "double" => NumberFormat.Float64,
        "float16" or "f16" or "half" or "bfloat16" or "bf16" =>
            throw new ArgumentException($"dtype '{text}' is study-only (see `looped study precision`): its words are not exact for most programs; use float32 or float64"),
        _ => throw new ArgumentException($"unknown dtype '{text}'; use float32 or float64"),
    };
}
