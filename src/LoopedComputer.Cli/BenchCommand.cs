using System.CommandLine;
using System.Text.Json;
using LoopedComputer.Machines;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using LoopedComputer.Studies.Measurement;
using LoopedComputer.Studies.Statistics;

namespace LoopedComputer.Cli;

/// <summary>
/// `looped bench`: loops per second on the transformer for each machine and mixer, beside the
/// interpreter's steps per second, in one run; `--sweep` times both mixers over n = 256 … 65,536
/// and fits how the per-loop time grows.
/// </summary>
static class BenchCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("programs") { Description = "programs to time (default: factorial(7); none with --sweep)", Arity = ArgumentArity.ZeroOrMore };
        var machines = new Option<string[]>("--machine", "-m")
        {
            Description = $"machines to time (repeatable; default: all of {string.Join(", ", MachineCatalog.Names)}); programs a machine cannot run are skipped",
            DefaultValueFactory = _ => MachineCatalog.Names.ToArray(),
            AllowMultipleArgumentsPerToken = true,
        };
        var mixers = new Option<string[]>("--mixer")
        {
            Description = "mixers to time (repeatable; default: softmax and linear)",
            DefaultValueFactory = _ => ["softmax", "linear"],
            AllowMultipleArgumentsPerToken = true,
        };
        var dtype = Options.Dtype();
        var device = Options.Device();
        var engines = new Option<string[]>("--engine")
        {
            Description = "engines to time (repeatable; default auto): native (plain C#, CPU only), torch (libtorch), auto (torch on CUDA and for float16/bfloat16, native on the CPU)",
            DefaultValueFactory = _ => ["auto"],
            AllowMultipleArgumentsPerToken = true,
        };
        var random = new Option<int[]>("--random-columns")
        {
            Description = "also time each machine's random programs (SUBLEQ on fleq and paper-subleq, self-modifying images on classic) with this many columns, at least 6 (repeatable; default 512)",
            AllowMultipleArgumentsPerToken = true,
        };
        var loops = new Option<long>("--loops") { Description = "loops per timed run of a program that does not halt sooner", DefaultValueFactory = _ => 1_000_000 }.AtLeast(1);
        var randomLoops = new Option<long>("--random-loops") { Description = "loops per timed run of a random program (with --sweep: at most this many, fewer where a loop is slow)", DefaultValueFactory = _ => 100 }.AtLeast(1);
        var threads = Options.Threads();
        var sweep = new Option<bool>("--sweep") { Description = "time random programs of n = 256, 512, … --sweep-max columns with every mixer, and fit the growth of the per-loop time" };
        var sweepMax = new Option<int>("--sweep-max") { Description = "the largest n of --sweep", DefaultValueFactory = _ => 65_536 }.AtLeast(256);
        var softmaxMax = new Option<int?>("--softmax-max-columns") { Description = "time softmax only up to this n (default: where its n×n matrices fit in half the memory)" };
        var profile = new Option<bool>("--profile") { Description = "also time every layer's mixer and feed-forward step apart, and print where a loop's time goes" };
        var batches = new Option<int[]>("--batch")
        {
            Description = "batch sizes to time (repeatable; default 1): a batch runs that many copies of the program as one [batch, d, n] state",
            DefaultValueFactory = _ => [1],
            AllowMultipleArgumentsPerToken = true,
        };
        var lockstep = new Option<bool>("--lockstep") { Description = "also time every row verified in lockstep with its interpreter (every loop compared), and print the cost against the plain run" };
        var json = new Option<bool>("--json") { Description = "print the results as JSON" };
        var classic = new Option<bool>("--classic")
        {
            Description = "the programs are classic SUBLEQ images: each is timed to its halt natively (on classic) and on the SUBLEQ emulator program (on fleq), with loops per classic instruction",
        };
        var command = new Command("bench", "Measure loops/s of the looped transformer per machine and mixer, with the reference interpreter's steps/s beside it")
        {
            files.NotAnOption(), machines, mixers, dtype, device, engines, threads, random, loops, randomLoops, sweep, sweepMax, softmaxMax, batches, profile, lockstep, json, classic,
        };
        command.SetAction(parse => Cli.Run(() =>
        {
            var format = Options.ParseDtype(parse.GetValue(dtype)!);
            TorchSharp.torch.Device target;
            try
            {
                target = TorchBackend.ResolveDevice(parse.GetValue(device)!);
            }
            catch (InvalidOperationException e)
            {
                throw new CliException(e.Message);
            }
            var mixerKinds = (parse.GetValue(mixers) ?? []).Select(Options.ParseMixer).Distinct().ToList();
            var engineKinds = (parse.GetValue(engines) ?? []).Select(e => MachineRunner.Engine(e, target)).Distinct().ToList();
            bool sweeping = parse.GetValue(sweep), quiet = parse.GetValue(json);
            var given = parse.GetValue(files) ?? [];
            var columns = parse.GetValue(random) ?? [];
            if (sweeping) columns = [.. columns, .. Doublings(256, parse.GetValue(sweepMax))];
            else if (columns.Length == 0) columns = [512];
            if (columns.Any(c => c < 6)) throw new CliException("--random-columns must be at least 6 (an endless random program needs 3 instructions and 2 cells)", ExitCodes.UsageError);
            var batchSizes = (parse.GetValue(batches) ?? [1]).Distinct().Order().ToArray();
            if (batchSizes.Any(b => b < 1)) throw new CliException("--batch must be at least 1", ExitCodes.UsageError);

            var cases = new List<BenchCase>();
            if (given.Length == 0 && !sweeping)
            {
                var factorial = Loader.Load(new FileInfo(Path.Combine(AppContext.BaseDirectory, "programs", "factorial.lasm")));
                cases.Add(new(factorial, factorial.MemoryWith([CellAssignment.Parse("n=7")]), "factorial(7)", parse.GetValue(loops), false));
            }
            foreach (var file in given)
            {
                if (parse.GetValue(classic))
                {
                    foreach (var (image, memory, label, instructions) in ClassicRun.BothWays(file, parse.GetValue(loops), Console.Error))
                        cases.Add(new(image, memory, label, parse.GetValue(loops), false, instructions));
                    continue;
                }
                var program = Loader.Load(file);
                cases.Add(new(program, program.InitialMemory.ToArray(), program.Name, parse.GetValue(loops), false));
            }

            var machineNames = parse.GetValue(machines)!;
            if (machineNames.FirstOrDefault(m => !MachineCatalog.Names.Contains(m)) is { } unknown)
                throw new CliException($"--machine: unknown machine '{unknown}'; machines: {string.Join(", ", MachineCatalog.Names)}", ExitCodes.UsageError);
            // Random programs are each machine's own (its definition draws them), so they differ between machines.
            IEnumerable<BenchCase> RandomCases(string machine)
            {
                foreach (int n in columns.Distinct().Order())
                {
                    BenchCase? random = null;
                    try
                    {
                        random = Benchmark.RandomCase(MachineCatalog.Find(machine), n, parse.GetValue(randomLoops), sweeping);
                    }
                    catch (ArgumentException e)
                    {
                        Console.Error.WriteLine($"skipped random n={n} on {machine}: {e.Message}");
                    }
                    if (random is not null) yield return random;
                }
            }
            var rows = new List<BenchRow>();
            var peaks = new Dictionary<NumberFormat, KernelPeak>();
            KernelPeak PeakOf(NumberFormat dtype)
            {
                if (peaks.TryGetValue(dtype, out var known)) return known;
                if (!quiet) Console.Error.Write($"timing this machine's limit ({dtype.Name()}, one core) ... ");
                var peak = peaks[dtype] = KernelPeak.Measure(dtype);
                if (!quiet) Console.Error.WriteLine($"sparse row sums {Rate(peak.SparseMacsPerSecond)}MAC/s, dense multiply-adds {Rate(peak.DenseMacsPerSecond)}MAC/s");
                return peak;
            }
            foreach (var machine in machineNames)
                foreach (var c in cases.Concat(RandomCases(machine)))
                    foreach (var mixer in mixerKinds)
                    {
                        CompiledMachine compiled;
                        try
                        {
                            compiled = MachineCatalog.Compile(c.Program, machine, format, mixer: mixer);
                        }
                        catch (ArgumentException e)
                        {
                            Console.Error.WriteLine($"skipped {c.Label} on {machine}: {e.Message}");
                            break;
                        }
                        int softmaxLimit = parse.GetValue(softmaxMax) ?? SoftmaxFits(compiled.Format);
                        if (mixer == MixerKind.Softmax && compiled.Layout.Columns > softmaxLimit)
                        {
                            Console.Error.WriteLine($"skipped {c.Label} on {machine} with softmax: n = {compiled.Layout.Columns} is beyond --softmax-max-columns {softmaxLimit} (its n×n matrices)");
                            continue;
                        }
                        var work = LoopWork.Of(compiled);
                        foreach (int batch in batchSizes)
                        foreach (var engine in engineKinds)
                        {
                            var resolved = Engines.Resolve(engine, target, compiled);
                            string where = MachineRunner.Prepare(compiled, target, resolved, parse.GetValue(threads)!, batch);
                            if (!quiet) Console.Error.Write($"timing {c.Label} on {machine} with {Benchmark.MixerName(mixer)}{(batch > 1 ? $", batch {batch}" : "")} ({compiled.Format.Name()}, {where}) ... ");
                            var row = Benchmark.Measure(c, compiled, target, engine, parse.GetValue(profile), batch)
                                with { Threads = resolved == EngineKind.Native ? NativeEngine<float>.WorkersFor(batch) : TorchSharp.torch.get_num_threads() };
                            // The limit is a CPU kernel's: a row on another device gets no fraction of it.
                            if (target.type == TorchSharp.DeviceType.CPU) row = row with { Work = Benchmark.Limit(row, work, PeakOf(compiled.Format)) };
                            if (!quiet) Console.Error.Write($"{row.SecondsPerLoop * 1000:G4} ms/loop");
                            if (parse.GetValue(lockstep))
                            {
                                row = row with { LockstepLoopsPerSecond = Benchmark.MeasureLockstep(c, compiled, target, engine, batch) };
                                if (!quiet) Console.Error.Write($", lockstep {1000 / row.LockstepLoopsPerSecond:G4} ms/loop");
                            }
                            if (!quiet) Console.Error.WriteLine();
                            rows.Add(row);
                        }
                    }
            var scaling = ScalingSummary.Of(rows);
            if (quiet)
                Console.WriteLine(JsonSerializer.Serialize(new { Peaks = peaks.Select(p => new { Dtype = p.Key.Name(), p.Value.SparseMacsPerSecond, p.Value.DenseMacsPerSecond }), Rows = rows, Scaling = scaling },
                    new JsonSerializerOptions { WriteIndented = true }));
            else
                Print(rows, scaling, peaks);
            return ExitCodes.Success;
        }));
        return command;
    }

    static IEnumerable<int> Doublings(int from, int to)
    {
        for (long n = from; n <= to; n *= 2) yield return (int)n;
    }

    /// <summary>The largest n whose softmax (scores, weights and a temporary: three n×n matrices) fits in half the available memory.</summary>
    static int SoftmaxFits(NumberFormat format)
    {
        double bytes = MachineFootprint.AvailableCpuBytes() / 2.0;
        return (int)Math.Min(int.MaxValue, Math.Sqrt(bytes / ((double)MachineFootprint.SoftmaxMatrices * format.Bytes())));
    }

    static string Shorten(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    /// <summary>A rate with an SI prefix, e.g. "3.21 G" (the unit follows).</summary>
    static string Rate(double perSecond)
    {
        string[] prefixes = ["", "k", "M", "G", "T"];
        int p = 0;
        while (p < prefixes.Length - 1 && perSecond >= 1000) (perSecond, p) = (perSecond / 1000, p + 1);
        return $"{perSecond:G3} {prefixes[p]}";
    }

    static void Print(List<BenchRow> rows, List<ScalingSummary> scaling, Dictionary<NumberFormat, KernelPeak> peaks)
    {
        foreach (var (format, peak) in peaks)
            Console.WriteLine($"limit, measured in this run on one core ({format.Name()}): the native engine's sparse row-sum kernel in cache {Rate(peak.SparseMacsPerSecond)}MAC/s, " +
                $"dense vector multiply-adds {Rate(peak.DenseMacsPerSecond)}MAC/s; a row's peak is the sparse one times its threads");
        Console.WriteLine($"{"program",-16} {"machine",-13} {"mixer",-8} {"device",-6} {"engine",-6} {"dtype",-8} {"n",6} {"d",5} {"batch",5} {"loops",7} {"loops/s",10} {"ms/loop",9} {"prog-loops/s",13} {"interp steps/s",15} {"MAC/loop",10} {"MAC/s",9} {"of peak",7}");
        foreach (var r in rows)
            Console.WriteLine($"{r.Program,-16} {r.Machine,-13} {r.Mixer,-8} {r.Device,-6} {r.Engine,-6} {r.Dtype,-8} {r.Columns,6} {r.Rows,5} {r.Batch,5} {r.Loops,7} {r.LoopsPerSecond,10:N1} {r.SecondsPerLoop * 1000,9:G4} {r.ProgramLoopsPerSecond,13:N0} {r.InterpreterStepsPerSecond,15:N0} " +
                $"{r.Work?.MacsPerLoop,10:N0} {(r.Work is { } w ? Rate(w.MacsPerSecond) : ""),9} {r.Work?.FractionOfPeak,7:P1}");
        if (rows.Any(r => r.LockstepLoopsPerSecond is not null))
        {
            Console.WriteLine();
            Console.WriteLine("lockstep (every loop compared with the interpreter) beside the plain runs above:");
            foreach (var r in rows.Where(r => r.LockstepLoopsPerSecond is not null))
                Console.WriteLine($"  {r.Program} on {r.Machine} with {r.Mixer} ({r.Engine}{(r.Batch > 1 ? $", batch {r.Batch}" : "")}): plain {r.LoopsPerSecond:N1} loops/s, lockstep {r.LockstepLoopsPerSecond:N1}: {r.LockstepCost:F2}× a plain loop's time");
        }
        var images = rows.Where(r => r.LoopsPerInstruction is not null).ToList();
        if (images.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("classic images, natively and on the emulator (loops per classic instruction; classic instructions per second):");
            foreach (var r in images)
                Console.WriteLine($"  {r.Program,-24} on {r.Machine,-12} {r.Mixer,-8} {r.LoopsPerInstruction,6:F2} loops/instruction  {r.LoopsPerSecond,10:N1} loops/s  {r.InstructionsPerSecond,10:N1} instructions/s");
        }
        foreach (var (r, layers) in rows.Where(r => r.Layers is not null).Select(r => (r, r.Layers!)))
        {
            double total = layers.Sum(l => l.Seconds);
            Console.WriteLine();
            Console.WriteLine($"where a loop's time goes: {r.Program} on {r.Machine} with {r.Mixer} ({r.Engine} on {r.Device}, {r.Dtype}, n = {r.Columns}), {total * 1000:G4} ms per loop timed layer by layer");
            Console.WriteLine($"  {"layer",-40} {"mixer ms",9} {"MLP ms",9} {"share",6}");
            foreach (var l in layers)
                Console.WriteLine($"  {Shorten($"{l.Layer,2} {l.Name}", 40),-40} {l.MixerSeconds * 1000,9:F3} {l.FeedForwardSeconds * 1000,9:F3} {l.Seconds / total,6:P0}");
            Console.WriteLine($"  {"all mixers / all MLPs",-40} {layers.Sum(l => l.MixerSeconds) * 1000,9:F3} {layers.Sum(l => l.FeedForwardSeconds) * 1000,9:F3}");
        }
        // Which mixer is faster, for each program timed with both: what the table's rows say, nothing more.
        var compared = rows.GroupBy(r => (r.Program, r.Machine, r.Device, r.EngineChoice, r.Dtype, r.Batch))
            .Select(g => (g.Key, Softmax: g.FirstOrDefault(r => r.Mixer == "softmax"), Linear: g.FirstOrDefault(r => r.Mixer == "linear")))
            .Where(g => g.Softmax is not null && g.Linear is not null).ToList();
        if (compared.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("mixers side by side (loops/s of the rows above):");
            foreach (var (key, softmaxRow, linearRow) in compared)
            {
                double ratio = linearRow!.LoopsPerSecond / softmaxRow!.LoopsPerSecond;
                string faster = ratio >= 1 ? $"linear {ratio:F2}× faster" : $"softmax {1 / ratio:F2}× faster";
                string engines = softmaxRow.Engine == linearRow.Engine ? softmaxRow.Engine : $"softmax on {softmaxRow.Engine}, linear on {linearRow.Engine}";
                Console.WriteLine($"  {key.Program} on {key.Machine}{(key.Batch > 1 ? $", batch {key.Batch}" : "")}: softmax {softmaxRow.LoopsPerSecond:N0}, linear {linearRow.LoopsPerSecond:N0}: {faster} ({engines})");
            }
        }
        foreach (var s in scaling.Where(s => s.LinearExponent is not null || s.SoftmaxExponent is not null))
        {
            Console.WriteLine();
            Console.WriteLine($"scaling of random programs on {s.Machine} ({s.Engine} on {s.Device}, {s.Dtype}{(s.Batch > 1 ? $", batch {s.Batch}" : "")}), n = {s.MinColumns:N0} … {s.MaxColumns:N0}: per-loop time ∝ n^k with");
            if (s.LinearExponent is double linear) Console.WriteLine($"  linear mixer  k = {linear:F2}");
            if (s.SoftmaxExponent is double softmax) Console.WriteLine($"  softmax       k = {softmax:F2}");
            if (s.Ratios.Count > 0)
                Console.WriteLine("  softmax/linear time: " + string.Join(", ", s.Ratios.Select(r => $"n={r.Columns}: {r.SoftmaxOverLinear:F2}×")));
            if (s.Ratios.Count >= 2)
                Console.WriteLine(s.CrossoverColumns is double crossover
                    ? $"  crossover: softmax is faster below n ≈ {crossover:N0}"
                    : s.Ratios.All(r => r.SoftmaxOverLinear >= 1) ? "  the linear mixer is faster at every n of these random programs"
                    : s.Ratios.All(r => r.SoftmaxOverLinear < 1) ? "  softmax is faster at every n of these random programs" : "  no single crossover: the faster mixer changes more than once");
        }
    }
}
