using System.CommandLine;
using LoopedComputer.Engine;

namespace LoopedComputer.Cli.Study;

/// <summary>
/// `looped study NAME`: the studies of loop count against capacity, each writing NAME.csv (and
/// further tables) and NAME.png into --output. `--quick` runs a small grid in seconds; without it
/// the full grid that docs/study.md presents.
/// </summary>
static class StudyCommand
{
    static readonly (string Name, string Description, Action<StudyContext> Run)[] Studies =
    [
        ("loops", "loops to halt against problem size per program family, SUBLEQ (paper machine) against FLEQ, with fitted growth", LoopsStudy.Run),
        ("capacity", "rows d, parameters and non-zeros per layer against columns n and word bits N, for both machines", CapacityStudy.Run),
        ("frontier", "where random programs run exact over (n, N, λ) for float32 and float64 and both mixers, against the compiler's bounds", FrontierStudy.Run),
        ("cost", "time and memory per loop against n for both mixers on this device, with fitted exponents", CostStudy.Run),
        ("tradeoff", "loops needed against machine capacity: narrower words or a smaller function menu for the same computation", TradeoffStudy.Run),
    ];

    public static Command Create()
    {
        var command = new Command("study", "Study loop count against machine capacity: each study writes a CSV and a PNG (see docs/study.md)");
        foreach (var (name, description, run) in Studies)
            command.Subcommands.Add(Subcommand(name, description, [run]));
        command.Subcommands.Add(Subcommand("all", "run every study in turn", Studies.Select(s => s.Run).ToArray()));
        return command;
    }

    static Command Subcommand(string name, string description, Action<StudyContext>[] runs)
    {
        var quick = new Option<bool>("--quick") { Description = "a small grid that runs in seconds (for tests and a first look)" };
        var output = new Option<DirectoryInfo>("--output", "-o")
        {
            Description = "folder for the CSV and PNG files (created if missing; files of the same name are replaced)",
            DefaultValueFactory = _ => new DirectoryInfo("study"),
        };
        var device = Options.Device();
        var threads = Options.Threads();
        threads.Description = "CPU threads of the tensor kernels for every machine of the study: a count (default 1, so that timings compare)";
        threads.DefaultValueFactory = _ => "1";
        var command = new Command(name, description) { quick, output, device, threads };
        command.SetAction(parse => Cli.Run(() =>
        {
            var files = StudyFiles.Open("--output", parse.GetValue(output)!);
            var target = TorchBackend.ResolveDevice(parse.GetValue(device)!);
            if (Options.ParseThreads(parse.GetValue(threads)!) is int count) TorchThreads.Use(count);
            var context = new StudyContext(parse.GetValue(quick), files, target);
            foreach (var run in runs) run(context);
            Console.Error.WriteLine($"wrote {parse.GetValue(output)!.FullName}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
