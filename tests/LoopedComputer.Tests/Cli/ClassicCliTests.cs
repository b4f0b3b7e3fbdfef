using System.Text.Json;
using System.Text.RegularExpressions;
using LoopedComputer.Tests.Programs;

namespace LoopedComputer.Tests.Cli;

/// <summary>
/// `--classic IMAGE` on the machine commands: the classic machine by default (one loop per
/// instruction), the emulator with --emulator, batches of images of one size, and fuzz and bench
/// with `--machine classic`. Expected values are read off the images by hand.
/// </summary>
public class ClassicCliTests
{
    static string Image(string file) => Path.Combine(BundledPrograms.Directory, "classic", "images", file);

    [Fact]
    public void Run_classic_runs_the_image_natively_one_loop_per_instruction_and_the_emulator_on_request()
    {
        var native = LoopedProcess.Run("run", "--classic", Image("negate.txt"));
        Assert.True(native.ExitCode == 0, native.Error);
        Assert.Contains("machine classic:", native.Out);
        Assert.Contains("output: -7", native.Out);
        Assert.Contains("memory: 9 10 3 10 -1 6 11 11 -1 7 -7 0", native.Out);
        Assert.Contains("halted (jump to a negative address) after 3 classic instructions, 3 loops", native.Out);

        var emulated = LoopedProcess.Run("run", "--classic", Image("negate.txt"), "--emulator", "--mixer", "linear");
        Assert.True(emulated.ExitCode == 0, emulated.Error);
        Assert.Contains("machine fleq:", emulated.Out);
        Assert.Contains("output: -7", emulated.Out);
        Assert.Matches(@"after 3 classic instructions, (\d\d+) loops", emulated.Out);
    }

    [Fact]
    public void Verify_classic_checks_the_machine_against_the_classic_interpreter()
    {
        var run = LoopedProcess.Run("verify", "--classic", Image("countdown.txt"), "--mixer", "linear", "--dtype", "float64");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("machine classic:", run.Out);
        // countdown outputs 5 … 1 (5 outputs, 4 decrements that stay positive, 4 jumps back, the last decrement): 15 instructions.
        Assert.Contains("after each of 15 loops, one per instruction", run.Out);
    }

    [Fact]
    public void Trace_classic_names_the_instruction_words_and_the_labelled_cells()
    {
        var run = LoopedProcess.Run("trace", "--classic", Image("countdown.txt"), "--to", "3", "--mixer", "linear");
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Out.Split('\n').Where(l => Regex.IsMatch(l, @"^\s+\d+\s+pc\s")).ToList();
        Assert.Equal(3, lines.Count);
        // countdown.txt: N at 12, ONE at 13, Z at 14, end at 9; words 12 -1 3 | 13 12 9 | 14 14 0.
        Assert.Matches(@"^\s+1\s+pc\s+0\s+12 -1 3\s.*interpreter: out\+0: 0 -> 5, outn: 0 -> 1; pc -> 3 \| transformer: same", lines[0]);
        Assert.Matches(@"^\s+2\s+pc\s+3\s+13 12 9\s.*interpreter: N: 5 -> 4; pc -> 6 \| transformer: same", lines[1]);
        Assert.Matches(@"^\s+3\s+pc\s+6\s+14 14 0\s.*interpreter: no write; pc -> 0 \| transformer: same", lines[2]);
    }

    [Fact]
    public void Show_and_export_take_an_image()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"looped-classic-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            string png = Path.Combine(folder, "x.png");
            var show = LoopedProcess.Run("show", "--classic", Image("add.txt"), "--png", png, "-k", "1");
            Assert.True(show.ExitCode == 0, show.Error);
            Assert.True(new FileInfo(png).Length > 0);
            string export = Path.Combine(folder, "export");
            var run = LoopedProcess.Run("export", "--classic", Image("add.txt"), "-o", export);
            Assert.True(run.ExitCode == 0, run.Error);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(export, "machine.json")));
            var description = json.RootElement;
            Assert.Equal("classic", description.GetProperty("machine").GetString());
            Assert.Equal(0, description.GetProperty("instructions").GetInt32());
            Assert.True(description.GetProperty("pc").GetProperty("twos_complement").GetBoolean());
            Assert.Equal(0, description.GetProperty("pc").GetProperty("minus").GetInt32());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Images_of_one_size_run_as_one_batch()
    {
        var run = LoopedProcess.Run("run", "--classic", Image("countdown.txt"), Image("negate.txt"), "--memory", "20", "--mixer", "linear", "-o", "-");
        Assert.True(run.ExitCode == 0, run.Error);
        var rows = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("classic SUBLEQ") && !l.StartsWith("machine")).ToList();
        Assert.Equal("program,out,outn,loops,status", rows[0]);
        Assert.Equal("countdown,\"[5,4,3,2,1,0,0,0,0,0,0,0,0,0,0,0]\",5,15,halted", rows[1]);
        Assert.Equal("negate,\"[-7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]\",1,3,halted", rows[2]);
    }

    [Fact]
    public void A_batch_row_that_stops_on_a_fault_says_which_and_the_batch_exits_4()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"looped-classic-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            string Write(string name, string words)
            {
                string path = Path.Combine(folder, name);
                File.WriteAllText(path, words + "\n");
                return path;
            }
            // 0 − 0 ≤ 0: jump to −1. 0 − 1 < 0: jump to 4, past the last whole instruction (pc ≤ 3). a = 100 is outside the image.
            var run = LoopedProcess.Run("run", "--classic", Write("halts.txt", "3 3 -1 0 0 0"), Write("off.txt", "4 5 4 0 1 0"),
                Write("bad.txt", "100 0 -1 0 0 0"), "--mixer", "linear", "-o", "-");
            Assert.Equal(4, run.ExitCode);
            Assert.Contains("2 of 3 runs (runs 2, 3) stopped on a fault, not a halt; their rows say which (ran-off-image, bad-address)", run.Error);
            var rows = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("classic SUBLEQ") && !l.StartsWith("machine")).ToList();
            Assert.Equal(["program,out,outn,loops,status", "halts,\"[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]\",0,1,halted",
                "off,\"[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]\",0,1,ran-off-image", "bad,\"[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]\",0,0,bad-address"], rows);
            var alone = LoopedProcess.Run("run", "--classic", Path.Combine(folder, "off.txt"), "--mixer", "linear");
            Assert.Equal(4, alone.ExitCode);
            Assert.Contains("stopped: the program counter ran past the image after 1 classic instructions", alone.Out);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("softmax", false)]
    [InlineData("linear", true)]
    public void Fuzz_runs_random_classic_images_in_lockstep_and_replays_a_seed(string mixer, bool saturate)
    {
        string[] saturating = saturate ? ["--saturate"] : [];
        var run = LoopedProcess.Run(["fuzz", "--machine", "classic", "--mixer", mixer, "-n", "3", "--max-steps", "15", .. saturating]);
        Assert.True(run.ExitCode == 0, run.Error + run.Out);
        Assert.Contains("3 programs", run.Out);
        Assert.Contains("0 failed", run.Out);
        var replay = LoopedProcess.Run(["fuzz", "--machine", "classic", "--mixer", mixer, "--replay", "2", "--max-steps", "15", .. saturating]);
        Assert.True(replay.ExitCode == 0, replay.Error + replay.Out);
        Assert.Contains($"seed-2-random-classic{(saturate ? "-saturate" : "")}-N16-m416", replay.Out);
        Assert.Contains("seed 2: no divergence", replay.Out);
    }

    [Fact]
    public void Bench_times_random_classic_images()
    {
        var run = LoopedProcess.Run("bench", "--machine", "classic", "--mixer", "linear", "--random-columns", "40", "--random-loops", "3", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var row = Assert.Single(json.RootElement.GetProperty("Rows").EnumerateArray());
        Assert.Equal("classic", row.GetProperty("Machine").GetString());
        Assert.Equal(40, row.GetProperty("Columns").GetInt32());
        Assert.Equal(3, row.GetProperty("Loops").GetInt64());
    }

    [Fact]
    public void Bench_classic_times_an_image_natively_and_on_the_emulator_with_loops_per_instruction()
    {
        var run = LoopedProcess.Run("bench", "--classic", Image("negate.txt"), "--machine", "classic", "--machine", "fleq", "--mixer", "linear",
            "--random-columns", "16", "--random-loops", "2", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var rows = json.RootElement.GetProperty("Rows").EnumerateArray()
            .Where(r => r.GetProperty("Instructions").ValueKind == JsonValueKind.Number)
            .Select(r => (r.GetProperty("Program").GetString(), r.GetProperty("Machine").GetString(), r.GetProperty("Loops").GetInt64(),
                r.GetProperty("Instructions").GetInt64(), r.GetProperty("LoopsPerInstruction").GetDouble())).ToList();
        // negate runs 3 classic instructions: 3 loops natively, 99 emulator loops (docs/classic-subleq.md's table, from the interpreter).
        Assert.Equal([("negate", "classic", 3L, 3L, 1.0), ("negate (emulated)", "fleq", 99L, 3L, 33.0)], rows);
    }
}
