using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace LoopedComputer.Tests.Cli;

/// <summary>
/// Ctrl-C during a run, sent as SIGINT to the CLI's process: the run stops with "interrupted at
/// loop N" and exit 130, the progress display gives the cursor back, and no file is left behind.
/// </summary>
public sealed class InterruptTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("looped-interrupt-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    const int Sigint = 2;
    const string HideCursor = "\u001b[?25l", ShowCursor = "\u001b[?25h";
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(3); // the machine is shared: compiling can take a while

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int Kill(int pid, int signal);

    /// <summary>A program that never halts, so the run lasts until it is interrupted.</summary>
    string Endless()
    {
        string path = Path.Combine(directory, "endless.lasm");
        File.WriteAllText(path, ".subleq\nx: .word 0\nloop: inc x\n  jmp loop\n");
        return path;
    }

    /// <summary>Collects a stream as it arrives, so a test can wait for some text before it acts.</summary>
    sealed class Collector
    {
        readonly StringBuilder text = new();
        readonly Task reading;

        public Collector(StreamReader reader) => reading = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int count;
            while ((count = await reader.ReadAsync(buffer)) > 0)
                lock (text) text.Append(buffer, 0, count);
        });

        public string Text
        {
            get { lock (text) return text.ToString(); }
        }

        public void WaitFor(string part)
        {
            var clock = Stopwatch.StartNew();
            while (!Text.Contains(part))
            {
                Assert.True(clock.Elapsed < Patience && !reading.IsCompleted, $"never saw '{part}' in:\n{Text}");
                Thread.Sleep(50);
            }
        }

        public string All()
        {
            Assert.True(reading.Wait(Patience));
            return Text;
        }
    }

    static (int ExitCode, string Out, string Error) Interrupt(Process process, Collector output, Collector error)
    {
        Assert.Equal(0, Kill(process.Id, Sigint));
        bool exited = process.WaitForExit(Patience);
        if (!exited) process.Kill();
        Assert.True(exited, "the run did not stop after SIGINT");
        return (process.ExitCode, output.All(), error.All());
    }

    [Fact]
    public void A_batch_run_stops_at_a_progress_report_restores_the_cursor_and_writes_no_file()
    {
        string results = Path.Combine(directory, "results.csv");
        using var process = LoopedProcess.StartInterruptible("run", Endless(), "--machine", "paper-subleq", "--max-steps", "1000000000",
            "--progress", "always", "-o", results);
        var output = new Collector(process.StandardOutput);
        var error = new Collector(process.StandardError);
        error.WaitFor(" loops ("); // the display has drawn a report: the run is under way
        var (exitCode, _, stderr) = Interrupt(process, output, error);

        Assert.True(exitCode == 130, $"exit {exitCode}:\n{stderr}");
        Assert.Matches(@"interrupted at loop [1-9][\d,]*\n?$", stderr);
        Assert.True(stderr.LastIndexOf(ShowCursor) > stderr.LastIndexOf(HideCursor), "the cursor is still hidden");
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal(["endless.lasm"], Directory.GetFileSystemEntries(directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Verify_without_a_display_stops_at_the_next_report_too()
    {
        // verify runs the interpreter first and refuses a program that never halts, so this one halts, after 3 million steps.
        string path = Path.Combine(directory, "long.lasm");
        File.WriteAllText(path, ".subleq\nn: .word 1000000\nloop: dec n\n  jgt n, loop\n  halt\n");
        using var process = LoopedProcess.StartInterruptible("verify", path, "--machine", "paper-subleq", "--progress", "never");
        var output = new Collector(process.StandardOutput);
        var error = new Collector(process.StandardError);
        output.WaitFor("machine paper-subleq:"); // printed just before the lockstep run starts
        Thread.Sleep(2000);
        var (exitCode, stdout, stderr) = Interrupt(process, output, error);

        Assert.True(exitCode == 130, $"exit {exitCode}:\n{stdout}\n{stderr}");
        Assert.Matches(@"^interrupted at loop [1-9][\d,]*\n?$", stderr);
        Assert.DoesNotContain("verified", stdout);
        Assert.Equal(["long.lasm"], Directory.GetFileSystemEntries(directory).Select(Path.GetFileName));
    }
}
