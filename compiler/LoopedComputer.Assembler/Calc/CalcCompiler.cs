using System.Text;
using LoopedComputer.Assembly;
using LoopedComputer.Isa;

namespace LoopedComputer.Assembly.Calc;

/// <summary>
/// An expression compiled to a program: its .lasm source, the program, the value its cell <c>result</c>
/// must hold, and why operations that could be function units call subroutines instead (none where every one is a unit).
/// </summary>
public sealed record CalcProgram(string Source, Program Program, CalcValue Value, IReadOnlyList<string> Notes);

/// <summary>
/// Compiles a calculator expression into a FLEQ program (one instruction per + − × and unary minus,
/// one function-unit instruction per sqrt and per ÷ or mod by a number written in the expression where
/// the machine can build the unit, else a call into programs/lib/int.lasm) whose cell <c>result</c>
/// holds the value, an integer or, where sqrt is involved and F &gt; 0, fixed point with F fraction bits.
/// The expression is evaluated exactly (arbitrary precision) as the code is generated
/// (<see cref="CalcCodeGenerator"/>): an operation whose result, or an operand the library routine
/// cannot take, does not fit the N-bit word is reported with its values, so the program never wraps silently.
/// </summary>
public static class CalcCompiler
{
    /// <summary>The narrowest: the library's isqrt needs 2^(N−3) ≥ 2.</summary>
    public const int MinBits = 4;

    /// <summary>Fraction bits of sqrt's fixed point unless --frac says otherwise (fewer on words narrower than 12 bits).</summary>
    public const int DefaultFractionBits = 8;

    /// <summary>The most fraction bits on N-bit words: sqrt(1) = 2^F must stay below isqrt's 2^(N−3).</summary>
    public static int MaxFractionBits(int bits) => bits - 4;

    /// <summary>The default F for N-bit words: <see cref="DefaultFractionBits"/>, or fewer where the word is too narrow.</summary>
    public static int DefaultFractionBitsFor(int bits) => Math.Min(DefaultFractionBits, MaxFractionBits(bits));

    /// <summary>
    /// Compiles <paramref name="expression"/> for N-bit words with F fraction bits for sqrt's fixed point
    /// (F = 0: sqrt is ⌊√a⌋ and everything stays an integer); the library folder holds int.lasm.
    /// <paramref name="maxBits"/> is the widest word the machine that runs it carries exactly: an
    /// overflow names a width up to it as the fix. <paramref name="unitRefusal"/> says why the machine
    /// that runs the program cannot build a unit (null where it can); an operation whose unit it
    /// refuses calls its subroutine instead, with a note. Without it every unit the language tabulates
    /// is used (the interpreter runs them all).
    /// </summary>
    public static CalcProgram Compile(string expression, int bits, int maxBits, string libraryDirectory, int fractionBits = 0, Func<FunctionUnit, string?>? unitRefusal = null)
    {
        if (bits < MinBits || bits > maxBits) throw new ArgumentOutOfRangeException(nameof(bits), bits, $"--bits must be {MinBits}..{maxBits} for the calculator");
        if (fractionBits < 0 || fractionBits > MaxFractionBits(bits))
            throw new ArgumentOutOfRangeException(nameof(fractionBits), fractionBits, $"--frac must be 0..{MaxFractionBits(bits)} on {bits}-bit words");
        var tree = CalcGrammar.ParseExpression(expression);
        // Units the machine refuses are found on the assembled program (their tables are the assembler's), then compiled again as calls.
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            var (source, program, value, notes) = Generate(expression, tree, bits, maxBits, libraryDirectory, fractionBits, refused);
            var newlyRefused = program.Units.Select(u => (u.Name, Why: unitRefusal?.Invoke(u))).Where(r => r.Why is not null).ToList();
            if (newlyRefused.Count == 0) return new CalcProgram(source, program, value, notes);
            foreach (var (name, why) in newlyRefused) refused[name] = why!;
        }
    }

    static (string Source, Program Program, CalcValue Value, IReadOnlyList<string> Notes) Generate(
        string expression, CalcExpression tree, int bits, int maxBits, string libraryDirectory, int fractionBits, IReadOnlyDictionary<string, string> refusedUnits)
    {
        var generator = new CalcCodeGenerator(new WordFormat(bits), fractionBits, maxBits, refusedUnits);
        var result = generator.Generate(tree);

        var source = new StringBuilder();
        source.AppendLine($"; looped calc \"{expression.Replace('\n', ' ')}\"{(fractionBits > 0 ? $" --frac {fractionBits}" : "")}");
        if (result.Value.IsFixed) source.AppendLine($"; result: fixed point, {fractionBits} fraction bits ({result.Value})");
        foreach (var note in generator.Notes) source.AppendLine($"; note: {note}");
        source.AppendLine($".bits {bits}");
        foreach (var unit in generator.Units) source.AppendLine(unit);
        foreach (var cell in generator.Cells) source.AppendLine($"{cell}: .word 0");
        source.AppendLine("result: .word 0");
        source.AppendLine(".output result");
        source.AppendLine($".expect => result={result.Value.Raw}");
        source.Append(generator.Code);
        source.AppendLine($"        mov result, {result.Operand}");
        source.AppendLine("        halt");
        if (generator.UsesLibrary) source.AppendLine($".include \"{Path.GetFullPath(Path.Combine(libraryDirectory, "int.lasm"))}\"");

        var assembled = Assembler.Assemble(source.ToString(), "calc.lasm");
        if (!assembled.Succeeded)
            throw new InvalidOperationException($"the calculator made a program that does not assemble:\n{assembled.FormatDiagnostics()}\n{source}");
        return (source.ToString(), assembled.Program!, result.Value, generator.Notes);
    }
}
