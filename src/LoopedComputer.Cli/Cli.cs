using System.CommandLine;

namespace LoopedComputer.Cli;

/// <summary>The `looped` command: one subcommand per job, every error a message and a non-zero exit code.</summary>
public static class Cli
{
    public static int Main(string[] args)
    {
        NativeAllocator.KeepLargeBlocks();
        Interruption.Install();
        if (args is ["--version"])
        {
            // Replaces System.CommandLine's version line: the backend matters as much as the number.
            Console.WriteLine(VersionInfo.Text());
            return ExitCodes.Success;
        }
        var root = new RootCommand("LoopedComputer: programs compiled into a looped transformer with hand-written weights")
        {
            AsmCommand.Create(),
            InterpCommand.Create(),
            CheckCommand.Create(),
            TransformerCommands.Run(),
            TransformerCommands.Verify(),
            BenchCommand.Create(),
            Study.StudyCommand.Create(),
            FuzzCommand.Create(),
            TraceCommand.Create(),
            ExportCommand.Create(),
            ShowCommand.Create(),
            CalcCommand.Create(),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
            Console.Error.WriteLine($"see: looped {string.Join(' ', parse.CommandResult.Command.Name == root.Name ? [] : new[] { parse.CommandResult.Command.Name })} --help".Replace("  ", " "));
            return ExitCodes.UsageError;
        }
        return parse.Invoke();
    }

    /// <summary>Runs a command body; expected failures print their message, anything else a one-line report.</summary>
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (CliException e)
        {
            Console.Error.WriteLine(e.Message);
            return e.ExitCode;
        }
        catch (LoopedComputer.Engine.NonFiniteStateException e)
        {
            Console.Error.WriteLine($"error: {e.Message}; the weights or the state are corrupt (re-export or rebuild the machine)");
            return ExitCodes.NumericFault;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.InputError;
        }
    }
}
