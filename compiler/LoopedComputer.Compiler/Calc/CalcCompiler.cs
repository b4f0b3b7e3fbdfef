using System.Numerics;
using System.Text;
using LoopedComputer.Compiler.Assembly;
using LoopedComputer.Isa;

namespace LoopedComputer.Compiler.Calc;

/// <summary>An expression compiled to a program: its .lasm source, the program, and the value it must compute.</summary>
public sealed record CalcProgram(string Source, Program Program, long Value);

/// <summary>
/// Compiles a calculator expression into a FLEQ program (one instruction per + − × and unary minus,
/// a call into programs/lib/int.lasm for ÷, mod and sqrt) whose cell <c>result</c> holds the value.
/// The expression is first evaluated exactly (arbitrary precision): an operation whose result, or an
/// operand the library routine cannot take, does not fit the N-bit word is reported with its values,
/// so the program never wraps silently.
/// </summary>
public static class CalcCompiler
{
    public const int DefaultBits = 19;

    /// <summary>Compiles <paramref name="expression"/> for N-bit words; the library folder holds int.lasm.</summary>
    public static CalcProgram Compile(string expression, int bits, string libraryDirectory)
    {
        if (bits is < MinBits or > MaxBits) throw new ArgumentOutOfRangeException(nameof(bits), bits, $"--bits must be {MinBits}..{MaxBits} for the calculator");
        var tree = CalcParser.Parse(expression);
        var word = new WordFormat(bits);
        var value = Evaluate(tree, word);
        var code = new StringBuilder();
        var cells = new List<string>();
        bool usesLibrary = false;
        string result = Emit(tree, code, cells, ref usesLibrary);

        var source = new StringBuilder();
        source.AppendLine($"; looped calc \"{expression.Replace('\n', ' ')}\"");
        source.AppendLine($".bits {bits}");
        foreach (var cell in cells) source.AppendLine($"{cell}: .word 0");
        source.AppendLine("result: .word 0");
        source.AppendLine(".output result");
        source.AppendLine($".expect => result={value}");
        source.Append(code);
        source.AppendLine($"        mov result, {result}");
        source.AppendLine("        halt");
        if (usesLibrary) source.AppendLine($".include \"{Path.GetFullPath(Path.Combine(libraryDirectory, "int.lasm"))}\"");

        var assembled = Assembler.Assemble(source.ToString(), "calc.lasm");
        if (!assembled.Succeeded)
            throw new InvalidOperationException($"the calculator made a program that does not assemble:\n{assembled.FormatDiagnostics()}\n{source}");
        return new CalcProgram(source.ToString(), assembled.Program!, (long)value);
    }

    /// <summary>The exact value, checking every step against what the word and the library routines can hold.</summary>
    static BigInteger Evaluate(CalcExpression e, WordFormat word)
    {
        BigInteger Fit(BigInteger v, int column, string what)
        {
            if (v >= word.Min && v <= word.Max) return v;
            int needed = (int)Math.Max(v.Sign < 0 ? (-v - 1).GetBitLength() : v.GetBitLength(), 1) + 1;
            string fix = needed <= MaxBits ? $"use --bits {needed} or more" : $"that needs {needed} bits, more than the calculator's {MaxBits}";
            throw new CalcException(column, $"overflow: {what} = {v} does not fit {word.Bits}-bit words ({word.Min}..{word.Max}); {fix}");
        }
        switch (e)
        {
            case CalcNumber n:
                return Fit(n.Value, n.Column, $"the number {n.Value}");
            case CalcNegate neg:
            {
                var x = Evaluate(neg.Operand, word);
                return Fit(-x, neg.Column, $"-({x})");
            }
            case CalcSqrt s:
            {
                var x = Evaluate(s.Operand, word);
                if (x.Sign < 0) throw new CalcException(s.Column, $"sqrt of a negative number ({x})");
                var limit = BigInteger.One << (word.Bits - 3);
                if (x >= limit) throw new CalcException(s.Column, $"sqrt({x}): the routine takes values below 2^{word.Bits - 3} = {limit} on {word.Bits}-bit words; use --bits {(int)x.GetBitLength() + 3} or more");
                return IntegerSqrt(x);
            }
            case CalcBinary b:
            {
                var x = Evaluate(b.Left, word);
                var y = Evaluate(b.Right, word);
                string symbol = b.Operator switch
                {
                    CalcOperator.Add => "+", CalcOperator.Subtract => "-", CalcOperator.Multiply => "*", CalcOperator.Divide => "/", _ => "mod",
                };
                string what = $"{x} {symbol} {y}";
                if (b.Operator is CalcOperator.Divide or CalcOperator.Modulo)
                {
                    if (y.IsZero) throw new CalcException(b.Column, $"division by zero in {what}");
                    // idiv works on magnitudes: -2^(N-1) has none in N bits.
                    if (x == word.Min || y == word.Min)
                        throw new CalcException(b.Column, $"{what}: division takes operands above {word.Min} on {word.Bits}-bit words; use --bits {word.Bits + 1} or more");
                }
                return Fit(b.Operator switch
                {
                    CalcOperator.Add => x + y,
                    CalcOperator.Subtract => x - y,
                    CalcOperator.Multiply => x * y,
                    CalcOperator.Divide => BigInteger.Divide(x, y),        // truncates toward zero
                    _ => BigInteger.Remainder(x, y),                       // the sign of x
                }, b.Column, what);
            }
            default:
                throw new ArgumentException($"unknown expression {e}");
        }
    }

    /// <summary>The widest word the calculator uses: FLEQ is exact to 47 bits in float64.</summary>
    public const int MaxBits = 47;

    /// <summary>The narrowest: the library's isqrt needs 2^(N−3) ≥ 2.</summary>
    public const int MinBits = 4;

    static BigInteger IntegerSqrt(BigInteger n)
    {
        if (n < 2) return n;
        var x = (BigInteger)Math.Sqrt((double)n);
        while (x * x > n) x--;
        while ((x + 1) * (x + 1) <= n) x++;
        return x;
    }

    /// <summary>Appends the instructions for <paramref name="e"/>; returns the operand that holds its value.</summary>
    static string Emit(CalcExpression e, StringBuilder code, List<string> cells, ref bool usesLibrary)
    {
        string Temp()
        {
            cells.Add($"t{cells.Count}");
            return cells[^1];
        }
        switch (e)
        {
            case CalcNumber n:
                return $"#{n.Value}";
            case CalcNegate neg:
            {
                string x = Emit(neg.Operand, code, cells, ref usesLibrary), t = Temp();
                code.AppendLine($"        neg {t}, {x}");
                return t;
            }
            case CalcSqrt s:
            {
                string x = Emit(s.Operand, code, cells, ref usesLibrary), t = Temp();
                usesLibrary = true;
                code.AppendLine($"        mov isqrt_n, {x}");
                code.AppendLine("        call isqrt");
                code.AppendLine($"        mov {t}, isqrt_r");
                return t;
            }
            case CalcBinary b:
            {
                string x = Emit(b.Left, code, cells, ref usesLibrary), y = Emit(b.Right, code, cells, ref usesLibrary), t = Temp();
                switch (b.Operator)
                {
                    case CalcOperator.Add: code.AppendLine($"        add {t}, {x}, {y}"); break;
                    case CalcOperator.Subtract: code.AppendLine($"        sub {t}, {x}, {y}"); break;
                    case CalcOperator.Multiply: code.AppendLine($"        mul {t}, {x}, {y}"); break;
                    default:
                        usesLibrary = true;
                        code.AppendLine($"        mov idiv_a, {x}");
                        code.AppendLine($"        mov idiv_b, {y}");
                        code.AppendLine("        call idiv");
                        code.AppendLine($"        mov {t}, {(b.Operator == CalcOperator.Divide ? "idiv_q" : "idiv_r")}");
                        break;
                }
                return t;
            }
            default:
                throw new ArgumentException($"unknown expression {e}");
        }
    }
}
