using System.Globalization;

namespace LoopedComputer.Cli.Study;

/// <summary>
/// Where a study writes its tables and figures, each through <see cref="OutputFile"/> (a temporary
/// name renamed over the old file), so an interrupted run never leaves half a file.
/// </summary>
sealed class StudyFiles(DirectoryInfo folder)
{
    public static StudyFiles Open(DirectoryInfo folder)
    {
        try
        {
            folder.Create();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--output {folder.FullName}: cannot create the folder ({e.Message}); give a folder you can write to");
        }
        return new StudyFiles(folder);
    }

    public string PathOf(string name) => Path.Combine(folder.FullName, name);

    /// <summary>Writes a CSV table: the header, then one line per row.</summary>
    public string WriteCsv(string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var lines = new List<string> { Csv.Line(header) };
        foreach (var row in rows)
        {
            if (row.Count != header.Count) throw new InvalidOperationException($"{name}: a row has {row.Count} fields, the header {header.Count}");
            lines.Add(Csv.Line(row));
        }
        return Replace(name, temporary => File.WriteAllLines(temporary, lines));
    }

    /// <summary>Saves a figure through <paramref name="save"/>, which writes a PNG to the path it is given.</summary>
    public string WritePng(string name, Action<string> save) => Replace(name, save);

    string Replace(string name, Action<string> write)
    {
        string target = PathOf(name);
        OutputFile.Replace(target, write);
        return target;
    }

    /// <summary>A number as a CSV field: invariant culture, round-trippable.</summary>
    public static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("G6", CultureInfo.InvariantCulture);
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
