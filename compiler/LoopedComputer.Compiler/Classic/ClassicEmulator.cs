using LoopedComputer.Isa;

namespace LoopedComputer.Compiler.Classic;

/// <summary>How a classic SUBLEQ run ended, as the emulator's status cell says.</summary>
public enum ClassicStatus
{
    /// <summary>A jump to a negative address.</summary>
    Halted = 0,
    /// <summary>An instruction would have reached past the image.</summary>
    RanOffImage = 1,
    /// <summary>An operand a or b was not an address of the image (or was the unsupported input, a = −1).</summary>
    BadAddress = 2,
}

/// <summary>The image's final memory, what it output, how many classic instructions ran, and how it ended.</summary>
public sealed record ClassicOutcome(IReadOnlyList<long> Memory, IReadOnlyList<long> Output, long OutputCount, long Steps, ClassicStatus Status);

/// <summary>
/// Puts a classic SUBLEQ image into the emulator program (programs/classic/subleq.lasm: cells image,
/// out, outn, steps, status) and reads the outcome back.
/// </summary>
public static class ClassicEmulator
{
    /// <summary>The emulator's path inside the programs folder.</summary>
    public static readonly string ProgramPath = Path.Combine("classic", "subleq.lasm");

    /// <summary>The emulator's memory with the image loaded (zero-padded); throws <see cref="InputException"/> if it does not fit.</summary>
    public static long[] Load(Program emulator, ClassicImage image)
    {
        int capacity = emulator.FindCell("image")!.Length;
        if (image.Words.Count > capacity)
            throw new InputException($"the image has {image.Words.Count} words; the emulator holds {capacity} (SIZE in {ProgramPath})");
        foreach (long word in image.Words.Where(w => !emulator.Word.Fits(w)))
            throw new InputException($"the image word {word} does not fit the emulator's {emulator.Word.Bits}-bit words ({emulator.Word.Min}..{emulator.Word.Max})");
        var words = image.Words.Concat(Enumerable.Repeat(0L, capacity - image.Words.Count)).ToArray();
        return emulator.MemoryWith([new CellAssignment("image", null, words)]);
    }

    public static ClassicOutcome Read(Program emulator, IReadOnlyList<long> memory, int imageLength)
    {
        long Cell(string name) => emulator.Read(memory, name).Values[0];
        long count = Cell("outn");
        var output = emulator.Read(memory, "out").Values.Take((int)Math.Min(count, int.MaxValue)).ToArray();
        return new ClassicOutcome(emulator.Read(memory, "image").Values.Take(imageLength).ToArray(), output, count, Cell("steps"), (ClassicStatus)Cell("status"));
    }
}
