using System.Globalization;

namespace LoopedComputer.Cli.Study;

/// <summary>
/// Where a study writes its tables and figures, each through <see cref="OutputFile"/> (a temporary
/// name renamed over the old file), so an interrupted run never leaves half a file.
/// </summary>
sealed class StudyFiles(string option, DirectoryInfo given, string folder)
{
    /// <summary>Checks and creates the folder before any study runs, so a bad --output fails at once.</summary>
    public static StudyFiles Open(string option, DirectoryInfo given)
    {
        string folder = OutputFile.CheckFolderOutput(option, given);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{option} {given}: cannot create the folder ({e.Message}); give a folder you can write to");
        }
        OutputFile.Probe(option, given.ToString(), folder);
        return new StudyFiles(option, given, folder);
    }

    string PathOf(string name) => Path.Combine(given.FullName, name);

    /// <summary>Writes a CSV table: the header, then one line per row.</summary>
    public string WriteCsv(string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var lines = new List<string> { Csv.Line(header) };
        foreach (var row in rows)
        {
            if (row.Count != header.Count) throw new InvalidOperationException($"{name}: a row has {row.Count} fields, the header {header.Count}");
            lines.Add(Csv.Line(row));
        }
        return Write(name, stream =>
        {
            using var writer = new StreamWriter(stream);
            foreach (var line in lines) writer.WriteLine(line);
        });
    }

    /// <summary>Saves a figure: <paramref name="png"/> gives the PNG's bytes.</summary>
    public string WritePng(string name, Func<byte[]> png) => Write(name, stream => stream.Write(png()));

    string Write(string name, Action<Stream> write)
    {
        OutputFile.Check(option, new FileInfo(Path.Combine(folder, name))).Write(write);
        return PathOf(name);
    }

    /// <summary>A number as a CSV field: invariant culture, round-trippable.</summary>
    public static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("G6", CultureInfo.InvariantCulture);
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
