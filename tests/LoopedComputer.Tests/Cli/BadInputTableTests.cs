using System.Text.RegularExpressions;

namespace LoopedComputer.Tests.Cli;

/// <summary>
/// Every row of the bad-input table in docs/reliability.md, run as a user would type it: the exit
/// code the table gives, a message containing the table's text, and never a stack trace (managed
/// or native). The table is the documentation and the test at once. Its files under bad/ are
/// tests/LoopedComputer.Tests/Cli/BadInputs.
/// </summary>
public class BadInputTableTests
{
    public sealed record Row(string Command, int ExitCode, string Message)
    {
        public override string ToString() => Command;
    }

    const string Begin = "<!-- bad-inputs:begin -->", End = "<!-- bad-inputs:end -->";

    public static IReadOnlyList<Row> Rows()
    {
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "reliability.md"));
        int begin = text.IndexOf(Begin, StringComparison.Ordinal), end = text.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin) throw new InvalidDataException($"docs/reliability.md has no {Begin} … {End} table");
        var rows = new List<Row>();
        foreach (var line in text[(begin + Begin.Length)..end].Split('\n'))
        {
            var match = Regex.Match(line, @"^\|\s*`looped(?<args>[^`]*)`\s*\|\s*(?<code>\d+)\s*\|\s*(?<message>.+?)\s*\|\s*$");
            if (match.Success) rows.Add(new Row(match.Groups["args"].Value.Trim(), int.Parse(match.Groups["code"].Value), Unescape(match.Groups["message"].Value)));
        }
        return rows;
    }

    /// <summary>The message column as the program prints it: Markdown's \| and `code` marks removed.</summary>
    static string Unescape(string cell) => cell.Replace("\\|", "|").Trim('`');

    public static TheoryData<Row> Cases()
    {
        var data = new TheoryData<Row>();
        foreach (var row in Rows()) data.Add(row);
        return data;
    }

    [Fact]
    public void The_table_has_at_least_60_rows_and_covers_every_error_exit_code()
    {
        var rows = Rows();
        Assert.True(rows.Count >= 60, $"{rows.Count} rows");
        Assert.Equal(rows.Count, rows.Select(r => r.Command).Distinct().Count());
        Assert.Equal([1, 2, 3, 4], rows.Select(r => r.ExitCode).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_input_gets_its_exit_code_and_a_message_never_a_stack_trace(Row row)
    {
        var run = LoopedProcess.Run(Split(row.Command));
        string all = run.Out + run.Error;
        Assert.True(row.ExitCode == run.ExitCode, $"exit {run.ExitCode}, not {row.ExitCode}:\n{all}");
        Assert.Contains(row.Message, all);
        Assert.DoesNotContain("   at ", all);
        Assert.DoesNotContain("frame #", all);
        Assert.DoesNotContain("Unhandled exception", all);
    }

    /// <summary>Splits a command line as a shell would for these rows: on spaces, with "double quotes" grouping.</summary>
    static string[] Split(string command) =>
        Regex.Matches(command, "\"([^\"]*)\"|(\\S+)").Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToArray();
}
