using System.CommandLine;
using LoopedComputer.Studies.Pictures;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using SkiaSharp;

namespace LoopedComputer.Cli;

/// <summary>`looped show`: the state X at a loop as a labelled heatmap with each head's attention (PNG), or a range of loops (GIF).</summary>
static class ShowCommand
{
    /// <summary>Above this many columns the n×n attention panels are left out (they would be unreadable).</summary>
    const int MaxPatternColumns = 256;

    public static Command Create()
    {
        var common = TransformerCommands.Common.Create();
        var file = Options.ProgramFile();
        var step = new Option<long>("--step", "-k") { Description = "the loop to draw: X after k loops (0: the punchcard as loaded)", DefaultValueFactory = _ => 0 };
        var png = new Option<FileInfo?>("--png") { Description = "write the picture of loop k to this PNG file" };
        var gif = new Option<FileInfo?>("--gif") { Description = "write an animation of loops --step to --to to this GIF file" };
        var to = new Option<long?>("--to") { Description = "last loop of the GIF (default: --step + 20)" };
        var command = new Command("show", "Draw the state X at a loop: heatmap with row fields and column kinds labelled, and each head's attention; PNG or GIF")
        {
            file, step, png, gif, to,
        };
        common.AddTo(command);
        command.SetAction(parse => Cli.Run(() =>
        {
            var pngFile = parse.GetValue(png);
            var gifFile = parse.GetValue(gif);
            if (pngFile is null && gifFile is null) throw new CliException("give --png FILE (loop --step) or --gif FILE (loops --step to --to)", ExitCodes.UsageError);
            var pngOutput = pngFile is null ? null : OutputFile.Check("--png", pngFile);
            var gifOutput = gifFile is null ? null : OutputFile.Check("--gif", gifFile);
            long first = parse.GetValue(step), last = gifFile is null ? first : parse.GetValue(to) ?? first + 20;
            if (first < 0 || last < first) throw new CliException($"--step {first} --to {last}: give 0 <= step <= to", ExitCodes.UsageError);
            var (program, memory) = common.LoadWithMemory(parse, parse.GetValue(file)!, Console.Out);
            using var session = common.Open(parse, program, Console.Out);
            if (session.Machine.Layout.Columns > StatePicture.MaxColumns)
                throw new CliException($"show draws machines of up to {StatePicture.MaxColumns:N0} columns; this one has {session.Machine.Layout.Columns:N0} (use looped trace)");
            // Past a halt the state is a fixed point: the loops after it are not run, their pictures are the halt's.
            var interpreted = ReferenceRun.Run(program, memory, last);
            long restsAt = interpreted.Status == RunStatus.Halted ? interpreted.Steps : long.MaxValue;
            session.Reset(memory);
            for (long loop = 0; loop < Math.Min(first, restsAt); loop++) session.Step();
            var frames = new List<SKBitmap>();
            try
            {
                for (long loop = first; loop <= last; loop++)
                {
                    if (loop > first && loop <= restsAt) session.Step();
                    frames.Add(Draw(session, program.Name, loop, restsAt));
                }
                pngOutput?.Write(stream => frames[0].Encode(stream, SKEncodedImageFormat.Png, 100));
                gifOutput?.Write(stream => GifEncoder.Write(stream, frames, delayHundredths: 60));
            }
            finally
            {
                foreach (var frame in frames) frame.Dispose();
            }
            if (pngFile is not null) Console.WriteLine($"loop {first}: {pngFile.FullName}");
            if (gifFile is not null) Console.WriteLine($"loops {first}..{last} ({frames.Count} frames): {gifFile.FullName}");
            return ExitCodes.Success;
        }));
        return command;
    }

    static SKBitmap Draw(MachineSession session, string programName, long loop, long restsAt)
    {
        var machine = session.Machine;
        var x = session.Snapshot();
        var state = machine.Layout.Decode(x);
        var patterns = new List<AttentionPattern>();
        if (machine.Layout.Columns <= MaxPatternColumns)
        {
            var outputs = session.TraceLayers();
            for (int i = 0; i < machine.Weights.Layers.Count; i++)
                foreach (var head in machine.Weights.Layers[i].Heads)
                    patterns.Add(new AttentionPattern($"layer {i + 1}: {head.Name}", StatePicture.Softmax(head, i == 0 ? x : outputs[i - 1], machine.Lambda)));
        }
        string halted = loop >= restsAt ? $", halted at loop {restsAt:N0}" : "";
        string title = $"{programName} on {machine.Name}: X after loop {loop} (pc {state.Pc}{halted}), d = {x.GetLength(0)} rows × n = {x.GetLength(1)} columns";
        return StatePicture.Render(title, machine.Layout, x, patterns);
    }
}
