using CsCheck;
using LoopedComputer.Assembly;

namespace LoopedComputer.Tests.Assembly;

/// <summary>
/// Whatever the input, the assembler returns a program or diagnostics, never an exception.
/// LOOPED_FUZZ_CASES sets the number of cases per generator (default 1,000; e.g. 100000 for a long run).
/// </summary>
public class FuzzTests
{
    static int Cases => int.TryParse(Environment.GetEnvironmentVariable("LOOPED_FUZZ_CASES"), out int n) && n > 0 ? n : 1000;

    static readonly string[] Seeds =
    [
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "programs", "factorial.lasm")),
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "programs", "bubble_sort.lasm")),
        ".macro swap x, y\n  mov @t, x\n  mov x, y\n  mov y, @t\n@t: .word 0\n.endm\na: .word 1\nb: .word 2\n  swap a, b\n  call f\n  halt\nf: ret\n",
        ".const K = 4\nv: .space K, -1\np: .word &v+2\n.input v\n.output v\n.expect v=[1,2,3,4] => v=[1,2,3,4]\n  load v, p\n  fleq xor, v, v+1, v+2, v+3, 0\n",
    ];

    static readonly string[] Tokens =
    [
        ":", ",", ";", "#", "&", "@", "=", "=>", "[", "]", "(", ")", "+", "-", "*", ".", "\n", " ", "\t", "0x", "0b",
        ".word", ".space", ".macro", ".endm", ".const", ".bits", ".input", ".expect", "mov", "fleq", "subleq", "call", "ret",
        "x", "loop", "99999999999999999999", "-1", "0", "__t0", "@l", "\"", "\r\n",
    ];

    static void AssertWellBehaved(string source)
    {
        var result = Assembler.Assemble(source, "fuzz.lasm");
        int lines = source.Split('\n').Length;
        if (result.Program is null) Assert.NotEmpty(result.Diagnostics);
        foreach (var d in result.Diagnostics)
        {
            Assert.DoesNotContain("internal assembler error", d.Message);
            Assert.InRange(d.Location.Line, 1, lines);
            Assert.True(d.Location.Column >= 1, $"column {d.Location.Column} for: {d.Message}");
            Assert.False(string.IsNullOrWhiteSpace(d.Format()));
        }
    }

    [Fact]
    public void Random_text_never_throws()
    {
        Gen.String[Gen.Char[' ', '~'], 0, 200].Sample(AssertWellBehaved, iter: Cases);
    }

    [Fact]
    public void Random_token_soup_never_throws()
    {
        Gen.Int[0, Tokens.Length - 1].Array[0, 60].Select(ix => string.Concat(ix.Select(i => Tokens[i] + (i % 3 == 0 ? " " : ""))))
            .Sample(AssertWellBehaved, iter: Cases);
    }

    [Fact]
    public void Mutated_programs_never_throw()
    {
        var gen = from seed in Gen.Int[0, Seeds.Length - 1]
                  from edits in Gen.Select(Gen.Int[0, 3], Gen.Int[0, 10_000], Gen.Int[0, 40], Gen.Int[0, Tokens.Length - 1]).Array[1, 6]
                  select Mutate(Seeds[seed], edits);
        gen.Sample(AssertWellBehaved, iter: Cases);
    }

    static string Mutate(string text, (int Kind, int Position, int Length, int Token)[] edits)
    {
        foreach (var (kind, position, length, token) in edits)
        {
            int at = text.Length == 0 ? 0 : position % text.Length;
            int span = Math.Min(length, text.Length - at);
            text = kind switch
            {
                0 => text.Remove(at, span),                                   // delete
                1 => text.Insert(at, text.Substring(at, span)),               // duplicate
                2 => text.Insert(at, Tokens[token]),                          // insert a token
                _ => span > 1 ? text.Remove(at, span).Insert(Math.Min(at + 1, text.Length - span), text.Substring(at, span)) : text, // move
            };
        }
        return text;
    }
}
