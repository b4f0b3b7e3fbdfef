using System.CommandLine;
using LoopedComputer.Assembly;
using LoopedComputer.Assembly.Official;
using LoopedComputer.Isa;

namespace LoopedComputer.Cli;

/// <summary>`looped import official CMDS.csv MEM.csv`: a program of the official code of Giannou et al. as a .lasm program.</summary>
static class ImportCommand
{
    /// <summary>Far beyond any official program (they use 2 and 8), and far from int overflow in the column arithmetic.</summary>
    const int MaxScratchpad = 1 << 20;

    public static Command Create() => new("import", "Convert programs written for other tools into .lasm programs") { Official() };

    static Command Official()
    {
        var commands = new Argument<FileInfo>("commands") { Description = "the commands file (*_cmds.csv: header a,b,c; absolute 0-based columns)" };
        var memory = new Argument<FileInfo>("memory") { Description = "the initial memory file (*_init_mem.csv: header mem; one integer per line)" };
        var scratchpad = new Option<int>("--scratchpad")
        {
            Description = $"S, the scratchpad columns before the memory: the notebooks use {OfficialProgram.NotebookScratchpad}, the random programs of run.sh 8",
            DefaultValueFactory = _ => OfficialProgram.NotebookScratchpad,
        };
        var bits = Options.Bits();
        bits.Description = $"the word width N, {WordFormat.MinBits}..{WordFormat.MaxBits} (default: the notebooks' floor(log2 max|mem|) + 3)";
        var output = new Option<FileInfo?>("--output", "-o") { Description = "write the program to this file instead of stdout" };
        var command = new Command("official", "Convert a SUBLEQ program in the format of the official code of Giannou et al. (*_cmds.csv and *_init_mem.csv) to .lasm; see docs/import.md")
        {
            commands, memory, scratchpad, bits, output,
        };
        command.SetAction(parse => Cli.Run(() =>
        {
            int s = parse.GetValue(scratchpad);
            if (s is < 1 or > MaxScratchpad) throw new CliException($"--scratchpad must be 1..{MaxScratchpad:N0} (column 0 is the scratchpad of the official layout); got {s}", ExitCodes.UsageError);
            int? n = parse.GetValue(bits);
            var (commandsFile, memoryFile) = (parse.GetValue(commands)!, parse.GetValue(memory)!);
            var destination = parse.GetValue(output) is { } o ? OutputFile.Check("--output", o, allowStdout: true).NotOneOf([commandsFile, memoryFile]) : null;
            foreach (var file in new[] { commandsFile, memoryFile }.Where(f => !f.Exists))
                throw new CliException($"{file.FullName}: no such file");
            var (program, diagnostics) = OfficialProgram.Read(File.ReadAllText(commandsFile.FullName), commandsFile.FullName,
                File.ReadAllText(memoryFile.FullName), memoryFile.FullName, s, n);
            if (program is null)
                throw new CliException(Diagnostic.FormatAll(diagnostics));
            string lasm = program.ToLasm();
            if (destination is null || destination.Given == OutputFile.Stdout)
            {
                Console.Write(lasm);
                return ExitCodes.Success;
            }
            destination.Write(stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(lasm)));
            Console.WriteLine($"wrote {destination.Given}: {program.Memory.Count} cells, {program.Commands.Count} commands, {program.Bits}-bit words (S = {program.Scratchpad})");
            return ExitCodes.Success;
        }));
        return command;
    }
}
