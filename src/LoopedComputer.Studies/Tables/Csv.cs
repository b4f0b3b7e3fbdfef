using System.Text;

namespace LoopedComputer.Studies.Tables;

/// <summary>
/// Comma-separated tables (RFC 4180): a header line, then one record per line; a field with a comma,
/// quote or line break is quoted, and a quote inside one is doubled.
/// </summary>
public static class Csv
{
    /// <summary>The records of <paramref name="text"/> with the line each starts on; blank lines are skipped. A quoted field left open is a <see cref="FormatException"/>.</summary>
    public static List<(int Line, List<string> Fields)> Parse(string text)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, any = false;
        int line = 1, start = 1;
        void EndField() { fields.Add(field.ToString()); field.Clear(); }
        void EndRecord()
        {
            EndField();
            if (any || fields.Count > 1 || fields[0].Length > 0) records.Add((start, fields));
            fields = [];
            any = false;
        }
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; any = true; break;
                case ',': EndField(); break;
                case '\r': break;
                case '\n': EndRecord(); line++; start = line; break;
                default: field.Append(c); break;
            }
        }
        if (quoted) throw new FormatException($"line {start}: a quoted field is not closed");
        if (field.Length > 0 || fields.Count > 0 || any) EndRecord();
        return records;
    }

    public static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    public static string Line(IEnumerable<string> fields) => string.Join(",", fields.Select(Quote));
}
