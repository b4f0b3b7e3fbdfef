using System.Text.RegularExpressions;
using CsCheck;
using LoopedComputer.Assembly;

namespace LoopedComputer.Tests.AssemblerTests;

/// <summary>
/// Whatever the text, the assembler returns a program or located diagnostics: it never throws,
/// never falls back on its 'internal assembler error', and every diagnostic points into the file.
/// LOOPED_FUZZ_CASES sets the number of cases per test (default 1,000; 100000 for a long run).
/// </summary>
public class AssemblerFuzzTests
{
    static int Cases => int.TryParse(Environment.GetEnvironmentVariable("LOOPED_FUZZ_CASES"), out int n) && n > 0 ? n : 1000;

    static readonly string[] Seeds =
    [
        Lasm.Example("factorial.lasm"),
        Lasm.Example("bubble_sort.lasm"),
        // a sized array, a pointer, an expectation, FLEQ functions by hand
        ".const K = 4\nv: .space K, -1\np: .word &v+2\n.input v\n.output v\n.expect v=[1,2,3,4] => v=[1,2,3,4]\n  load v, p\n  fleq xor, v, v+1, v+2, v+3, 0\n",
        // macros with parameters and locals, calls, FLEQ functions, pointers
        ".bits 16\n.stack 8\n.macro swap x, y\n  mov @t, x\n  mov x, y\n  mov y, @t\n@t: .word 0\n.endm\n" +
        ".macro twice d\n  inc d\n  inc d\n.endm\na: .word 1\nb: .word 2\np: .word &b\n.input a, b\n.output a\n" +
        "start: swap a, b\n  twice a\n  call f\n  load a, p\n  store p, #-3\n  ijmp p\n  halt\nf: mul a, b, #3\n  ret\n",
        // constants, arrays, expectations, three-operand branches, raw instructions
        ".subleq\n.const N = 3\n.const M = N * 2 + (1 - 0x1)\nv: .space N, -1\nw: .word 0b101, 1_000, &v+2\n" +
        ".input v\n.output w\n.expect v=[1, 2, 3] => w=[5, 1000, 2]\n.expect => w=[5, 1000, 2]\n" +
        "loop: jlt v, v+1, done\n  jne v+2, #0, loop\n  subleq v, v+1, done\n  subleq 0, 1\n  neg w, w+1\ndone:\n",
    ];

    /// <summary>Tokens to insert: the grammar's punctuation, keywords, edge numbers and troublemakers.</summary>
    static readonly string[] Vocabulary =
    [
        ":", ",", ";", "#", "&", "@", "=", "=>", "[", "]", "(", ")", "+", "-", "*", ".", "\n", " ", "\t", "\r", "\r\n", "\"",
        ".word", ".space", ".macro", ".endm", ".const", ".bits", ".subleq", ".input", ".output", ".expect", ".stack",
        "mov", "add", "jlt", "fleq", "subleq", "call", "ret", "halt", "load", "ijmp", "swap", "twice",
        "x", "a", "loop", "@t", "@l", "__t0", "0", "-1", "1", "4", "65", "0x", "0b", "0b2", "9223372036854775807",
        "-9223372036854775808", "99999999999999999999", "(((((", "-----", "\u0001", "é",
    ];

    static readonly Regex Token = new(@";[^\n]*|\r?\n|[ \t]+|[A-Za-z_@.][A-Za-z0-9_]*|0[xXbB][0-9A-Fa-f_]*|\d[\d_]*|=>|.", RegexOptions.Compiled);

    static void AssertWellBehaved(string source)
    {
        var result = Lasm.Try(source, file: "fuzz.lasm");
        string[] lines = source.Replace("\r\n", "\n").Split('\n');
        if (result.Program is { } program)
        {
            Assert.Empty(result.Diagnostics);
            Assert.True(program.Instructions[^1].IsHaltAt(program.Instructions.Count - 1));
            Assert.NotEmpty(Listing.Format(program));
        }
        else Assert.NotEmpty(result.Diagnostics);
        foreach (var d in result.Diagnostics)
        {
            Assert.DoesNotContain("internal assembler error", d.Message);
            Assert.Equal("fuzz.lasm", d.Location.File);
            Assert.InRange(d.Location.Line, 1, lines.Length);
            Assert.Equal(lines[d.Location.Line - 1], d.Location.LineText);
            Assert.InRange(d.Location.Column, 1, d.Location.LineText.Length + 1);
            Assert.Contains($"fuzz.lasm:{d.Location.Line}:{d.Location.Column}: error: ", d.Format());
        }
    }

    [Fact]
    public void The_seeds_are_valid_programs() => Assert.All(Seeds, seed => Lasm.Build(seed));

    [Fact]
    public void Random_printable_text()
    {
        var character = Gen.Frequency<char>((20, Gen.Char[' ', '~']), (2, Gen.Const('\n')), (1, Gen.OneOf('\t', '\r', '\u00e9', '\u0000')));
        Gen.String[character, 0, 300].Sample(AssertWellBehaved, iter: Cases);
    }

    [Fact]
    public void Random_lines_of_tokens()
    {
        var line = Gen.Int[0, Vocabulary.Length - 1].Array[0, 8].Select(ix => string.Join(" ", ix.Select(i => Vocabulary[i])));
        line.Array[1, 12].Select(ls => string.Join("\n", ls)).Sample(AssertWellBehaved, iter: Cases);
    }

    /// <summary>Tokens run together (a space after every third kind only), so that they also meet without one.</summary>
    [Fact]
    public void Random_token_soup() =>
        Gen.Int[0, Vocabulary.Length - 1].Array[0, 60].Select(ix => string.Concat(ix.Select(i => Vocabulary[i] + (i % 3 == 0 ? " " : ""))))
            .Sample(AssertWellBehaved, iter: Cases);

    /// <summary>An edit at a position (taken modulo the length), with a second position and a vocabulary pick.</summary>
    static readonly Gen<(int Kind, int At, int Other, int Word)[]> Edits =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 100_000], Gen.Int[0, 100_000], Gen.Int[0, Vocabulary.Length - 1]).Array[1, 8];

    static void SampleMutations(Func<string, (int Kind, int At, int Other, int Word)[], string> mutate) =>
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Edits).Select((seed, edits) => mutate(Seeds[seed], edits))
            .Sample(AssertWellBehaved, iter: Cases);

    [Fact]
    public void Programs_with_characters_deleted_duplicated_swapped_or_inserted() =>
        SampleMutations((text, edits) => string.Concat(Mutate(text.Select(c => c.ToString()).ToList(), edits, w => Vocabulary[w])));

    [Fact]
    public void Programs_with_tokens_deleted_duplicated_swapped_or_replaced() =>
        SampleMutations((text, edits) => string.Concat(Mutate(Token.Matches(text).Select(m => m.Value).ToList(), edits, w => Vocabulary[w])));

    [Fact]
    public void Programs_with_lines_deleted_duplicated_or_swapped() =>
        SampleMutations((text, edits) => string.Join("\n", Mutate(text.Split('\n').ToList(), edits, w => Vocabulary[w])));

    /// <summary>Applies the edits to a list of characters, tokens or lines: delete, duplicate, swap, insert.</summary>
    static List<T> Mutate<T>(List<T> items, (int Kind, int At, int Other, int Word)[] edits, Func<int, T> word)
    {
        foreach (var (kind, at, other, pick) in edits)
        {
            if (items.Count == 0) { items.Add(word(pick)); continue; }
            int i = at % items.Count, j = other % items.Count;
            switch (kind)
            {
                case 0: items.RemoveAt(i); break;
                case 1: items.Insert(i, items[i]); break;
                case 2: (items[i], items[j]) = (items[j], items[i]); break;
                default: items.Insert(i, word(pick)); break;
            }
        }
        return items;
    }
}
