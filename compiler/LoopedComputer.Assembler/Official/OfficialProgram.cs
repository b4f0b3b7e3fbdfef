using System.Globalization;
using System.Text;
using LoopedComputer.Assembly;
using LoopedComputer.Isa;

namespace LoopedComputer.Assembly.Official;

/// <summary>One command of the official format: <c>a, b, c</c> as absolute (0-based) punchcard columns.</summary>
public sealed record OfficialCommand(int A, int B, int C);

/// <summary>
/// A SUBLEQ program in the format of the official code of Giannou et al. (inputs/*_cmds.csv and
/// *_init_mem.csv): the punchcard's columns are the scratchpad (0 … S−1), the m memory cells
/// (S … S+m−1) and the k commands (S+m … S+m+k−1), and a command names its operands and its target
/// by column. <see cref="ToLasm"/> writes the equivalent <c>.lasm</c> program; see docs/import.md.
/// </summary>
public sealed record OfficialProgram(string CommandsFile, string MemoryFile, int Scratchpad, IReadOnlyList<long> Memory, IReadOnlyList<OfficialCommand> Commands, int Bits)
{
    /// <summary>The scratchpad width of the official notebooks (the random programs of run.sh use 8).</summary>
    public const int NotebookScratchpad = 2;

    /// <summary>factorial_cmds.csv → factorial.</summary>
    public string Name
    {
        get
        {
            string name = Path.GetFileNameWithoutExtension(CommandsFile);
            return name.EndsWith("_cmds", StringComparison.Ordinal) && name.Length > "_cmds".Length ? name[..^"_cmds".Length] : name;
        }
    }

    public int FirstMemoryColumn => Scratchpad;
    public int FirstCommandColumn => Scratchpad + Memory.Count;
    public int Columns => FirstCommandColumn + Commands.Count;

    /// <summary>
    /// The notebooks' word width, floor(log2 max|mem|) + 3: the values' bits, a sign bit and one bit of
    /// headroom (at least <see cref="WordFormat.MinBits"/>, at most <see cref="WordFormat.MaxBits"/>).
    /// </summary>
    public static int NotebookBits(IEnumerable<long> memory)
    {
        ulong widest = memory.Select(v => v < 0 ? 0UL - (ulong)v : (ulong)v).DefaultIfEmpty(0UL).Max();
        if (widest == 0) return WordFormat.MinBits;
        int floorLog2 = 63 - System.Numerics.BitOperations.LeadingZeroCount(widest);
        return Math.Clamp(floorLog2 + 3, WordFormat.MinBits, WordFormat.MaxBits);
    }

    /// <summary>
    /// Reads a program from the text of its two files; <paramref name="bits"/> replaces the notebooks'
    /// width. Every problem (a bad header, a row with the wrong number of fields, a field that is not an
    /// integer, a column outside its region, a value too wide for the word) is a diagnostic at its
    /// file:line:col, never an exception.
    /// </summary>
    public static (OfficialProgram? Program, IReadOnlyList<Diagnostic> Diagnostics) Read(
        string commandsText, string commandsFile, string memoryText, string memoryFile, int scratchpad = NotebookScratchpad, int? bits = null)
    {
        // Column 0 is the transformer's working column in the official layout, so S is at least 1.
        ArgumentOutOfRangeException.ThrowIfLessThan(scratchpad, 1);
        if (bits is < WordFormat.MinBits or > WordFormat.MaxBits)
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"word width must be {WordFormat.MinBits}..{WordFormat.MaxBits} bits");
        var diagnostics = new List<Diagnostic>();
        var memoryRows = Rows(memoryText, memoryFile, ["mem"], diagnostics);
        var commandRows = Rows(commandsText, commandsFile, ["a", "b", "c"], diagnostics);
        if (diagnostics.Count > 0) return (null, diagnostics);
        if (memoryRows.Count == 0) diagnostics.Add(Error(memoryFile, 1, 1, "", "the memory file has no values; the official programs have at least the cells ZERO and MINUS_ONE of their EOF command"));
        if (commandRows.Count == 0) diagnostics.Add(Error(commandsFile, 1, 1, "", "the commands file has no commands; the official programs end with the EOF command"));
        if (diagnostics.Count > 0) return (null, diagnostics);

        var memory = memoryRows.Select(r => r.Values[0]).ToArray();
        int word = bits ?? NotebookBits(memory);
        var format = new WordFormat(word);
        foreach (var row in memoryRows.Where(r => !format.Fits(r.Values[0])))
            diagnostics.Add(row.ErrorAt(0, $"{row.Values[0]} does not fit {word}-bit words ({format.Min}..{format.Max}); give more --bits"));

        int firstCommand = scratchpad + memory.Length, end = firstCommand + commandRows.Count;
        var columnErrors = new List<Diagnostic>();
        foreach (var row in commandRows)
        {
            for (int field = 0; field < 2; field++)
                if (row.Values[field] < scratchpad || row.Values[field] >= firstCommand)
                    columnErrors.Add(row.ErrorAt(field, $"{"ab"[field]} = {row.Values[field]} is not a memory column ({scratchpad}..{firstCommand - 1})"));
            if (row.Values[2] < firstCommand || row.Values[2] >= end)
                columnErrors.Add(row.ErrorAt(2, $"c = {row.Values[2]} is not a command column ({firstCommand}..{end - 1})"));
        }
        // Columns are absolute, so a file read with the wrong S is off everywhere: the first error says so.
        if (columnErrors.Count > 0)
            columnErrors[0] = columnErrors[0] with
            {
                Message = columnErrors[0].Message + $"; with S = {scratchpad}, {Count(memory.Length, "cell")} and {Count(commandRows.Count, "command")}, " +
                    $"the memory is columns {scratchpad}..{firstCommand - 1} and the commands {firstCommand}..{end - 1}: is S right? " +
                    "(--scratchpad; the notebooks use 2, the random programs of run.sh 8)",
            };
        diagnostics.AddRange(columnErrors);
        if (diagnostics.Count > 0) return (null, diagnostics);
        var commands = commandRows.Select(r => new OfficialCommand((int)r.Values[0], (int)r.Values[1], (int)r.Values[2])).ToArray();
        return (new OfficialProgram(commandsFile, memoryFile, scratchpad, memory, commands, word), diagnostics);
    }

    /// <summary>
    /// The equivalent <c>.lasm</c> program: memory cell i is <c>m{i}</c> (column S+i), command j is
    /// <c>cmd{j}: subleq m{a−S}, m{b−S}, cmd{c−S−m}</c> (column S+m+j), in the same order, so the
    /// assembler lays them out at the same memory addresses and instruction indices. Every cell is an
    /// input and an output. The commands stay as they are, the EOF self-jump included; the assembler
    /// appends its own halt after the last one, which is where the official interpreter stops when the
    /// PC runs past the last column.
    /// </summary>
    public string ToLasm()
    {
        var text = new StringBuilder();
        int last = Columns - 1;
        text.AppendLine($"; {Name}: imported by `looped import official` from {Path.GetFileName(CommandsFile)} and {Path.GetFileName(MemoryFile)},");
        text.AppendLine("; a SUBLEQ program in the format of the official code of Giannou et al. (docs/import.md).");
        text.AppendLine($"; Scratchpad S = {Scratchpad}: cell m<i> is memory column {FirstMemoryColumn} + i, instruction cmd<j> is command column {FirstCommandColumn} + j.");
        text.AppendLine(".subleq");
        text.AppendLine($".bits {Bits}".PadRight(24) + (Bits == NotebookBits(Memory) ? "; the notebooks' width: floor(log2 max|mem|) + 3" : "; given by --bits"));
        text.AppendLine();
        int cellName = $"m{Memory.Count - 1}:".Length, commandName = $"cmd{Commands.Count - 1}:".Length;
        for (int i = 0; i < Memory.Count; i++)
            text.AppendLine($"{$"m{i}:".PadRight(cellName)} .word {Memory[i]}".PadRight(cellName + 16) + $" ; column {FirstMemoryColumn + i}");
        string cells = string.Join(", ", Enumerable.Range(0, Memory.Count).Select(i => $"m{i}"));
        text.AppendLine();
        text.AppendLine($".input {cells}");
        text.AppendLine($".output {cells}");
        text.AppendLine();
        for (int j = 0; j < Commands.Count; j++)
        {
            var (a, b, c) = Commands[j];
            int column = FirstCommandColumn + j, target = c - FirstCommandColumn;
            string comment = $"column {column}: {a}, {b}, {c}" + (column == last && c == column
                ? $", EOF: a jump to itself (a fixed point, the halt, while m{a - Scratchpad} = 0 and m{b - Scratchpad} <= 0)" : "");
            text.AppendLine($"{$"cmd{j}:".PadRight(commandName)} subleq m{a - Scratchpad}, m{b - Scratchpad}, cmd{target}".PadRight(commandName + 32) + $" ; {comment}");
        }
        return text.ToString();
    }

    sealed record Row(string File, int Line, string Text, int[] Columns, long[] Values)
    {
        public Diagnostic ErrorAt(int field, string message) => Error(File, Line, Columns[field], Text, message);
    }

    static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    static Diagnostic Error(string file, int line, int column, string text, string message) =>
        new(new SourceLocation(file, line, column, text), message);

    /// <summary>
    /// The records after the header, each with the column where each field starts. The official files
    /// are plain integers separated by commas (pandas writes no quotes for them); blank lines are
    /// skipped, as pandas skips them.
    /// </summary>
    static List<Row> Rows(string text, string file, string[] header, List<Diagnostic> diagnostics)
    {
        var rows = new List<Row>();
        var lines = text.Split('\n');
        int headerLine = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (headerLine < 0)
        {
            diagnostics.Add(Error(file, 1, 1, "", $"the file is empty; expected the header '{string.Join(",", header)}'"));
            return rows;
        }
        // A byte order mark or spaces around the names do not change the header.
        var names = lines[headerLine].TrimEnd('\r').TrimStart('\uFEFF').Split(',').Select(n => n.Trim());
        if (!names.SequenceEqual(header))
        {
            diagnostics.Add(Error(file, headerLine + 1, 1, lines[headerLine].TrimEnd('\r'),
                $"expected the header '{string.Join(",", header)}' ({(header.Length == 1 ? "the official *_init_mem.csv: one value per line" : "the official *_cmds.csv: columns a, b, c")})"));
            return rows;
        }
        for (int i = headerLine + 1; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length != header.Length)
            {
                diagnostics.Add(Error(file, i + 1, 1, line, $"expected {Count(header.Length, "field")} ({string.Join(",", header)}); this row has {fields.Length}"));
                continue;
            }
            var values = new long[fields.Length];
            var columns = new int[fields.Length];
            bool integers = true;
            for (int f = 0, start = 0; f < fields.Length; start += fields[f].Length + 1, f++)
            {
                string field = fields[f].Trim();
                // The caret goes under the field's first character, past any spaces before it.
                int column = columns[f] = start + 1 + (field.Length == 0 ? 0 : fields[f].Length - fields[f].TrimStart().Length);
                if (!long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[f]))
                {
                    diagnostics.Add(Error(file, i + 1, column, line, $"'{field}' is not an integer (field {header[f]})"));
                    integers = false;
                }
            }
            if (integers) rows.Add(new Row(file, i + 1, line, columns, values));
        }
        return rows;
    }
}
