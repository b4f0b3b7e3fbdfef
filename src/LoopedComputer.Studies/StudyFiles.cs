using System.Globalization;
using LoopedComputer.Studies.Tables;

namespace LoopedComputer.Studies;

/// <summary>
/// Where a study writes its tables and figures: <paramref name="write"/> stores a file of the given
/// name from what its action writes to a stream (the CLI writes each through a temporary name
/// renamed over the old file, so an interrupted run never leaves half a file).
/// </summary>
public sealed class StudyFiles(Action<string, Action<Stream>> write)
{
    /// <summary>Writes a CSV table: the header, then one line per row.</summary>
    public void WriteCsv(string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var lines = new List<string> { Csv.Line(header) };
        foreach (var row in rows)
        {
            if (row.Count != header.Count) throw new InvalidOperationException($"{name}: a row has {row.Count} fields, the header {header.Count}");
            lines.Add(Csv.Line(row));
        }
        write(name, stream =>
        {
            using var writer = new StreamWriter(stream);
            foreach (var line in lines) writer.WriteLine(line);
        });
    }

    /// <summary>Saves a figure: <paramref name="png"/> gives the PNG's bytes.</summary>
    public void WritePng(string name, Func<byte[]> png) => write(name, stream => stream.Write(png()));

    /// <summary>A number as a CSV field: invariant culture, round-trippable.</summary>
    public static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("G6", CultureInfo.InvariantCulture);
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
