using System.Text.Json;
using LoopedComputer.Isa;
using LoopedComputer.Tests.Programs;

namespace LoopedComputer.Tests.Cli;

/// <summary>`looped run` over an input table and over several programs of one shape, as batches.</summary>
public sealed class BatchCliTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("looped-batch-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    string Write(string name, string text)
    {
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    static List<string[]> Lines(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();

    static long Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    [Fact]
    public void An_input_table_runs_as_batches_and_every_row_has_its_result_and_the_interpreters_loop_count()
    {
        int[] inputs = [0, 6, 1, 7, 3];
        var table = Write("n.csv", "n\n" + string.Join("\n", inputs) + "\n");
        var run = LoopedProcess.Run("run", LoopedProcess.Program("factorial.lasm"), "--inputs", table, "--batch-size", "2", "--machine", "paper-subleq");
        Assert.Equal(0, run.ExitCode);
        var lines = Lines(run.Out);
        Assert.Equal(["n", "result", "loops", "status"], lines[0]);
        var program = BundledPrograms.Load("factorial.lasm");
        for (int i = 0; i < inputs.Length; i++)
        {
            long steps = Interpreter.Run(program, program.MemoryWith([CellAssignment.Parse($"n={inputs[i]}")]), 100_000).Steps;
            Assert.Equal([inputs[i].ToString(), Factorial(inputs[i]).ToString(), steps.ToString(), "halted"], lines[i + 1]);
        }
        Assert.Contains("5 runs in 3 batches of up to 2", run.Error);
        Assert.Contains("program-loops/s", run.Error);
    }

    /// <summary>The input tables in programs/inputs: every record's outputs and loops are the interpreter's.</summary>
    [Theory]
    [InlineData("factorial")]
    [InlineData("gcd")]
    public void The_bundled_input_tables_run_and_match_the_interpreter(string name)
    {
        var run = LoopedProcess.Run("run", LoopedProcess.Program($"{name}.lasm"), "--inputs", LoopedProcess.Program($"inputs/{name}.csv"), "--mixer", "linear");
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = Lines(run.Out);
        var program = BundledPrograms.Load($"{name}.lasm");
        var inputNames = lines[0].TakeWhile(column => column != "result").ToArray();
        Assert.True(lines.Count > 2, "a bundled table has several records");
        foreach (var record in lines.Skip(1))
        {
            var memory = program.MemoryWith(inputNames.Select((column, i) => CellAssignment.Parse($"{column}={record[i]}")));
            var expected = Interpreter.Run(program, memory, 100_000);
            Assert.Equal(program.Read(expected.Memory, "result").Values[0].ToString(), record[inputNames.Length]);
            Assert.Equal([expected.Steps.ToString(), "halted"], record[(inputNames.Length + 1)..]);
        }
    }

    [Fact]
    public void Array_inputs_and_outputs_use_the_set_syntax_and_the_results_go_to_a_file_as_json()
    {
        var table = Write("lists.csv", "list\n\"[3,1,2,0,-1,5,4,-2]\"\n\"[1,1,1,1,1,1,1,1]\"\n");
        var output = Path.Combine(directory, "out.json");
        var run = LoopedProcess.Run("run", LoopedProcess.Program("bubble_sort.lasm"), "--inputs", table, "--json", "-o", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var runs = json.RootElement.GetProperty("Runs").EnumerateArray().ToList();
        Assert.Equal([-2, -1, 0, 1, 2, 3, 4, 5], runs[0].GetProperty("Outputs").GetProperty("list").EnumerateArray().Select(v => v.GetInt64()));
        Assert.Equal(Enumerable.Repeat(1L, 8), runs[1].GetProperty("Outputs").GetProperty("list").EnumerateArray().Select(v => v.GetInt64()));
        Assert.Equal("[3,1,2,0,-1,5,4,-2]", runs[0].GetProperty("Inputs").GetProperty("list").GetString());
        Assert.True(json.RootElement.GetProperty("ProgramLoopsPerSecond").GetDouble() > 0);
    }

    const string Copy = """
        .subleq
        .bits 8
        x: .word {0}
        y: .word 0
        .output y
                mov y, x
        """;

    [Fact]
    public void Programs_of_one_shape_run_as_one_batch_and_another_shape_is_refused()
    {
        var first = Write("first.lasm", string.Format(Copy, 5));
        var second = Write("second.lasm", string.Format(Copy, -9));
        var run = LoopedProcess.Run("run", first, second, "--machine", "paper-subleq");
        Assert.Equal(0, run.ExitCode);
        var lines = Lines(run.Out);
        Assert.Equal(["program", "y", "loops", "status"], lines[0]);
        Assert.Equal(["first", "5"], lines[1][..2]);
        Assert.Equal(["second", "-9"], lines[2][..2]);

        var bigger = Write("bigger.lasm", string.Format(Copy, 1) + "\nz: .word 0\n");
        var refused = LoopedProcess.Run("run", first, bigger);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("a batch runs programs of one shape: bigger has", refused.Error);
        Assert.DoesNotContain("   at ", refused.Error);
    }

    [Theory]
    [InlineData("m\n3\n", "column 'm' is not a declared input of factorial (inputs: n)")]
    [InlineData("n\n3\n4,5\n", "line 3: 2 fields, but the header names 1 columns")]
    [InlineData("n\n99999999\n", "line 2: ")]
    [InlineData("n\nseven\n", "line 2: n: 'seven' is not an integer")]
    [InlineData("n\n", "the table has a header but no rows")]
    [InlineData("", "the table is empty")]
    [InlineData("n\n\"3\n", "a quoted field is not closed")]
    public void A_bad_input_table_is_refused_with_the_line_and_the_problem(string text, string message)
    {
        var table = Write("bad.csv", text);
        var run = LoopedProcess.Run("run", LoopedProcess.Program("factorial.lasm"), "--inputs", table);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void Rows_that_do_not_halt_are_marked_the_table_is_still_written_and_the_exit_code_is_3()
    {
        var table = Write("n.csv", "n\n1\n7\n");
        var output = Path.Combine(directory, "out.csv");
        var run = LoopedProcess.Run("run", LoopedProcess.Program("factorial.lasm"), "--inputs", table, "--max-steps", "50", "-o", output, "--machine", "paper-subleq");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("1 of 2 runs (runs 2) did not halt within 50 loops", run.Error);
        var lines = Lines(File.ReadAllText(output));
        Assert.Equal("halted", lines[1][^1]);
        Assert.Equal(["50", "step-limit"], lines[2][^2..]);
    }

    [Fact]
    public void The_progress_line_appears_when_asked_and_never_under_json()
    {
        var shown = LoopedProcess.Run("run", LoopedProcess.Program("factorial.lasm"), "--machine", "paper-subleq", "--progress", "always");
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("loops (", shown.Error);
        var quiet = LoopedProcess.Run("run", LoopedProcess.Program("factorial.lasm"), "--machine", "paper-subleq", "--progress", "always", "--json");
        Assert.Equal(0, quiet.ExitCode);
        Assert.DoesNotContain("loops (", quiet.Error);
        using var json = JsonDocument.Parse(quiet.Out);
        Assert.Equal(5040, json.RootElement.GetProperty("Outputs").GetProperty("result")[0].GetInt64());
        var bad = LoopedProcess.Run("run", LoopedProcess.Program("factorial.lasm"), "--progress", "sometimes");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--progress: unknown mode 'sometimes'", bad.Error);
    }

    [Fact]
    public void Results_that_cannot_be_written_at_the_end_are_printed_instead_of_lost()
    {
        // /dev/full passes the check before the run (a device is written directly) and fails the write.
        var run = LoopedProcess.Run("run", LoopedProcess.Program("factorial.lasm"), "--machine", "paper-subleq", "-o", "/dev/full");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--output /dev/full: cannot write it", run.Error);
        Assert.Contains("the results are printed above instead", run.Error);
        Assert.Contains("5040", run.Out);
    }
}
