using System.CommandLine;
using LoopedComputer.Assembly;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using Spectre.Console;

namespace LoopedComputer.Cli;

/// <summary>
/// `looped trace`: one line per loop with the PC, the instruction and its source line, and the
/// cells written, the interpreter's view beside the transformer's; a loop where they differ is
/// marked (and red on a terminal).
/// </summary>
static class TraceCommand
{
    /// <summary>What one side did in a loop: the cells whose value changed, and where the PC went.</summary>
    sealed record View(IReadOnlyList<(int Cell, long Old, long New)> Writes, int NextPc)
    {
        public string Format(Program program)
        {
            string writes = Writes.Count == 0 ? "no write" : string.Join(", ", Writes.Select(w => $"{program.CellName(w.Cell)}: {w.Old} -> {w.New}"));
            return $"{writes}; pc -> {NextPc}";
        }
    }

    static View Changes(IReadOnlyList<long> before, IReadOnlyList<long> after, int nextPc) =>
        new(Enumerable.Range(0, before.Count).Where(c => before[c] != after[c]).Select(c => (c, before[c], after[c])).ToList(), nextPc);

    public static Command Create()
    {
        var common = TransformerCommands.Common.Create();
        var file = Options.ProgramFile();
        var from = new Option<long>("--from") { Description = "first loop to print (loop 1 executes instruction 0)", DefaultValueFactory = _ => 1 };
        var to = new Option<long?>("--to") { Description = "last loop to print (default: until the program halts or --max-steps)" };
        var command = new Command("trace", "One line per loop: PC, instruction and source line, cells written, by the interpreter and by the transformer, differences marked")
        {
            file, from, to,
        };
        common.AddTo(command);
        command.SetAction(parse => Cli.Run(() =>
        {
            var (program, memory) = common.LoadWithMemory(parse, parse.GetValue(file)!, Console.Out);
            long first = parse.GetValue(from), last = Math.Min(parse.GetValue(to) ?? long.MaxValue, parse.GetValue(common.MaxSteps));
            if (first < 1 || last < first) throw new CliException($"--from {first} --to {last}: give 1 <= from <= to", ExitCodes.UsageError);
            if (parse.GetValue(to) is null) MachineRunner.RequireHalt(program, memory, last);
            using var session = common.Open(parse, program, Console.Out);
            using var walk = new LockstepWalk(session, memory);
            var interpreter = walk.Interpreter;
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
            console.Profile.Width = 400; // long lines stay whole when piped
            long differing = 0, loop = 0;
            while (!interpreter.Halted && loop < last)
            {
                loop++;
                var (pc, interpreterBefore, transformerBefore) = walk.Step();
                var expected = Changes(interpreterBefore, interpreter.Memory, interpreter.Pc);
                var actual = Changes(transformerBefore.Memory, walk.Decoded.Memory, walk.Decoded.Pc);
                bool same = walk.Agrees;
                if (!same) differing++;
                if (loop < first) continue;
                string source = pc < program.SourceMap.Count && program.SourceMap[pc] is { } entry ? $"line {entry.Location.Line}: {entry.Statement}" : "";
                // An assembled instruction with its cells named; an image's words as its semantics describe them.
                string instruction = pc < program.Instructions.Count ? Listing.Symbolic(program, program.Instructions[pc], pc) : program.Reference.Describe(program, interpreterBefore, pc);
                string head = $"{loop,7}  pc {pc,4}  {instruction,-30} {source,-32}";
                string interp = $"interpreter: {expected.Format(program)}";
                string machine = $"transformer: {(same ? "same" : actual.Format(program))}";
                console.MarkupLine(same
                    ? Markup.Escape($"{head} | {interp} | {machine}")
                    : $"{Markup.Escape(head)} | {Markup.Escape(interp)} | [bold red]{Markup.Escape("DIFFERS " + machine)}[/]");
            }
            string end = interpreter.Halted ? $"halted after {interpreter.Steps:N0} loops" : $"stopped after {loop:N0} loops";
            Console.WriteLine(differing == 0
                ? $"{end}; the transformer matched the interpreter (PC and every cell) after every loop"
                : $"{end}; the transformer differed from the interpreter after {differing:N0} loops");
            return differing == 0 ? ExitCodes.Success : ExitCodes.Diverged;
        }));
        return command;
    }
}
