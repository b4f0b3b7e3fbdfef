namespace LoopedComputer.Machines;

/// <summary>The floating-point format the engine keeps the machine state in (TF32 and bf16 are never used).</summary>
public enum NumberFormat
{
    Float32,
    Float64,
}

public static class NumberFormats
{
    /// <summary>Significand bits including the implicit one: integers up to 2^this are exact.</summary>
    public static int SignificandBits(this NumberFormat format) => format == NumberFormat.Float32 ? 24 : 53;

    public static int Bytes(this NumberFormat format) => format == NumberFormat.Float32 ? 4 : 8;

    public static string Name(this NumberFormat format) => format == NumberFormat.Float32 ? "float32" : "float64";

    public static NumberFormat Parse(string text) => text.ToLowerInvariant() switch
    {
        "float32" or "f32" or "single" => NumberFormat.Float32,
        "float64" or "f64" or "double" => NumberFormat.Float64,
        _ => throw new ArgumentException($"unknown dtype '{text}'; use float32 or float64"),
    };
}
