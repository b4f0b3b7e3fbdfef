using System.CommandLine;
using System.CommandLine.Parsing;

namespace LoopedComputer.Cli;

/// <summary>The `looped` command: one subcommand per job, every error a message and a non-zero exit code.</summary>
public static class Cli
{
    public static int Main(string[] args)
    {
        NativeAllocator.KeepLargeBlocks();
        NativeAllocator.PreferPassiveOpenMpWaiting();
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
            StudyCommand.Create(),
            FuzzCommand.Create(),
            TraceCommand.Create(),
            ExportCommand.Create(),
            ShowCommand.Create(),
            CalcCommand.Create(),
            ImportCommand.Create(),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {WithoutTypeNames(error.Message)}");
            // The whole path of a subcommand (`looped import official --help`), not only its last name.
            var path = new List<string>();
            for (var result = parse.CommandResult; result.Command != root; result = (CommandResult)result.Parent!) path.Insert(0, result.Command.Name);
            Console.Error.WriteLine($"see: looped {string.Join(' ', [.. path, "--help"])}");
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
        catch (System.Runtime.InteropServices.ExternalException e)
        {
            // libtorch's messages end in a native backtrace ("Exception raised from ... frame #13"): its first line says what failed.
            Console.Error.WriteLine($"error: the tensor library failed: {FirstLine(e.Message)}; if it ran out of memory, try --mixer linear or a smaller --batch-size");
            return ExitCodes.InputError;
        }
        catch (OutOfMemoryException)
        {
            Console.Error.WriteLine("error: out of memory; try --mixer linear, a smaller --batch-size or a smaller program");
            return ExitCodes.InputError;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"error: {FirstLine(e.Message)}");
            return ExitCodes.InputError;
        }
    }

    static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    /// <summary>System.CommandLine names .NET types in its messages ("as expected type 'System.Int32'"); users read words.</summary>
    static string WithoutTypeNames(string message) => System.Text.RegularExpressions.Regex.Replace(message, @"(for (?:option|argument) '[^']+' )?as expected type '([^']+)'",
        m => $"{m.Groups[1].Value}as {m.Groups[2].Value switch
        {
            "System.Int32" or "System.Int64" or "System.Nullable`1[System.Int32]" or "System.Nullable`1[System.Int64]" => "a whole number",
            "System.Double" or "System.Nullable`1[System.Double]" => "a number",
            _ => "a value of this option",
        }}");
}
