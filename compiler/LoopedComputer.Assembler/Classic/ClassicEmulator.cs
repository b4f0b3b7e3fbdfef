using LoopedComputer.Assembly;
using LoopedComputer.Isa;

namespace LoopedComputer.Assembly.Classic;

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
/// Assembles the emulator program (programs/classic/subleq.lasm: cells image, out, outn, steps,
/// status) for a memory of the image's size, puts the image into it and reads the outcome back.
/// </summary>
public static class ClassicEmulator
{
    /// <summary>The emulator's path inside the programs folder.</summary>
    public static readonly string ProgramPath = Path.Combine("classic", "subleq.lasm");

    /// <summary>The largest memory, 2^15 − 64 words: the 16-bit words address the image and the emulator's cells after it.</summary>
    public const int MaxWords = (1 << 15) - 64;

    /// <summary>
    /// The emulator under <paramref name="programsDirectory"/> assembled for <paramref name="image"/>: its
    /// memory (SIZE) holds the image's words, or <paramref name="words"/> words when given (at least the image's).
    /// </summary>
    public static Program ForImage(string programsDirectory, ClassicImage image, int? words = null)
    {
        if (image.Words.Count < 3) throw new InputException($"the image has {image.Words.Count} word{(image.Words.Count == 1 ? "" : "s")}: there is no instruction (a b c) to run");
        if (words < image.Words.Count) throw new InputException($"a memory of {words} words cannot hold the image's {image.Words.Count} words");
        int size = words ?? image.Words.Count;
        if (size > MaxWords) throw new InputException($"the emulator's memory holds at most {MaxWords:N0} words (16-bit addresses); {size:N0} asked for");
        var result = Assembler.AssembleFile(Path.Combine(programsDirectory, ProgramPath),
            new AssemblerOptions(Constants: new Dictionary<string, long> { ["SIZE"] = size }));
        return result.Program ?? throw new InvalidOperationException($"the emulator does not assemble:\n{result.FormatDiagnostics()}");
    }

    /// <summary>
    /// The emulator's memory with the image loaded (zero-padded); throws <see cref="InputException"/> if
    /// it does not fit, or if it can only loop forever from its first instruction (an all-zero image
    /// does), which would otherwise run to the step limit.
    /// </summary>
    public static long[] Load(Program emulator, ClassicImage image)
    {
        int capacity = emulator.FindCell("image")!.Length;
        if (image.Words.Count > capacity)
            throw new InputException($"the image has {image.Words.Count} words; the emulator's memory holds {capacity}");
        foreach (long word in image.Words.Where(w => !emulator.Word.Fits(w)))
            throw new InputException($"the image word {word} does not fit the emulator's {emulator.Word.Bits}-bit words ({emulator.Word.Min}..{emulator.Word.Max})");
        var words = image.Words.Concat(Enumerable.Repeat(0L, capacity - image.Words.Count)).ToArray();
        RequireProgress(words);
        return emulator.MemoryWith([new CellAssignment("image", null, words)]);
    }

    /// <summary>Throws <see cref="InputException"/> if the image's first instruction jumps to itself changing nothing: it could only loop forever (or, natively, halt before it starts).</summary>
    public static void RequireProgress(long[] words)
    {
        if (JumpsToItselfUnchanged(words) is { } first)
            throw new InputException($"the image can only loop forever: its first instruction, {first}, subtracts 0 from a word that is not positive " +
                "and jumps back to itself, so nothing ever changes");
    }

    /// <summary>The instruction at 0 as text if it is a fixed point of classic SUBLEQ: image[a] = 0, image[b] ≤ 0, c = 0.</summary>
    static string? JumpsToItselfUnchanged(long[] words)
    {
        if (words.Length < 3) return null;
        long a = words[0], b = words[1], c = words[2];
        bool Inside(long address) => address >= 0 && address < words.Length;
        return c == 0 && b != -1 && Inside(a) && Inside(b) && words[a] == 0 && words[b] <= 0 ? $"{a} {b} {c}" : null;
    }

    public static ClassicOutcome Read(Program emulator, IReadOnlyList<long> memory, int imageLength)
    {
        long Cell(string name) => emulator.Read(memory, name).Values[0];
        long count = Cell("outn");
        var output = emulator.Read(memory, "out").Values.Take((int)Math.Min(count, int.MaxValue)).ToArray();
        return new ClassicOutcome(emulator.Read(memory, "image").Values.Take(imageLength).ToArray(), output, count, Cell("steps"), (ClassicStatus)Cell("status"));
    }
}
