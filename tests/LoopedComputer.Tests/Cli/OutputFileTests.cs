using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace LoopedComputer.Tests.Cli;

/// <summary>
/// Output paths (`run -o`, `show --png/--gif`, `export -o`, `study --output`): nothing the user
/// points at is destroyed, `-` is stdout for text, and a bad path is refused before any work.
/// Linux: devices, FIFOs and modes are told apart there (OutputFile's statx).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class OutputFileTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("looped-output-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>Never halts: a run that would take long (here bounded by --max-steps) if a bad path were found only at the end.</summary>
    const string Endless = ".subleq\nx: .word 0\nloop: inc x\n  jmp loop\n";

    static LoopedProcess.Outcome RunGcd(params string[] args) =>
        LoopedProcess.Run(["run", LoopedProcess.Program("gcd.lasm"), "--machine", "paper-subleq", .. args]);

    /// <summary>The file type as coreutils' stat sees it, the path itself (a link is not followed).</summary>
    static string TypeOf(string path)
    {
        var start = new ProcessStartInfo("stat", ["--format=%F", path]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        string type = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return type;
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    static extern int MakeFifo(string path, uint mode);

    static void AssertResultsTable(string text) => Assert.StartsWith("program,result,loops,status\ngcd,6,", text);

    [Fact]
    public void A_symbolic_link_is_followed_and_stays_a_link()
    {
        string target = Path.Combine(directory, "real.csv"), link = Path.Combine(directory, "link.csv");
        File.WriteAllText(target, "old\n");
        File.CreateSymbolicLink(link, "real.csv");
        var run = RunGcd("-o", link);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("real.csv", new FileInfo(link).LinkTarget);
        AssertResultsTable(File.ReadAllText(target));
        Assert.Contains($"results in {link}", run.Error);

        string dangling = Path.Combine(directory, "dangling.csv");
        File.CreateSymbolicLink(dangling, "new.csv");
        Assert.Equal(0, RunGcd("-o", dangling).ExitCode);
        Assert.Equal("new.csv", new FileInfo(dangling).LinkTarget);
        AssertResultsTable(File.ReadAllText(Path.Combine(directory, "new.csv")));
        Assert.Equal(["dangling.csv", "link.csv", "new.csv", "real.csv"], Directory.GetFileSystemEntries(directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_fifo_is_written_directly_and_stays_a_fifo()
    {
        string fifo = Path.Combine(directory, "results");
        Assert.Equal(0, MakeFifo(fifo, Convert.ToUInt32("644", 8)));
        // The reader is a process, so that it can be killed if nothing ever opens the FIFO to write.
        using var reader = Process.Start(new ProcessStartInfo("cat", [fifo]) { RedirectStandardOutput = true })!;
        var read = reader.StandardOutput.ReadToEndAsync();
        var run = RunGcd("-o", fifo);
        bool done = reader.WaitForExit(TimeSpan.FromSeconds(30));
        if (!done) reader.Kill();
        Assert.Equal(0, run.ExitCode);
        Assert.True(done, "nothing was written to the FIFO");
        AssertResultsTable(await read);
        Assert.Equal("fifo", TypeOf(fifo));
    }

    [Fact]
    public void A_character_device_is_written_directly_and_stays_one()
    {
        var run = RunGcd("-o", "/dev/null");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("character special file", TypeOf("/dev/null"));

        var full = RunGcd("-o", "/dev/full");
        Assert.Equal(1, full.ExitCode);
        Assert.Contains("--output /dev/full: cannot write it (No space left on device", full.Error);
        Assert.Equal("character special file", TypeOf("/dev/full"));
        Assert.DoesNotContain("   at ", full.Error);
    }

    [Fact]
    public void A_dash_puts_the_results_table_on_stdout()
    {
        var run = RunGcd("-o", "-");
        Assert.Equal(0, run.ExitCode);
        AssertResultsTable(run.Out);
        Assert.Contains("results on stdout", run.Error);
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "-")));
    }

    [Fact]
    public void A_replaced_file_keeps_its_permissions_and_no_temporary_file_is_left()
    {
        string file = Path.Combine(directory, "out.csv");
        File.WriteAllText(file, "old\n");
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(file, mode);
        Assert.Equal(0, RunGcd("-o", file).ExitCode);
        AssertResultsTable(File.ReadAllText(file));
        Assert.Equal(mode, File.GetUnixFileMode(file));
        Assert.Equal(["out.csv"], Directory.GetFileSystemEntries(directory).Select(Path.GetFileName));
    }

    public static TheoryData<string, string[], int, string> BadDestinations => new()
    {
        // name, arguments after the program ({dir}: a fresh folder; {file}: a file in it), exit code, message
        { "run into a missing folder", ["run", "--machine", "paper-subleq", "--max-steps", "3000", "-o", "{dir}/missing/out.csv"], 1,
            "--output {dir}/missing/out.csv: the folder {dir}/missing does not exist" },
        { "run into a folder", ["run", "--machine", "paper-subleq", "--max-steps", "3000", "-o", "{dir}"], 1, "--output {dir}: is a folder; give a file name" },
        { "run into a file's child", ["run", "--machine", "paper-subleq", "--max-steps", "3000", "-o", "{file}/out.csv"], 1, "{file} is not a folder" },
        { "a PNG to stdout", ["show", "--machine", "paper-subleq", "--png", "-"], 2, "--png -: this output is not text and does not go to stdout" },
        { "a GIF into a missing folder", ["show", "--machine", "paper-subleq", "--gif", "{dir}/missing/x.gif"], 1, "--gif {dir}/missing/x.gif: the folder {dir}/missing does not exist" },
        { "an export onto a file", ["export", "--machine", "paper-subleq", "-o", "{file}"], 1, "--output {file}: is not a folder; give a folder" },
        { "an export into a missing folder", ["export", "--machine", "paper-subleq", "-o", "{dir}/missing/export"], 1, "the folder {dir}/missing does not exist" },
        { "an export to stdout", ["export", "--machine", "paper-subleq", "-o", "-"], 2, "--output -: this output is a folder of files; give a folder" },
    };

    [Theory]
    [MemberData(nameof(BadDestinations))]
    public void A_bad_destination_is_refused_before_the_machine_is_built(string name, string[] args, int exitCode, string message)
    {
        string file = Path.Combine(directory, "file.txt");
        File.WriteAllText(file, "keep\n");
        string Fill(string text) => text.Replace("{dir}", directory).Replace("{file}", file);
        var run = LoopedProcess.RunOnSource(Endless, args[0], args.Skip(1).Select(Fill).ToArray());
        Assert.True(exitCode == run.ExitCode, $"{name}: exit {run.ExitCode}\n{run.Error}");
        Assert.Contains(Fill(message), run.Error);
        Assert.DoesNotContain("machine paper-subleq:", run.Out + run.Error); // the machine was never built, so nothing ran
        Assert.DoesNotContain(".partial", run.Error);
        Assert.Equal("keep\n", File.ReadAllText(file));
        Assert.Equal(["file.txt"], Directory.GetFileSystemEntries(directory).Select(Path.GetFileName));
    }
}
