using LoopedComputer.Tests.Studies;
namespace LoopedComputer.Tests.Cli;

/// <summary>`looped study NAME --quick`: every study writes its tables with the documented columns and a PNG.</summary>
public class StudyCliTests
{
    public static TheoryData<string, string[]> Studies => new()
    {
        { "loops", ["loops.csv", "loops-fits.csv"] },
        { "capacity", ["capacity.csv", "capacity-layers.csv", "capacity-holds.csv", "capacity-fits.csv"] },
        { "frontier", ["frontier.csv", "frontier-fits.csv"] },
        { "precision", ["precision.csv", "precision-widest.csv"] },
        { "noise", ["noise.csv"] },
        { "cost", ["cost.csv", "cost-fits.csv"] },
        { "tradeoff", ["tradeoff.csv"] },
        { "units", ["units.csv"] },
    };

    static readonly Dictionary<string, string> Headers = new()
    {
        ["loops.csv"] = "family,size_parameter,size,variant,machine,word_bits,memory_cells,instructions,columns,loops,ran_on,transformer_loops",
        ["loops-fits.csv"] = "family,variant,quantity,law,parameter,r_squared,growth",
        ["capacity.csv"] = "machine,word_bits,columns,memory_cells,instructions,rows_d,layers,parameters,nonzero,nonzero_fraction",
        ["capacity-layers.csv"] = "machine,word_bits,columns,rows_d,layer,name,heads,mlp_hidden,parameters,nonzero",
        ["capacity-holds.csv"] = "machine,word_bits,rows_d,max_columns,memory_cells,instructions",
        ["capacity-fits.csv"] = "machine,d_constant,d_per_word_bit,d_per_log2_columns,d_max_abs_residual,parameters_exponent_in_d",
        ["frontier.csv"] = "machine,dtype,columns,word_bits,rows_d,compiler_max_word_bits,programs,loops,lambda_exact,lambda_failing,tries,exact_tries,lambda_bound,bound_over_frontier,paper_lambda,linear_exact,seconds",
        ["frontier-fits.csv"] = "machine,dtype,cells,constant,per_ln_columns,per_word_bit,max_abs_residual,bound_looser_than_2x_cells,worst_bound_over_frontier,cells_above_bound",
        ["precision.csv"] = "machine,dtype,mixer,columns,word_bits,compiler_max_word_bits,lambda,programs,loops,exact_programs,first_divergence_loop,median_divergence_loop,first_wrong_layer",
        ["precision-widest.csv"] = "machine,dtype,mixer,columns,widest_exact_word_bits,compiler_max_word_bits",
        ["noise.csv"] = "machine,target,error_correction,correction_units_removed,sigma,columns,word_bits,programs,loops,diverged_programs,first_divergence_loop,median_divergence_loop",
        ["cost.csv"] = "machine,mixer,device,dtype,columns,rows_d,loops_timed,seconds_per_loop,state_bytes,peak_rss_above_baseline_bytes",
        ["cost-fits.csv"] = "machine,mixer,time_exponent,memory_exponent",
        ["tradeoff.csv"] = "task,variant,machine,word_bits,operand_bits,columns,rows_d,parameters,instructions,loops,ran_on,transformer_loops",
        ["units.csv"] = "function,word_bits,input,variant,loops,result,rows_d,parameters,non_zero,hidden_units,unit_form,seconds_per_loop",
    };

    static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    static string TemporaryFolder() => Path.Combine(Path.GetTempPath(), $"looped-study-{Guid.NewGuid():N}");

    [Theory]
    [MemberData(nameof(Studies))]
    public void Quick_study_writes_its_tables_and_figure(string study, string[] tables)
    {
        string folder = TemporaryFolder();
        try
        {
            var run = LoopedProcess.Run("study", study, "--quick", "--output", folder);
            Assert.True(run.ExitCode == 0, run.Error);
            foreach (var table in tables)
            {
                var lines = File.ReadAllLines(Path.Combine(folder, table));
                Assert.Equal(Headers[table], lines[0]);
                Assert.True(lines.Length > 1, $"{table} has no rows");
                int columns = StudyRun.Fields(lines[0]).Count;
                Assert.All(lines.Skip(1), line => Assert.Equal(columns, StudyRun.Fields(line).Count));
            }
            var pngs = Directory.GetFiles(folder, "*.png");
            Assert.NotEmpty(pngs);
            Assert.All(pngs, png => Assert.Equal(PngSignature, File.ReadAllBytes(png).Take(8).ToArray()));
            Assert.Empty(Directory.GetFiles(folder, ".*")); // no temporary file left behind
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Loops_study_counts_match_the_documented_expansions_and_the_transformer()
    {
        string folder = TemporaryFolder();
        try
        {
            var run = LoopedProcess.Run("study", "loops", "--quick", "--output", folder);
            Assert.True(run.ExitCode == 0, run.Error);
            var rows = File.ReadAllLines(Path.Combine(folder, "loops.csv")).Skip(1).Select(StudyRun.Fields).ToList();
            // Unrolled SUBLEQ sum: `clr sum` is 1 instruction and `add sum, cell` 3 (docs/assembler.md), each run once.
            foreach (var row in rows.Where(r => r[0] == "sum" && r[3] == "subleq"))
                Assert.Equal(1 + 3 * long.Parse(row[2]), long.Parse(row[9]));
            // FLEQ's multiply is one `mul` whatever the operands.
            Assert.All(rows.Where(r => r[0] == "multiply" && r[3] == "fleq"), r => Assert.Equal("1", r[9]));
            // The sampled row ran on the transformer in lockstep, and took as many loops as the interpreter's steps.
            var sampled = rows.Where(r => r[11] != "").ToList();
            Assert.NotEmpty(sampled);
            Assert.All(sampled, r => Assert.Equal(r[9], r[11]));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_output_path_that_is_a_file_or_stdout_is_refused_with_a_message()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "keep\n");
            var run = LoopedProcess.Run("study", "capacity", "--quick", "--output", file);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"--output {file}: is not a folder; give a folder", run.Error);
            Assert.DoesNotContain("   at ", run.Out + run.Error);
            Assert.Equal("keep\n", File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
        var onStdout = LoopedProcess.Run("study", "capacity", "--quick", "--output", "-");
        Assert.Equal(2, onStdout.ExitCode);
        Assert.Contains("--output -: this output is a folder of files; give a folder", onStdout.Error);
    }
}
