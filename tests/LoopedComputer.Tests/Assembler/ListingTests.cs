using System.Text.RegularExpressions;
using LoopedComputer.Assembly;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.AssemblerTests;

/// <summary>The listing: the machine's shape, instructions with labels and source, the memory map.</summary>
public class ListingTests
{
    const string Source =
        ".bits 8\n" +                                        // 1
        ".macro twice c\n  inc c\n  inc c\n.endm\n" +        // 2-5
        "l: .word 1, 2, 3\n" +                               // 6
        "r: .word 0\n" +                                     // 7
        ".input l\n.output r\n" +                            // 8-9
        "start: mov r, #3   ; a comment\n" +                 // 10
        "loop:  twice r\n" +                                 // 11
        "       call f\n" +                                  // 12
        "       jlt r, loop\n" +                             // 13
        "       halt\n" +                                    // 14
        "f:     ret\n";                                      // 15

    static readonly Lazy<(Program Program, string Text)> Listed = new(() =>
    {
        var program = Lasm.Build(Source);
        return (program, Listing.Format(program));
    });

    static string Text => Listed.Value.Text;

    [Fact]
    public void The_header_gives_the_kind_and_the_shape()
    {
        var program = Listed.Value.Program;
        var lines = Text.Split('\n');
        Assert.Equal("program test: FLEQ", lines[0]);
        Assert.Equal($"  word N = 8 bits (-128..127), memory m = {program.MemorySize} cells, instructions k = {program.Instructions.Count}", lines[1]);
        Assert.StartsWith("program test: SUBLEQ only (runs on both machines)", Listing.Format(Lasm.Build(".subleq\nx: .word 1\n  inc x\n")));
    }

    [Fact]
    public void Every_instruction_is_listed_with_its_source_line()
    {
        var program = Listed.Value.Program;
        var rows = Regex.Matches(Text, @"^\s*(\d+)  (subleq|fleq) ", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value));
        Assert.Equal(Enumerable.Range(0, program.Instructions.Count), rows);
        Assert.Contains("  10: start: mov r, #3", Text);            // without the comment
        Assert.Contains("   3: inc c  (in macro 'twice' called at test.lasm:11)", Text);
        Assert.Contains("  12: call f", Text);
        Assert.Contains("  15: f:     ret", Text);
    }

    [Fact]
    public void Labels_stand_above_their_instruction()
    {
        var lines = Text.Split('\n');
        foreach (var (label, index) in Listed.Value.Program.Labels)
        {
            int at = Array.FindIndex(lines, l => l.Trim().Split(' ').Contains(label + ":") && !Regex.IsMatch(l, @"^\s*\d"));
            Assert.True(at >= 0, $"no line for {label}:");
            Assert.Matches($@"^\s*{index}  ", lines[at + 1]);
        }
    }

    [Fact]
    public void Instructions_are_also_shown_with_names()
    {
        Assert.Contains("r = #3", Text);
        Assert.Contains("[__sp] = ", Text);
        Assert.Contains("halt", Text);
    }

    [Fact]
    public void The_memory_map_names_cells_and_their_roles()
    {
        Assert.Matches(@"\n\s+0\s+1  l\[0\.\.2\] \(input\)\n", Text);
        Assert.Matches(@"\n\s+1\s+2    l\+1\n", Text);
        Assert.Matches(@"\n\s+3\s+0  r \(output\)\n", Text);
        Assert.Matches(@"\s+0  __zero\n", Text);
        Assert.Matches(@"\s+3  #3\n", Text);
        Assert.Contains("__stack[0..15]", Text);
        Assert.Contains("__stack+15", Text);
    }
}
