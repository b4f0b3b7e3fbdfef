using System.CommandLine;
using LoopedComputer.Engine;
using LoopedComputer.Studies;

namespace LoopedComputer.Cli;

/// <summary>
/// `looped study NAME`: the studies of loop count against capacity (<see cref="StudyCatalog"/>), each
/// writing NAME.csv (and further tables) and NAME.png into --output. `--quick` runs a small grid in
/// seconds; without it the full grid that docs/study.md presents.
/// </summary>
static class StudyCommand
{
    public static Command Create()
    {
        var command = new Command("study", "Study loop count against machine capacity: each study writes a CSV and a PNG (see docs/study.md)");
        foreach (var study in StudyCatalog.All)
            command.Subcommands.Add(Subcommand(study.Name, study.Description, [(study.Name, study.Run)]));
        command.Subcommands.Add(Subcommand("all", "run every study in turn", StudyCatalog.All.Select(s => (s.Name, s.Run)).ToArray()));
        return command;
    }

    static Command Subcommand(string name, string description, (string Name, Action<StudyContext> Run)[] runs)
    {
        var quick = new Option<bool>("--quick") { Description = "a small grid that runs in seconds (for tests and a first look)" };
        var output = new Option<DirectoryInfo>("--output", "-o")
        {
            Description = "folder for the CSV and PNG files (created if missing; files of the same name are replaced)",
            DefaultValueFactory = _ => new DirectoryInfo("study"),
        };
        var device = Options.Device();
        var engine = Options.Engine();
        var threads = Options.Threads();
        threads.Description = "CPU threads of the tensor kernels for every machine of the study: a count (default 1, so that timings compare)";
        threads.DefaultValueFactory = _ => "1";
        var command = new Command(name, description) { quick, output, device, engine, threads };
        command.SetAction(parse => Cli.Run(() =>
        {
            var files = OpenFolder("--output", parse.GetValue(output)!);
            var target = TorchBackend.ResolveDevice(parse.GetValue(device)!);
            if (Options.ParseThreads(parse.GetValue(threads)!) is int count) TorchThreads.Use(count);
            var context = new StudyContext(parse.GetValue(quick), files, target, MachineRunner.Engine(parse.GetValue(engine)!, target), Console.Out, Console.Error);
            foreach (var (study, run) in runs)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                run(context);
                Console.Error.WriteLine($"study {study} ran {clock.Elapsed.TotalSeconds:F1} s");
            }
            Console.Error.WriteLine($"wrote {parse.GetValue(output)!.FullName}");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// Checks and creates the folder before any study runs, so a bad --output fails at once; each file
    /// is then written through <see cref="OutputFile"/> (a temporary name renamed over the old file).
    /// </summary>
    static StudyFiles OpenFolder(string option, DirectoryInfo given)
    {
        string folder = OutputFile.CheckFolderOutput(option, given);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{option} {given}: cannot create the folder ({e.Message}); give a folder you can write to");
        }
        OutputFile.Probe(option, given.ToString(), folder);
        return new StudyFiles((name, write) => OutputFile.Check(option, new FileInfo(Path.Combine(folder, name))).Write(write));
    }
}
