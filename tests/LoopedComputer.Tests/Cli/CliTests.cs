namespace LoopedComputer.Tests.Cli;

public class CliTests
{
    static void AssertNoStackTrace(LoopedProcess.Outcome outcome) =>
        Assert.DoesNotContain("   at ", outcome.Out + outcome.Error);

    [Fact]
    public void Interp_prints_outputs_and_step_count()
    {
        var run = LoopedProcess.Run("interp", LoopedProcess.Program("factorial.lasm"), "--set", "n=5");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("result = 120", run.Out);
        Assert.Matches(@"halted after \d+ steps", run.Out);
    }

    [Fact]
    public void Interp_trace_prints_one_line_per_step_with_source()
    {
        var run = LoopedProcess.Run("interp", LoopedProcess.Program("factorial.lasm"), "--set", "n=0", "--trace");
        Assert.Equal(0, run.ExitCode);
        var steps = run.Out.Split('\n').Where(l => l.Contains(" pc ")).ToList();
        var halted = System.Text.RegularExpressions.Regex.Match(run.Out, @"halted after (\d+) steps");
        Assert.Equal(int.Parse(halted.Groups[1].Value), steps.Count);
        Assert.Contains("line ", steps[0]);
    }

    [Theory]
    [InlineData("nosuch=3", "'nosuch' is not an input")]
    [InlineData("n=99999999", "does not fit")]
    [InlineData("n=abc", "is not an integer")]
    [InlineData("n", "expected name=value")]
    public void Interp_refuses_bad_set_values_with_a_message(string assignment, string message)
    {
        var run = LoopedProcess.Run("interp", LoopedProcess.Program("factorial.lasm"), "--set", assignment);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error);
        AssertNoStackTrace(run);
    }

    [Fact]
    public void Step_limit_is_an_error_with_its_own_exit_code()
    {
        var run = LoopedProcess.Run("interp", LoopedProcess.Program("factorial.lasm"), "--max-steps", "10");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("did not halt within 10 steps", run.Error);
        Assert.Contains("--max-steps", run.Error);
    }

    [Fact]
    public void Asm_reports_every_error_with_location_and_caret()
    {
        var run = LoopedProcess.RunOnSource("x: .word 1\n  jmp lop\nloop: halt\n  frob x\n", "asm");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(":2:7: error: unknown label 'lop'; did you mean 'loop'?", run.Error);
        Assert.Contains(":4:3: error: unknown instruction 'frob'", run.Error);
        Assert.Contains("2 errors", run.Error);
        Assert.Contains("^", run.Error);
        AssertNoStackTrace(run);
    }

    [Fact]
    public void Asm_listing_shows_shape_source_lines_and_memory_map()
    {
        var run = LoopedProcess.Run("asm", LoopedProcess.Program("factorial.lasm"), "--listing");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("word N = 16 bits", run.Out);
        Assert.Contains("outer:", run.Out);
        Assert.Contains("n (input)", run.Out);
        Assert.Contains("result (output)", run.Out);
        Assert.Matches(@"machine paper-subleq: n = \d+ columns, d = \d+ rows, 10 layers", run.Out);
        // The layer tables of both machines, as their plans generate them.
        Assert.Contains("| # | layer | blocks | heads | MLP width | reads → writes | clears |", run.Out);
        Assert.Contains("| 1 | fetch | fetch | 1 |", run.Out);
        Assert.Contains("| 8 | pc + 1 | pc + 1 | 0 | 49 | Pc → Pc | — |", run.Out); // logn = 6: 8·logn + 1 units
    }

    [Fact]
    public void Check_runs_the_declared_expectations()
    {
        var run = LoopedProcess.Run("check", LoopedProcess.Program("factorial.lasm"));
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"\d+ passed, 0 failed", run.Out);
    }

    [Fact]
    public void Check_fails_with_its_exit_code_when_an_expectation_is_wrong()
    {
        var run = LoopedProcess.RunOnSource("x: .word 2\n.input x\n.output x\n.expect x=3 => x=5\n  inc x\n  halt\n", "check");
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("expected x=5, got x=4", run.Out);
        Assert.Contains("0 passed, 1 failed", run.Out);
    }

    [Fact]
    public void Missing_file_and_usage_errors_are_messages_not_crashes()
    {
        var missing = LoopedProcess.Run("interp", "no/such/file.lasm");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no such file", missing.Error);
        AssertNoStackTrace(missing);

        var usage = LoopedProcess.Run("interp", LoopedProcess.Program("factorial.lasm"), "--frobnicate");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("--frobnicate", usage.Error);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("asm", "--help")]
    [InlineData("interp", "--help")]
    [InlineData("check", "--help")]
    public void Help_is_available_everywhere(params string[] args)
    {
        var run = LoopedProcess.Run(args);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out);
    }
}

public class TransformerCliTests
{
    [Fact]
    public void Run_prints_the_machine_shape_outputs_and_loop_count()
    {
        var run = LoopedProcess.Run("run", LoopedProcess.Program("factorial.lasm"), "--machine", "paper-subleq", "--set", "n=4");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("machine paper-subleq: n = ", run.Out);
        Assert.Contains("10 layers", run.Out);
        Assert.Contains("result = 24", run.Out);
        Assert.Matches(@"halted after \d+ loops", run.Out);
    }

    [Fact]
    public void Verify_reports_lockstep_agreement_in_float64()
    {
        var run = LoopedProcess.Run("verify", LoopedProcess.Program("factorial.lasm"), "--dtype", "float64", "--set", "n=3");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("machine fleq:", run.Out);
        Assert.Contains("13 layers", run.Out);
        Assert.Contains("verified: PC and all", run.Out);
        run = LoopedProcess.Run("verify", LoopedProcess.Program("factorial.lasm"), "--machine", "paper-subleq", "--set", "n=3");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("verified: PC and all", run.Out);
    }

    [Theory]
    [InlineData("--lambda", "2", "below the safe bound", 1)] // needs the program's bound: an input refused
    [InlineData("--lambda", "1e308", "is above 2.66E+36, the largest λ float32 carries", 1)]
    [InlineData("--lambda", "Infinity", "is above 2.66E+36", 1)]
    [InlineData("--lambda", "NaN", "λ = NaN is not a number; use --lambda from ", 1)]
    [InlineData("--dtype", "float16", "unknown dtype 'float16'", 2)]
    [InlineData("--machine", "turing", "unknown machine 'turing'", 2)]
    [InlineData("--device", "tpu", "unknown device 'tpu'", 2)]
    [InlineData("--mixer", "quadratic", "unknown mixer 'quadratic'", 2)]
    public void Bad_machine_options_are_refused_with_a_message(string option, string value, string message, int exitCode)
    {
        var run = LoopedProcess.Run("run", LoopedProcess.Program("factorial.lasm"), option, value);
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Theory]
    [InlineData("fleq")]
    [InlineData("paper-subleq")]
    public void The_linear_mixer_runs_and_verifies_on_both_machines(string machine)
    {
        var run = LoopedProcess.Run("run", LoopedProcess.Program("factorial.lasm"), "--machine", machine, "--mixer", "linear", "--set", "n=5");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("linear mixer (exact, no λ)", run.Out);
        Assert.Contains("result = 120", run.Out);
        var verify = LoopedProcess.Run("verify", LoopedProcess.Program("factorial.lasm"), "--machine", machine, "--mixer", "linear", "--set", "n=3");
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("verified: PC and all", verify.Out);
    }

    [Fact]
    public void A_temperature_for_the_linear_mixer_is_refused()
    {
        var run = LoopedProcess.Run("run", LoopedProcess.Program("factorial.lasm"), "--mixer", "linear", "--lambda", "20");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the linear mixer has none", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void Run_refuses_a_FLEQ_program_on_the_paper_machine()
    {
        var run = LoopedProcess.RunOnSource("x: .word 3\n.output x\n  mul x, x, x\n  halt\n", "run", "--machine", "paper-subleq");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("SUBLEQ only", run.Error);
    }

    [Fact]
    public void Run_reports_the_step_limit()
    {
        var run = LoopedProcess.Run("run", LoopedProcess.Program("factorial.lasm"), "--max-steps", "5");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("did not halt within 5 loops", run.Error);
    }

    [Fact]
    public void Bench_prints_json_rows_with_the_interpreter_beside_the_transformer()
    {
        var run = LoopedProcess.Run("bench", "--machine", "paper-subleq", "--mixer", "softmax", "--random-columns", "40", "--random-loops", "5", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Out);
        var rows = json.RootElement.GetProperty("Rows").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("factorial(7)", rows[0].GetProperty("Program").GetString());
        Assert.Equal("softmax", rows[0].GetProperty("Mixer").GetString());
        Assert.True(rows[0].GetProperty("LoopsPerSecond").GetDouble() > 0);
        Assert.True(rows[0].GetProperty("InterpreterStepsPerSecond").GetDouble() > 0);
        Assert.Equal(5, rows[1].GetProperty("Loops").GetInt64());
        Assert.Equal("", run.Error); // quiet under --json
    }

    [Fact]
    public void Bench_prints_each_rows_useful_work_its_rate_and_its_fraction_of_the_limit_measured_in_the_same_run()
    {
        var run = LoopedProcess.Run("bench", "--machine", "paper-subleq", "--mixer", "linear", "--random-columns", "40", "--random-loops", "5", "--loops", "100", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Out);
        var peak = Assert.Single(json.RootElement.GetProperty("Peaks").EnumerateArray());
        Assert.Equal("float32", peak.GetProperty("Dtype").GetString());
        double sparse = peak.GetProperty("SparseMacsPerSecond").GetDouble(), dense = peak.GetProperty("DenseMacsPerSecond").GetDouble();
        Assert.True(sparse > 0 && dense > 0);
        foreach (var row in json.RootElement.GetProperty("Rows").EnumerateArray())
        {
            var work = row.GetProperty("Work");
            long macs = work.GetProperty("MacsPerLoop").GetInt64();
            Assert.Equal(macs, work.GetProperty("FeedForwardMacsPerLoop").GetInt64() + work.GetProperty("MixerMacsPerLoop").GetInt64());
            Assert.True(work.GetProperty("MixerMacsPerLoop").GetInt64() > 0);
            double rate = macs * row.GetProperty("LoopsPerSecond").GetDouble() * row.GetProperty("Batch").GetInt32();
            Assert.Equal(rate, work.GetProperty("MacsPerSecond").GetDouble(), rate * 1e-9);
            double threads = row.GetProperty("Threads").GetInt32();
            Assert.Equal(rate / (sparse * threads), work.GetProperty("FractionOfPeak").GetDouble(), 1e-9);
            Assert.Equal(rate / (dense * threads), work.GetProperty("FractionOfDensePeak").GetDouble(), 1e-9);
        }

        var text = LoopedProcess.Run("bench", "--machine", "paper-subleq", "--mixer", "linear", "--random-columns", "40", "--random-loops", "5", "--loops", "100");
        Assert.Equal(0, text.ExitCode);
        var limit = System.Text.RegularExpressions.Regex.Match(text.Out, @"limit, measured in this run on one core \(float32\): the native engine's sparse row-sum kernel in cache ([\d.]+) ([kMGT]?)MAC/s");
        Assert.True(limit.Success, text.Out);
        Assert.Matches(@"MAC/loop\s+MAC/s\s+of peak\n", text.Out);
        // Each row's last three columns: MAC per loop, its rate with a prefix, the fraction of the peak.
        var rowMatches = System.Text.RegularExpressions.Regex.Matches(text.Out, @"^(factorial\(7\)|random n=40) .* ([\d,.]+)\s+([\d,]+)\s+([\d.]+) ([kMGT]?)\s+([\d.]+) %$", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.Equal(2, rowMatches.Count);
        double Scaled(string number, string prefix) => double.Parse(number, System.Globalization.CultureInfo.InvariantCulture) * prefix switch { "k" => 1e3, "M" => 1e6, "G" => 1e9, "T" => 1e12, _ => 1 };
        double peakRate = Scaled(limit.Groups[1].Value, limit.Groups[2].Value);
        foreach (System.Text.RegularExpressions.Match m in rowMatches)
        {
            double macRate = Scaled(m.Groups[4].Value, m.Groups[5].Value), percent = double.Parse(m.Groups[6].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(macRate / peakRate * 100, percent, macRate / peakRate * 100 * 0.02 + 0.1); // both printed to 3 figures
        }
    }

    [Fact]
    public void Bench_lockstep_times_each_row_verified_and_prints_its_cost_against_the_plain_run()
    {
        var run = LoopedProcess.Run("bench", "--machine", "fleq", "--mixer", "linear", "--random-columns", "24", "--random-loops", "5", "--loops", "100", "--lockstep", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Out);
        foreach (var row in json.RootElement.GetProperty("Rows").EnumerateArray())
        {
            double plain = row.GetProperty("LoopsPerSecond").GetDouble(), lockstep = row.GetProperty("LockstepLoopsPerSecond").GetDouble();
            Assert.True(lockstep > 0);
            Assert.Equal(plain / lockstep, row.GetProperty("LockstepCost").GetDouble(), 1e-9);
        }
        var text = LoopedProcess.Run("bench", "--machine", "fleq", "--mixer", "linear", "--random-columns", "24", "--random-loops", "5", "--loops", "100", "--lockstep");
        Assert.Matches(@"lockstep \(every loop compared with the interpreter\) beside the plain runs above:\n  factorial\(7\) on fleq with linear \(native\): plain [\d,.]+ loops/s, lockstep [\d,.]+: \d+\.\d\d× a plain loop's time", text.Out);
        var plainRun = LoopedProcess.Run("bench", "--machine", "fleq", "--mixer", "linear", "--random-columns", "24", "--random-loops", "5", "--loops", "100", "--json");
        Assert.DoesNotContain("LockstepLoopsPerSecond\": 0", plainRun.Out);
        Assert.Contains("\"LockstepLoopsPerSecond\": null", plainRun.Out);
    }

    [Fact]
    public void Bench_times_every_machine_and_mixer_and_skips_what_a_machine_cannot_run()
    {
        var run = LoopedProcess.Run("bench", LoopedProcess.Program("multiply_fleq.lasm"), "--random-columns", "24", "--random-loops", "3", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Out);
        var rows = json.RootElement.GetProperty("Rows").EnumerateArray()
            .Select(r => (r.GetProperty("Program").GetString(), r.GetProperty("Machine").GetString(), r.GetProperty("Mixer").GetString())).ToList();
        Assert.Equal([("multiply_fleq", "fleq", "softmax"), ("multiply_fleq", "fleq", "linear"), ("random n=24", "fleq", "softmax"), ("random n=24", "fleq", "linear"),
            ("random n=24", "paper-subleq", "softmax"), ("random n=24", "paper-subleq", "linear"),
            ("random n=24", "classic", "softmax"), ("random n=24", "classic", "linear")], rows);
        Assert.Contains("skipped multiply_fleq on paper-subleq", run.Error);
        Assert.Contains("skipped multiply_fleq on classic", run.Error);
    }

    [Fact]
    public void Bench_sweep_fits_both_mixers_and_its_verdict_follows_the_ratios_it_prints()
    {
        var run = LoopedProcess.Run("bench", "--sweep", "--sweep-max", "512", "--machine", "paper-subleq", "--random-loops", "3", "--softmax-max-columns", "300");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("skipped random n=512 on paper-subleq with softmax: n = 512 is beyond --softmax-max-columns 300", run.Error);
        Assert.Matches(@"per-loop time ∝ n\^k with\n  linear mixer  k = -?\d+\.\d\d\n", run.Out); // two noisy points can fit a negative slope
        Assert.DoesNotContain("softmax       k =", run.Out); // one softmax size: no exponent, and none claimed

        var both = LoopedProcess.Run("bench", "--sweep", "--sweep-max", "512", "--machine", "paper-subleq", "--random-loops", "3");
        Assert.Equal(0, both.ExitCode);
        var ratios = System.Text.RegularExpressions.Regex.Matches(both.Out, @"n=(\d+): (\d+\.\d+)×").Select(m => double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, ratios.Count);
        if (ratios.Any(r => r == 1.00)) return; // printed to 2 places, a ratio of 1.00 could lie on either side of 1
        string verdict = ratios.All(r => r > 1) ? "the linear mixer is faster at every n"
            : ratios.All(r => r < 1) ? "softmax is faster at every n"
            : ratios[0] < 1 ? "crossover: softmax is faster below n ≈" : "no single crossover";
        Assert.True(both.Out.Contains(verdict), $"expected '{verdict}' for ratios {string.Join(", ", ratios)}:\n{both.Out}");
    }

    [Fact]
    public void Bench_names_the_faster_mixer_of_each_program_as_its_table_measured_it()
    {
        var run = LoopedProcess.Run("bench", "--machine", "paper-subleq", "--random-columns", "16", "--random-loops", "5", "--loops", "100");
        Assert.Equal(0, run.ExitCode);
        double Rate(string program, string mixer) => double.Parse(System.Text.RegularExpressions.Regex.Match(run.Out,
            $@"^{System.Text.RegularExpressions.Regex.Escape(program)}\s+paper-subleq\s+{mixer}\s+\S+\s+\S+\s+\S+\s+\d+\s+\d+\s+\d+\s+\d+\s+([\d,.]+)",
            System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        foreach (var program in new[] { "factorial(7)", "random n=16" })
        {
            double softmax = Rate(program, "softmax"), linear = Rate(program, "linear");
            Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(program)} on paper-subleq: .*: {(linear >= softmax ? "linear" : "softmax")} \d+\.\d\d× faster", run.Out);
        }
    }

    [Fact]
    public void Bench_profile_splits_each_layers_time_into_mixer_and_mlp()
    {
        var run = LoopedProcess.Run("bench", "--machine", "fleq", "--mixer", "linear", "--random-columns", "40", "--random-loops", "4", "--profile", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Out);
        foreach (var row in json.RootElement.GetProperty("Rows").EnumerateArray())
        {
            var layers = row.GetProperty("Layers").EnumerateArray().ToList();
            Assert.Equal(13, layers.Count);
            Assert.Equal("fetch", layers[0].GetProperty("Name").GetString());
            Assert.All(layers, l => Assert.True(l.GetProperty("FeedForwardSeconds").GetDouble() > 0));
            Assert.Equal(0, layers[2].GetProperty("MixerSeconds").GetDouble()); // clean operands: no heads
            Assert.True(layers[1].GetProperty("MixerSeconds").GetDouble() > 0); // three read heads
        }
        var text = LoopedProcess.Run("bench", "--machine", "paper-subleq", "--random-columns", "40", "--random-loops", "4", "--profile");
        Assert.Contains("where a loop's time goes: random n=40 on paper-subleq with softmax", text.Out);
        Assert.Contains("all mixers / all MLPs", text.Out);
    }

    [Fact]
    public void Bench_refuses_an_unknown_machine()
    {
        var run = LoopedProcess.Run("bench", "--machine", "tiny");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown machine 'tiny'", run.Error);
    }

    [Fact]
    public void Isa_option_overrides_the_programs_instruction_set()
    {
        var subleq = LoopedProcess.Run("interp", LoopedProcess.Program("gcd.lasm"));
        var fleq = LoopedProcess.Run("interp", LoopedProcess.Program("gcd.lasm"), "--isa", "fleq");
        Assert.Contains("result = 6", fleq.Out);
        int Steps(string output) => int.Parse(System.Text.RegularExpressions.Regex.Match(output, @"halted after (\d+) steps").Groups[1].Value);
        Assert.True(Steps(fleq.Out) < Steps(subleq.Out));
        var refused = LoopedProcess.Run("asm", LoopedProcess.Program("bubble_sort.lasm"), "--isa", "subleq");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("needs the FLEQ machine", refused.Error);
    }
}
