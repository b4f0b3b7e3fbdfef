namespace LoopedComputer.Isa;

/// <summary>
/// N-bit two's complement words. Every value the machine holds is a <see cref="long"/> in
/// [<see cref="Min"/>, <see cref="Max"/>]; arithmetic wraps mod 2^N through <see cref="Wrap"/>.
/// </summary>
public readonly record struct WordFormat
{
    public const int MinBits = 2;
    public const int MaxBits = 64;

    public int Bits { get; }

    public WordFormat(int bits)
    {
        if (bits is < MinBits or > MaxBits)
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"word width must be {MinBits}..{MaxBits} bits");
        Bits = bits;
    }

    public long Min => Bits == 64 ? long.MinValue : -(1L << (Bits - 1));
    public long Max => Bits == 64 ? long.MaxValue : (1L << (Bits - 1)) - 1;

    public bool Fits(long value) => value >= Min && value <= Max;

    /// <summary>The N-bit two's complement value congruent to <paramref name="value"/> mod 2^N.</summary>
    public long Wrap(long value)
    {
        int unused = 64 - Bits;
        return (value << unused) >> unused;
    }

    /// <summary>The word's bits read as an unsigned N-bit number.</summary>
    public ulong Unsigned(long value) => Bits == 64 ? (ulong)value : (ulong)value & ((1UL << Bits) - 1);

    /// <summary>Bits a signed value needs in two's complement (at least 1).</summary>
    public static int BitsNeeded(long value)
    {
        long magnitude = value < 0 ? ~value : value;
        int bits = 1;
        while (bits < 64 && magnitude >= 1L << (bits - 1)) bits++;
        return bits;
    }

    public override string ToString() => $"{Bits}-bit [{Min}, {Max}]";
}
