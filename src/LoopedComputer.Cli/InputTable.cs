using LoopedComputer.Isa;
using LoopedComputer.Studies.Tables;

namespace LoopedComputer.Cli;

/// <summary>
/// `--inputs table.csv`: one run per record. The header names declared inputs (<c>n</c>,
/// <c>list</c>, <c>list[2]</c>); a field is a value as <c>--set</c> takes it (<c>5</c>, <c>"[5,1,4]"</c>);
/// an empty field keeps the program's (or <c>--set</c>'s) value.
/// </summary>
sealed record InputTable(IReadOnlyList<string> Columns, IReadOnlyList<InputTable.Row> Rows)
{
    public sealed record Row(int Line, IReadOnlyList<string> Fields, long[] Memory);

    /// <summary>Reads the table and builds every record's memory over <paramref name="baseAssignments"/>; every problem names the line.</summary>
    public static InputTable Load(FileInfo file, Program program, IReadOnlyList<string> baseAssignments)
    {
        if (!file.Exists) throw new CliException($"{file.FullName}: no such file");
        List<(int Line, List<string> Fields)> records;
        try
        {
            records = Csv.Parse(File.ReadAllText(file.FullName));
        }
        catch (FormatException e)
        {
            throw new CliException($"{file.Name}: {e.Message}");
        }
        if (records.Count == 0) throw new CliException($"{file.Name}: the table is empty; the first line names the inputs ({Declared(program)})");
        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        foreach (var column in header)
        {
            var name = column.Split('[')[0].Trim();
            if (name.Length == 0 || !program.Inputs.Contains(name))
                throw new CliException($"{file.Name} line 1: column '{column}' is not a declared input of {program.Name} ({Declared(program)})");
        }
        if (header.Distinct().Count() != header.Count)
            throw new CliException($"{file.Name} line 1: a column is named twice");
        if (records.Count == 1) throw new CliException($"{file.Name}: the table has a header but no rows");
        var rows = new List<Row>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count != header.Count)
                throw new CliException($"{file.Name} line {line}: {fields.Count} fields, but the header names {header.Count} columns");
            try
            {
                var assignments = baseAssignments.Select(CellAssignment.Parse)
                    .Concat(header.Zip(fields).Where(p => p.Second.Trim().Length > 0).Select(p => CellAssignment.Parse($"{p.First}={p.Second}")));
                rows.Add(new Row(line, fields, program.MemoryWith(assignments)));
            }
            catch (InputException e)
            {
                throw new CliException($"{file.Name} line {line}: {e.Message}");
            }
        }
        return new InputTable(header, rows);
    }

    static string Declared(Program program) =>
        program.Inputs.Count == 0 ? "the program declares no inputs (.input name)" : $"inputs: {string.Join(", ", program.Inputs)}";
}
