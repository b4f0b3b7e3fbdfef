using System.Globalization;
using LoopedComputer.Engine;
using LoopedComputer.Studies;
using TorchSharp;

namespace LoopedComputer.Tests.Studies;

/// <summary>A study run in this process in quick mode, its files kept in memory and its CSV tables read back by column name.</summary>
sealed class StudyRun
{
    readonly Dictionary<string, byte[]> files = [];

    public StudyContext Context { get; }

    public StudyRun() =>
        Context = new StudyContext(true, new StudyFiles((name, write) =>
        {
            using var stream = new MemoryStream();
            write(stream);
            files[name] = stream.ToArray();
        }), torch.CPU, EngineKind.Auto, TextWriter.Null, TextWriter.Null);

    public IReadOnlyCollection<string> Names => files.Keys;

    /// <summary>The rows of a CSV table as column → field (the studies' CSVs here hold no quoted commas except layer names, read whole).</summary>
    public List<Dictionary<string, string>> Table(string name)
    {
        var lines = System.Text.Encoding.UTF8.GetString(files[name]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(line =>
        {
            var fields = Fields(line);
            return header.Select((h, i) => (h, fields[i])).ToDictionary(p => p.h, p => p.Item2);
        }).ToList();
    }

    /// <summary>The fields of a CSV line, quote-aware (layer names hold commas).</summary>
    public static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }

    public static double Number(string field) => double.Parse(field, CultureInfo.InvariantCulture);
}

/// <summary>
/// The tests' own lockstep, another path than the studies' (which reads the halt history): every
/// loop, each row's whole state is read back and decoded, and compared with its reference machine,
/// for every loop of the run, past a halt too (a halted machine must stay at its fixed point).
/// Returns each row's first diverging loop, or null.
/// </summary>
static class DirectLockstep
{
    public static long?[] FirstDivergence(MachineSession session, IReadOnlyList<LoopedComputer.Isa.Program> programs, long loops)
    {
        session.Reset(programs.Select(p => new BatchRun(p, p.InitialMemory)).ToList());
        var references = programs.Select(p => p.Reference.Start(p, p.InitialMemory.ToArray())).ToArray();
        var diverged = new long?[programs.Count];
        for (long loop = 1; loop <= loops; loop++)
        {
            session.Step();
            for (int b = 0; b < programs.Count; b++)
            {
                references[b].Step();
                if (diverged[b] is not null) continue;
                var state = session.Read(b);
                if (state.Pc != references[b].Pc || !state.Memory.SequenceEqual(references[b].Memory)) diverged[b] = loop;
            }
        }
        return diverged;
    }
}
