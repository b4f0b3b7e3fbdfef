using System.CommandLine;
using System.Text.Json;
using LoopedComputer.Machines;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using LoopedComputer.Studies.Tables;

namespace LoopedComputer.Cli;

/// <summary>`looped run` and `looped verify`: programs on the looped transformer.</summary>
static class TransformerCommands
{
    /// <summary>The machine options every transformer command takes, and loading and opening with them.</summary>
    internal sealed record Common(Option<string[]> Set, Option<string> Machine, Option<string> Dtype, Option<string> Mixer, Option<double?> Lambda,
        Option<string> Device, Option<string> Engine, Option<long> MaxSteps, Option<string?> Isa, Option<int?> Bits, Option<string> Threads, Option<string> Progress,
        ClassicRun.Options Classic)
    {
        public static Common Create() => new(Options.Set(), Options.Machine(), Options.Dtype(), Options.Mixer(), Options.Lambda(),
            Options.Device(), Options.Engine(), Options.MaxSteps(), Options.Isa(), Options.Bits(), Options.Threads(), ProgressDisplay.Option(), ClassicRun.Options.Create());

        public void AddTo(Command command)
        {
            Classic.AddTo(command);
            foreach (var option in new Option[] { Set, Machine, Dtype, Mixer, Lambda, Device, Engine, MaxSteps, Isa, Bits, Threads, Progress }) command.Options.Add(option);
        }

        public Program Load(ParseResult parse, FileInfo file) => Loader.Load(file, parse.GetValue(Bits), parse.GetValue(Isa));

        /// <summary>The program and its memory from one file: assembled with --set, or a classic image (<see cref="ClassicRun.LoadAny"/>).</summary>
        public (Program Program, IReadOnlyList<long> Memory) LoadWithMemory(ParseResult parse, FileInfo file, TextWriter describeTo) =>
            ClassicRun.LoadAny(parse, this, file, describeTo);

        /// <summary>The machine --machine names, or, when it is left out, the catalogue's machine for the program (<see cref="MachineCatalog.For"/>: a classic image's is classic).</summary>
        public IMachineDefinition MachineFor(ParseResult parse, Program program) =>
            Options.FirstGiven(parse, Machine) is null ? MachineCatalog.For(program) : MachineCatalog.Find(parse.GetValue(Machine)!);

        /// <summary>Compiles the machine for <paramref name="program"/>'s shape with these options (no device yet).</summary>
        public CompiledMachine Compile(ParseResult parse, Program program) =>
            MachineRunner.Compile(program, MachineFor(parse, program), Options.ParseDtype(parse.GetValue(Dtype)!), parse.GetValue(Lambda),
                Options.ParseMixer(parse.GetValue(Mixer)!));

        /// <summary>
        /// Compiles the machine for <paramref name="program"/>'s shape, checks that <paramref name="batch"/>
        /// rows of it fit in memory, sets the thread count, describes the machine and opens a session on the device.
        /// </summary>
        public MachineSession Open(ParseResult parse, Program program, TextWriter describeTo, int batch = 1) =>
            MachineRunner.Open(program, Compile(parse, program), MachineRunner.Device(parse.GetValue(Device)!), parse.GetValue(Engine)!, parse.GetValue(Threads)!, describeTo, batch);
    }

    public static Command Run()
    {
        var common = Common.Create();
        var files = new Argument<FileInfo[]>("programs")
        {
            Description = "a .lasm program; several programs of one shape (word width, cells, instructions) run as one batch",
            Arity = ArgumentArity.OneOrMore,
        }.NotAnOption();
        var inputs = new Option<FileInfo?>("--inputs")
        {
            Description = "run the program once per record of this CSV table (header: declared inputs, e.g. n or list; a field as --set takes it), as batches",
        };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "write the results table (CSV) to this file instead of stdout (- for stdout)" };
        var batchSize = new Option<int>("--batch-size") { Description = "runs per batch: one [batch, d, n] state", DefaultValueFactory = _ => 256 }.AtLeast(1);
        var json = new Option<bool>("--json") { Description = "print the results as JSON (no progress line)" };
        var command = new Command("run", "Run programs on the looped transformer: outputs, loop counts and time; one program over a table of inputs, or several programs of one shape, as batches")
        {
            files, inputs, output, batchSize, json,
        };
        common.AddTo(command);
        command.SetAction(parse => Cli.Run(() =>
        {
            var given = parse.GetValue(files)!;
            var table = parse.GetValue(inputs);
            var resultsFile = parse.GetValue(output) is { } o
                ? OutputFile.Check("--output", o, allowStdout: true).NotOneOf(table is null ? given : [.. given, table]) : null;
            var classic = common.Classic;
            if (classic.Given(parse))
            {
                if (Options.FirstGiven(parse, inputs) is { } noTable)
                    throw new CliException($"{noTable.Name} does not apply to --classic (an image takes its input from its words); leave it out", ExitCodes.UsageError);
                // On the emulator these shape a results table of .lasm runs, which it has none of; saying nothing would lose what was asked for.
                if (classic.OnEmulator(parse) && Options.FirstGiven(parse, output, json, batchSize) is { } ignored)
                    throw new CliException($"{ignored.Name} does not apply to --classic --emulator (it runs one image and prints its outputs); leave it out", ExitCodes.UsageError);
                if (classic.OnEmulator(parse) || (given.Length == 1 && resultsFile is null && !parse.GetValue(json)))
                    return ClassicRun.Run(parse, common, ClassicRun.SingleImage(given), verify: false);
                var images = given.Select(f => common.LoadWithMemory(parse, f, Console.Error).Program).ToList();
                return RunBatches(parse, common, images, null, resultsFile, parse.GetValue(batchSize), parse.GetValue(json));
            }
            if (table is not null && given.Length > 1) throw new CliException("--inputs runs one program over a table; give one program", ExitCodes.UsageError);
            var programs = given.Select(f => common.Load(parse, f)).ToList();
            if (table is null && programs.Count == 1 && resultsFile is null)
                return RunOne(parse, common, programs[0], parse.GetValue(json));
            return RunBatches(parse, common, programs, table, resultsFile, parse.GetValue(batchSize), parse.GetValue(json));
        }));
        return command;
    }

    static int RunOne(ParseResult parse, Common common, Program program, bool json)
    {
        var memory = Loader.Memory(program, parse.GetValue(common.Set));
        using var session = common.Open(parse, program, json ? Console.Error : Console.Out);
        long maxSteps = parse.GetValue(common.MaxSteps);
        var result = ProgressDisplay.Run(parse.GetValue(common.Progress)!, json, program.Name, 1,
            report => session.Run(memory, maxSteps, progress: p => report(p.Loops, p.Halted)));
        var outputs = program.Outputs.Select(o => program.Read(result.Memory, o)).ToList();
        if (json)
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                program.Name, Status = result.Status.ToString(), result.Loops, Outputs = outputs.ToDictionary(o => o.Name, o => o.Values),
                Seconds = result.Elapsed.TotalSeconds, result.LoopsPerSecond,
            }, Indented));
        else
            foreach (var o in outputs) Console.WriteLine(Loader.Format(o));
        if (result.Status == RunStatus.StepLimit)
            throw new CliException($"{program.Name} did not halt within {result.Loops:N0} loops; the outputs above are its state so far, " +
                $"at {MachineRunner.StateSoFar(program, result.Memory, result.Pc)}; raise --max-steps if it needs longer", ExitCodes.StepLimit);
        if (!json) Console.WriteLine($"halted after {result.Loops:N0} loops in {result.Elapsed.TotalSeconds:F3} s ({result.LoopsPerSecond:N0} loops/s)");
        return ExitCodes.Success;
    }

    /// <summary>One run of a batch; <paramref name="Fault"/> names why a halted run stopped when its program's semantics call that a fault.</summary>
    sealed record RowResult(string Program, IReadOnlyList<string> InputFields, TransformerResult Result, IReadOnlyList<NamedValues> Outputs, string? Fault)
    {
        public string StatusName => Result.Status == RunStatus.StepLimit ? "step-limit" : Fault ?? "halted";
    }

    /// <summary>A table of runs (one program over --inputs, or several programs of one shape) as batches of one [batch, d, n] state.</summary>
    static int RunBatches(ParseResult parse, Common common, List<Program> programs, FileInfo? table, OutputFile? output, int batchSize, bool json)
    {
        var sets = parse.GetValue(common.Set) ?? [];
        InputTable? inputTable = table is null ? null : InputTable.Load(table, programs[0], sets);
        var runs = inputTable is not null
            ? inputTable.Rows.Select(r => new BatchRun(programs[0], r.Memory)).ToList()
            : programs.Select(p => new BatchRun(p, Loader.Memory(p, sets))).ToList();
        using var session = common.Open(parse, programs[0], Console.Error, Math.Min(batchSize, runs.Count));
        if (programs.Skip(1).Select(p => session.Machine.Layout.ShapeMismatch(p)).FirstOrDefault(m => m is not null) is { } mismatch)
            throw new CliException($"a batch runs programs of one shape: {mismatch}; run it separately");
        long maxSteps = parse.GetValue(common.MaxSteps);
        var rows = new List<RowResult>();
        long batchLoops = 0;
        var elapsed = TimeSpan.Zero;
        var chunks = runs.Chunk(batchSize).ToList();
        ProgressDisplay.Run(parse.GetValue(common.Progress)!, json, $"{runs.Count:N0} runs", runs.Count, report =>
        {
            int done = 0;
            foreach (var chunk in chunks)
            {
                var batch = session.RunBatch(chunk, maxSteps, progress: p => report(batchLoops + p.Loops, done + p.Halted));
                batchLoops += batch.Loops;
                elapsed += batch.Elapsed;
                done += batch.Runs.Count(r => r.Status == RunStatus.Halted);
                foreach (var (run, result) in chunk.Zip(batch.Runs))
                    rows.Add(new RowResult(run.Program.Name, inputTable?.Rows[rows.Count].Fields ?? [], result,
                        run.Program.Outputs.Select(o => run.Program.Read(result.Memory, o)).ToList(),
                        result.Status == RunStatus.Halted ? run.Program.Reference.Fault(run.Program, result.Memory, result.Pc) : null));
            }
            return 0;
        });
        long programLoops = rows.Sum(r => r.Result.Loops);
        if (json)
            Write(output, JsonSerializer.Serialize(new
            {
                Runs = rows.Select(r => new
                {
                    r.Program, Inputs = inputTable?.Columns.Zip(r.InputFields).ToDictionary(p => p.First, p => p.Second),
                    Status = r.Result.Status.ToString(), r.Fault, r.Result.Loops, Outputs = r.Outputs.ToDictionary(o => o.Name, o => o.Values),
                }),
                Batches = chunks.Count, BatchSize = batchSize, Loops = batchLoops, ProgramLoops = programLoops,
                Seconds = elapsed.TotalSeconds, ProgramLoopsPerSecond = programLoops / Math.Max(elapsed.TotalSeconds, 1e-9),
            }, Indented) + "\n");
        else
            Write(output, ResultTable(rows, inputTable));
        Console.Error.WriteLine($"{rows.Count:N0} runs in {chunks.Count:N0} batch{(chunks.Count == 1 ? "" : "es")} of up to {batchSize:N0}: " +
            $"{programLoops:N0} program-loops in {elapsed.TotalSeconds:F3} s ({programLoops / Math.Max(elapsed.TotalSeconds, 1e-9):N0} program-loops/s)" +
            (output is null ? "" : output.Given == OutputFile.Stdout ? "; results on stdout" : $"; results in {output.Given}"));
        if (Numbers(rows, r => r.Result.Status == RunStatus.StepLimit) is { } stuck)
            throw new CliException($"{stuck} did not halt within {maxSteps:N0} loops; their rows say step-limit; raise --max-steps if they need longer", ExitCodes.StepLimit);
        if (Numbers(rows, r => r.Fault is not null) is { } faulted)
            throw new CliException($"{faulted} stopped on a fault, not a halt; their rows say which ({string.Join(", ", rows.Select(r => r.Fault).OfType<string>().Distinct())})", ExitCodes.ExpectationFailed);
        return ExitCodes.Success;
    }

    /// <summary>"2 of 5 runs (runs 3, 4)" for the rows that match, the first ten numbered from 1; null if none does.</summary>
    static string? Numbers(List<RowResult> rows, Func<RowResult, bool> match)
    {
        var numbers = rows.Select((r, i) => (r, i)).Where(p => match(p.r)).Select(p => p.i + 1).ToList();
        return numbers.Count == 0 ? null
            : $"{numbers.Count} of {rows.Count} runs (runs {string.Join(", ", numbers.Take(10))}{(numbers.Count > 10 ? ", …" : "")})";
    }

    static string ResultTable(List<RowResult> rows, InputTable? inputs)
    {
        var outputNames = rows.SelectMany(r => r.Outputs.Select(o => o.Name)).Distinct().ToList();
        var header = new List<string>();
        if (inputs is null) header.Add("program");
        else header.AddRange(inputs.Columns);
        header.AddRange(outputNames);
        header.AddRange(["loops", "status"]);
        var lines = new List<string> { Csv.Line(header) };
        foreach (var row in rows)
        {
            var fields = new List<string>();
            if (inputs is null) fields.Add(row.Program);
            else fields.AddRange(row.InputFields);
            fields.AddRange(outputNames.Select(name => row.Outputs.FirstOrDefault(o => o.Name == name) is { } o ? Value(o) : ""));
            fields.AddRange([row.Result.Loops.ToString(), row.StatusName]);
            lines.Add(Csv.Line(fields));
        }
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>A value as --set and --inputs take it: 5040, or [1,2,3] for an array.</summary>
    static string Value(NamedValues o) => o.Values.Count == 1 ? o.Values[0].ToString() : $"[{string.Join(",", o.Values)}]";

    /// <summary>
    /// Writes to stdout, or to the --output file (<see cref="OutputFile"/>: a failed write never
    /// leaves half a file in its place). If the file cannot be written after all (its folder went
    /// away during the run, say), the results go to stdout before the error, so the run is not lost.
    /// </summary>
    static void Write(OutputFile? file, string text)
    {
        if (file is null)
        {
            Console.Write(text);
            return;
        }
        try
        {
            file.Write(stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(text)));
        }
        catch (CliException e) when (e.ExitCode == ExitCodes.InputError)
        {
            Console.Write(text);
            throw new CliException($"{e.Message}\nthe results are printed above instead");
        }
    }

    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Verify()
    {
        var common = Common.Create();
        var file = Options.ProgramFile();
        var command = new Command("verify", "Run the transformer and the interpreter in lockstep, comparing PC and every cell after every loop") { file };
        common.AddTo(command);
        command.SetAction(parse => Cli.Run(() =>
        {
            if (common.Classic.Given(parse)) return ClassicRun.Run(parse, common, parse.GetValue(file)!, verify: true);
            var program = common.Load(parse, parse.GetValue(file)!);
            var memory = Loader.Memory(program, parse.GetValue(common.Set));
            long maxSteps = parse.GetValue(common.MaxSteps);
            MachineRunner.RequireHalt(program, memory, maxSteps);
            using var session = common.Open(parse, program, Console.Out);
            var result = MachineRunner.Verify(session, memory, maxSteps, parse.GetValue(common.Progress)!);
            if (result.Divergence is not null) return ExitCodes.Diverged;
            if (result.Status == RunStatus.StepLimit)
                throw new CliException($"no divergence in {result.Steps:N0} steps, but {program.Name} did not halt; raise --max-steps", ExitCodes.StepLimit);
            Console.WriteLine($"verified: PC and all {program.MemorySize} cells equal the interpreter's after each of {result.Steps:N0} loops, and the halt is a fixed point");
            return ExitCodes.Success;
        }));
        return command;
    }
}
