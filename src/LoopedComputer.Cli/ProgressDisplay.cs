using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;

namespace LoopedComputer.Cli;

/// <summary>
/// A live progress line on stderr for long runs: loops and loops/s, and for a batch how many rows
/// have halted. `--progress auto` (the default) shows it when stderr is a terminal; `--json` always
/// silences it, so stdout and stderr stay machine-readable. The reports are also where Ctrl-C stops
/// a run (<see cref="Interruption"/>); the display shows the cursor again as the stop passes through it.
/// </summary>
static class ProgressDisplay
{
    /// <summary>The --progress value that shows nothing (for runs whose command has no --progress).</summary>
    public const string Never = "never";

    public static Option<string> Option() => new Option<string>("--progress")
    {
        Description = "live progress on stderr: auto (when stderr is a terminal), always or never; never under --json",
        DefaultValueFactory = _ => "auto",
    }.OneOf("mode", "auto", "always", "never");

    /// <summary>Reporter for <paramref name="work"/>: (loops so far, rows halted); rows = 1 for a single program.</summary>
    public static T Run<T>(string mode, bool json, string description, int rows, Func<Action<long, int>, T> work)
    {
        bool show = mode.ToLowerInvariant() switch
        {
            "auto" => !json && !Console.IsErrorRedirected,
            "always" => !json,
            "never" => false,
            _ => throw new CliException($"--progress: unknown mode '{mode}'; use auto, always or never", ExitCodes.UsageError),
        };
        long loops = 0;
        Action<long, int> Watched(Action<long, int> display) => (loopsSoFar, halted) =>
        {
            loops = loopsSoFar;
            Interruption.StopIfRequested($"at loop {loops:N0}");
            display(loopsSoFar, halted);
        };
        var result = Interruption.Watch(() => show ? Display(mode, description, rows, display => work(Watched(display))) : work(Watched((_, _) => { })));
        Interruption.StopIfRequested($"at loop {loops:N0}"); // Ctrl-C after the last report
        return result;
    }

    static T Display<T>(string mode, string description, int rows, Func<Action<long, int>, T> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Interactive = InteractionSupport.Yes,
            Ansi = mode == "always" ? AnsiSupport.Yes : AnsiSupport.Detect,
        });
        var clock = Stopwatch.StartNew();
        return console.Progress()
            .AutoClear(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: rows);
                task.IsIndeterminate = rows == 1;
                return work((loops, halted) =>
                {
                    double rate = loops / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
                    string rowsText = rows == 1 ? "" : $", {halted:N0}/{rows:N0} halted";
                    task.Description = Markup.Escape($"{description}: {loops:N0} loops ({rate:N0}/s){rowsText}");
                    task.Value = halted;
                });
            });
    }
}
