using System.Globalization;
using System.Text.RegularExpressions;
using LoopedComputer.Assembly;
using LoopedComputer.Isa;

namespace LoopedComputer.Assembly.Classic;

/// <summary>
/// A classic SUBLEQ memory image (code and data in one memory, three words per instruction), read
/// from text: words separated by whitespace, <c>#</c> to the end of a line is a comment. A word is an
/// integer (<c>-1</c>, <c>0x1F</c>), <c>?</c> (the address of the next word, for "go on"), or a label
/// name (its address); <c>name:</c> before a word labels that word's address.
/// </summary>
public sealed partial record ClassicImage(IReadOnlyList<long> Words, IReadOnlyDictionary<string, int> Labels)
{
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();

    sealed record Token(string Text, int Line, int Column, string LineText);

    /// <summary>Reads an image; every problem is a diagnostic (file:line:col, caret), never an exception.</summary>
    public static (ClassicImage? Image, IReadOnlyList<Diagnostic> Diagnostics) Parse(string text, string fileName)
    {
        var diagnostics = new List<Diagnostic>();
        var labels = new Dictionary<string, int>();
        var words = new List<Token>();
        foreach (var token in Tokens(text))
        {
            if (token.Text.EndsWith(':'))
            {
                string name = token.Text[..^1];
                if (!NamePattern().IsMatch(name))
                    diagnostics.Add(Error(fileName, token, $"'{token.Text}' is not a label; a label is a name (letters, digits, _) followed by ':'"));
                else if (!labels.TryAdd(name, words.Count))
                    diagnostics.Add(Error(fileName, token, $"label '{name}' is defined twice (first at address {labels[name]})"));
                continue;
            }
            words.Add(token);
        }
        var values = new List<long>();
        for (int address = 0; address < words.Count; address++)
        {
            var token = words[address];
            if (token.Text == "?") values.Add(address + 1);
            else if (labels.TryGetValue(token.Text, out int target)) values.Add(target);
            else if (TryInteger(token.Text, out long value)) values.Add(value);
            else if (NamePattern().IsMatch(token.Text))
                diagnostics.Add(Error(fileName, token, $"unknown label '{token.Text}'; define it with '{token.Text}:' before a word"));
            else
                diagnostics.Add(Error(fileName, token, $"'{token.Text}' is not a word: use an integer, '?', or a label name"));
        }
        return diagnostics.Count > 0 ? (null, diagnostics) : (new ClassicImage(values, labels), diagnostics);
    }

    static Diagnostic Error(string fileName, Token token, string message) =>
        new(new SourceLocation(fileName, token.Line, token.Column, token.LineText), message);

    static bool TryInteger(string text, out long value)
    {
        bool negative = text.StartsWith('-');
        string digits = negative || text.StartsWith('+') ? text[1..] : text;
        bool parsed = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (negative) value = -value;
        return parsed && digits.Length > 0;
    }

    static IEnumerable<Token> Tokens(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            int comment = line.IndexOf('#');
            string code = comment >= 0 ? line[..comment] : line;
            int column = 0;
            while (column < code.Length)
            {
                if (char.IsWhiteSpace(code[column]))
                {
                    column++;
                    continue;
                }
                int start = column;
                while (column < code.Length && !char.IsWhiteSpace(code[column])) column++;
                yield return new Token(code[start..column], i + 1, start + 1, line);
            }
        }
    }
}
