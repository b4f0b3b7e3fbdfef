using LoopedComputer.Assembly;
using LoopedComputer.Assembly.Official;
using LoopedComputer.Isa;
using LoopedComputer.Tests.Cli;
using LoopedComputer.Tests.Programs;

namespace LoopedComputer.Tests.AssemblerTests.Official;

/// <summary>
/// Programs in the official format of Giannou et al. (programs/official/*_cmds.csv and *_init_mem.csv)
/// imported as .lasm, run on the project's interpreter and compared with an independent interpreter
/// of the official semantics written here.
/// </summary>
public class OfficialImportTests
{
    static string Fixture(string name) => File.ReadAllText(Path.Combine(BundledPrograms.Directory, "official", name));

    /// <summary>What the official interpreter computes, and the loops it ran until its PC stood on the EOF at its fixed point (or ran past the last column).</summary>
    sealed record OfficialRun(long[] Memory, long? StepsToEnd);

    /// <summary>
    /// The official semantics, from the CSV text itself: a command at column pc is (a, b, c);
    /// mem[b] ← mem[b] − mem[a] wrapped to N bits; if it is ≤ 0 the PC goes to c, else to pc + 1;
    /// the run stops when the PC passes the last column. Runs <paramref name="loops"/> loops at most,
    /// as the notebooks run a fixed number.
    /// </summary>
    static OfficialRun Official(string commandsCsv, string memoryCsv, int scratchpad, int bits, long loops)
    {
        static long[][] Numbers(string csv) => csv.Split('\n').Skip(1).Where(l => l.Trim().Length > 0)
            .Select(l => l.Split(',').Select(long.Parse).ToArray()).ToArray();
        var commands = Numbers(commandsCsv);
        var memory = Numbers(memoryCsv).Select(r => r[0]).ToArray();
        long firstCommand = scratchpad + memory.Length, columns = firstCommand + commands.Length;
        long half = 1L << (bits - 1);
        long pc = firstCommand;
        for (long step = 0; step < loops; step++)
        {
            var command = commands[pc - firstCommand];
            long a = command[0] - scratchpad, b = command[1] - scratchpad;
            // The EOF (the last command, a jump to itself) on mem[a] = 0 and mem[b] <= 0: every loop from here changes nothing.
            if (pc == columns - 1 && command[2] == pc && memory[a] == 0 && memory[b] <= 0) return new OfficialRun(memory, step);
            long difference = memory[b] - memory[a];
            memory[b] = ((difference + half) % (2 * half) + 2 * half) % (2 * half) - half;
            pc = memory[b] <= 0 ? command[2] : pc + 1;
            if (pc == columns) return new OfficialRun(memory, step + 1);
        }
        return new OfficialRun(memory, null);
    }

    static OfficialProgram Read(string commandsCsv, string memoryCsv, int scratchpad = 2, int? bits = null)
    {
        var (program, diagnostics) = OfficialProgram.Read(commandsCsv, "p_cmds.csv", memoryCsv, "p_init_mem.csv", scratchpad, bits);
        Assert.True(program is not null, string.Join("\n", diagnostics.Select(d => d.Format())));
        return program!;
    }

    static Program Assemble(OfficialProgram official)
    {
        var result = Assembler.Assemble(official.ToLasm(), $"{official.Name}.lasm");
        Assert.True(result.Succeeded, result.FormatDiagnostics() + "\n" + official.ToLasm());
        return result.Program!;
    }

    /// <summary>The imported program on the interpreter halts where the official run reaches EOF, after as many loops, with the same memory.</summary>
    static Program AssertSameRun(string commandsCsv, string memoryCsv, int scratchpad, int? bits = null)
    {
        var official = Read(commandsCsv, memoryCsv, scratchpad, bits);
        var program = Assemble(official);
        var expected = Official(commandsCsv, memoryCsv, scratchpad, official.Bits, 100_000);
        Assert.NotNull(expected.StepsToEnd);
        var run = Interpreter.Run(program, null, 200_000);
        Assert.Equal(RunStatus.Halted, run.Status);
        Assert.Equal(expected.StepsToEnd!.Value, run.Steps);
        Assert.Equal(expected.Memory, run.Memory.Take(official.Memory.Count));
        return program;
    }

    static long Factorial(int k) => k <= 1 ? 1 : k * Factorial(k - 1);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void The_factorial_program_computes_k_factorial_in_mem_2_as_the_official_interpreter_does(int k)
    {
        // The notebook's memory [-1, 0, k, -k, 0, 0, -2, -1, 0, 1] and its width, floor(log2 k!) + 3.
        string memory = Fixture("factorial_init_mem.csv").Replace("\n5\n-5\n", $"\n{k}\n{-k}\n");
        int bits = OfficialProgram.NotebookBits([Factorial(k)]);
        var program = AssertSameRun(Fixture("factorial_cmds.csv"), memory, 2, bits);
        var run = Interpreter.Run(program, null, 200_000);
        Assert.Equal(Factorial(k), program.Read(run.Memory, "m2").Values[0]);
    }

    [Fact]
    public void The_factorial_fixture_has_the_notebooks_memory_and_eleven_commands()
    {
        var official = Read(Fixture("factorial_cmds.csv"), Fixture("factorial_init_mem.csv"));
        Assert.Equal([-1L, 0, 5, -5, 0, 0, -2, -1, 0, 1], official.Memory);
        Assert.Equal(11, official.Commands.Count);
        Assert.Equal(new OfficialCommand(3, 2, 22), official.Commands[^1]);
    }

    [Fact]
    public void The_random_style_program_with_a_scratchpad_of_8_runs_as_the_official_interpreter_runs_it()
    {
        var program = AssertSameRun(Fixture("random_cmds.csv"), Fixture("random_init_mem.csv"), 8);
        Assert.Equal(8, program.Word.Bits);   // max |mem| = 39: floor(log2 39) + 3
    }

    [Fact]
    public void Commands_cells_and_the_EOF_keep_their_places_and_the_assembler_appends_its_halt_after_them()
    {
        var official = Read(Fixture("random_cmds.csv"), Fixture("random_init_mem.csv"), 8);
        var program = Assemble(official);
        Assert.Equal(official.Memory, program.InitialMemory.Take(8));
        for (int j = 0; j < official.Commands.Count; j++)
        {
            var (a, b, c) = official.Commands[j];
            Assert.Equal((a - 8, b - 8, c - 16), (program.Instructions[j].A, program.Instructions[j].B, program.Instructions[j].Target));
        }
        Assert.Equal((0, 1, 15), (program.Instructions[15].A, program.Instructions[15].B, program.Instructions[15].Target));
        Assert.Equal(17, program.Instructions.Count);
        Assert.True(program.Instructions[16].IsHaltAt(16));
        Assert.True(program.IsSubleqOnly);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"m{i}"), program.Outputs);
        Assert.Contains("cmd15: subleq m0, m1, cmd15", official.ToLasm());
    }

    [Fact]
    public void Random_official_programs_agree_with_the_official_interpreter_loop_for_loop()
    {
        var random = new Random(18);
        int reachedEnd = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            int s = random.Next(1, 9), m = random.Next(2, 9), k = random.Next(1, 17), bits = random.Next(4, 10);
            long half = 1L << (bits - 1);
            var memory = Enumerable.Range(0, m).Select(_ => random.NextInt64(-half / 2, half / 2)).ToArray();
            var commands = Enumerable.Range(0, k).Select(_ => (A: s + random.Next(m), B: s + random.Next(m), C: s + m + random.Next(k))).ToList();
            if (random.Next(4) > 0)
            {
                // The official EOF on cells ZERO = 0 and MINUS_ONE = -1 (mostly; sometimes the program runs off the end).
                (memory[0], memory[1]) = (0, -1);
                commands[^1] = (s, s + 1, s + m + k - 1);
            }
            string commandsCsv = "a,b,c\n" + string.Join("\n", commands.Select(c => $"{c.A},{c.B},{c.C}"));
            string memoryCsv = "mem\n" + string.Join("\n", memory) + "\n";
            const int loops = 60;
            var expected = Official(commandsCsv, memoryCsv, s, bits, loops);
            var official = Read(commandsCsv, memoryCsv, s, bits);
            var run = Interpreter.Run(Assemble(official), null, loops);
            // A fixed point is a halt: after it, the official run's memory no longer changes either.
            Assert.Equal(expected.Memory, run.Memory.Take(m));
            if (expected.StepsToEnd is { } steps)
            {
                reachedEnd++;
                Assert.Equal((RunStatus.Halted, steps), (run.Status, run.Steps));
            }
        }
        Assert.True(reachedEnd > 100, $"only {reachedEnd} runs reached the end");
    }

    [Theory]
    [InlineData(new long[] { -1, 0, 7, -7 }, 5)]
    [InlineData(new long[] { 5040 }, 15)]        // the factorial(7) notebook's N
    [InlineData(new long[] { 0, -1 }, 3)]
    [InlineData(new long[] { -64, 63 }, 9)]
    [InlineData(new long[] { 0 }, WordFormat.MinBits)]
    [InlineData(new long[] { long.MinValue }, WordFormat.MaxBits)]
    public void The_word_width_has_the_notebooks_headroom(long[] memory, int bits)
    {
        Assert.Equal(bits, OfficialProgram.NotebookBits(memory));
    }

    [Fact]
    public void Bits_replace_the_notebooks_width_and_a_value_that_does_not_fit_them_is_an_error()
    {
        var wide = Read(Fixture("factorial_cmds.csv"), Fixture("factorial_init_mem.csv"), bits: 12);
        Assert.Equal(12, Assemble(wide).Word.Bits);
        var (program, diagnostics) = OfficialProgram.Read(Fixture("factorial_cmds.csv"), "f_cmds.csv", Fixture("factorial_init_mem.csv"), "f_mem.csv", bits: 3);
        Assert.Null(program);
        Assert.Equal(["f_mem.csv:4:1: error: 5 does not fit 3-bit words (-4..3); give more --bits", "f_mem.csv:5:1: error: -5 does not fit 3-bit words (-4..3); give more --bits"],
            diagnostics.Select(d => d.ToString()));
    }

    public static TheoryData<string, string, int, string, int, int, string> Malformed => new()
    {
        { "a,b,c\n2,3,5\n2,3\n", "mem\n0\n-1\n", 2, "cmds.csv", 3, 1, "expected 3 fields (a,b,c); this row has 2" },
        { "a,b,c\n2,3,5,1\n", "mem\n0\n-1\n", 2, "cmds.csv", 2, 1, "this row has 4" },
        { "a,b,c\n2,3,5\n", "mem\n0\n-1,2\n", 2, "mem.csv", 3, 1, "expected 1 field (mem); this row has 2" },
        { "a,b,c\n2,x3,5\n", "mem\n0\n-1\n", 2, "cmds.csv", 2, 3, "'x3' is not an integer (field b)" },
        { "a,b,c\n2,3,5\n", "mem\n0\n1.5\n", 2, "mem.csv", 3, 1, "'1.5' is not an integer (field mem)" },
        { "a,b,c\n2,3, \n", "mem\n0\n-1\n", 2, "cmds.csv", 2, 5, "'' is not an integer (field c)" },
        { "a;b;c\n2,3,4\n", "mem\n0\n-1\n", 2, "cmds.csv", 1, 1, "expected the header 'a,b,c'" },
        { "a,b,c\n2,3,4\n", "value\n0\n", 2, "mem.csv", 1, 1, "expected the header 'mem'" },
        { "", "mem\n0\n", 2, "cmds.csv", 1, 1, "the file is empty" },
        { "a,b,c\n", "mem\n0\n", 2, "cmds.csv", 1, 1, "has no commands" },
        { "a,b,c\n2,2,3\n", "mem\n", 2, "mem.csv", 1, 1, "has no values" },
        { "a,b,c\n1,3,4\n", "mem\n0\n-1\n", 2, "cmds.csv", 2, 1, "a = 1 is not a memory column (2..3); with S = 2, 2 cells and 1 command, the memory is columns 2..3 and the commands 4..4: is S right?" },
        { "a,b,c\n2,4,4\n", "mem\n0\n-1\n", 2, "cmds.csv", 2, 3, "b = 4 is not a memory column (2..3)" },
        { "a,b,c\n2,3,5\n", "mem\n0\n-1\n", 2, "cmds.csv", 2, 5, "c = 5 is not a command column (4..4)" },
        { "a,b,c\n2,3,3\n", "mem\n0\n-1\n", 2, "cmds.csv", 2, 5, "c = 3 is not a command column (4..4)" },
        { "a,b,c\n8,9,16\n", "mem\n0\n-1\n", 2, "cmds.csv", 2, 1, "is S right? (--scratchpad; the notebooks use 2, the random programs of run.sh 8)" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_files_are_reported_at_their_file_line_and_column(string commands, string memory, int scratchpad, string file, int line, int column, string message)
    {
        var (program, diagnostics) = OfficialProgram.Read(commands, "cmds.csv", memory, "mem.csv", scratchpad);
        Assert.Null(program);
        var error = diagnostics[0];
        Assert.Equal((file, line, column), (error.Location.File, error.Location.Line, error.Location.Column));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Windows_line_ends_a_byte_order_mark_spaces_and_blank_lines_are_read_as_pandas_reads_them()
    {
        var official = Read("\uFEFFa, b, c\r\n\r\n 2, 3,4\r\n", "mem\r\n0\r\n\r\n-1");
        Assert.Equal([0L, -1], official.Memory);
        Assert.Equal(new OfficialCommand(2, 3, 4), Assert.Single(official.Commands));
    }

    static string[] FixtureArguments(string name) =>
        [Path.Combine(BundledPrograms.Directory, "official", $"{name}_cmds.csv"), Path.Combine(BundledPrograms.Directory, "official", $"{name}_init_mem.csv")];

    [Fact]
    public void Looped_import_official_prints_the_program_and_writes_it_with_o_for_run_and_verify()
    {
        var printed = LoopedProcess.Run(["import", "official", .. FixtureArguments("random"), "--scratchpad", "8"]);
        Assert.True(printed.ExitCode == 0, printed.Error);
        Assert.Contains(".subleq", printed.Out);
        Assert.Contains("cmd15: subleq m0, m1, cmd15", printed.Out);

        string path = Path.Combine(Path.GetTempPath(), $"looped-import-{Guid.NewGuid():N}.lasm");
        try
        {
            var written = LoopedProcess.Run(["import", "official", .. FixtureArguments("random"), "--scratchpad", "8", "-o", path]);
            Assert.True(written.ExitCode == 0, written.Error);
            Assert.Contains("8 cells, 16 commands, 8-bit words (S = 8)", written.Out);
            Assert.Equal(printed.Out, File.ReadAllText(path));
            var run = LoopedProcess.Run("run", path, "--mixer", "linear", "--max-steps", "1000");
            Assert.True(run.ExitCode == 0, run.Out + run.Error);
            Assert.Contains("m2 = 102", run.Out);
            Assert.Contains("halted after 48 loops", run.Out);
            var verify = LoopedProcess.Run("verify", path, "--machine", "paper-subleq", "--max-steps", "1000");
            Assert.True(verify.ExitCode == 0, verify.Out + verify.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Looped_import_official_reports_bad_files_with_exit_1_and_bad_usage_with_exit_2()
    {
        string commands = Path.Combine(Path.GetTempPath(), $"looped-import-{Guid.NewGuid():N}_cmds.csv");
        File.WriteAllText(commands, "a,b,c\n2,3\n");
        try
        {
            var ragged = LoopedProcess.Run("import", "official", commands, FixtureArguments("factorial")[1]);
            Assert.Equal(1, ragged.ExitCode);
            Assert.Contains($"{commands}:2:1: error: expected 3 fields", ragged.Error);
            Assert.DoesNotContain("   at ", ragged.Error);
        }
        finally
        {
            File.Delete(commands);
        }
        var missing = LoopedProcess.Run("import", "official", FixtureArguments("factorial")[0]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("see: looped import official --help", missing.Error);
        var negative = LoopedProcess.Run(["import", "official", .. FixtureArguments("factorial"), "--scratchpad", "-1"]);
        Assert.Equal(2, negative.ExitCode);
        Assert.Contains("--scratchpad must be 1..", negative.Error);
        var absent = LoopedProcess.Run("import", "official", "no_cmds.csv", "no_init_mem.csv");
        Assert.Equal(1, absent.ExitCode);
        Assert.Contains("no such file", absent.Error);
    }
}
