namespace LoopedComputer.Cli;

/// <summary>Process exit codes, documented in README.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The program does not assemble, a file is missing, or an input value is refused.</summary>
    public const int InputError = 1;
    /// <summary>The command line itself is wrong (unknown option, missing argument).</summary>
    public const int UsageError = 2;
    /// <summary>The program did not halt within the step limit.</summary>
    public const int StepLimit = 3;
    /// <summary>A declared expectation (.expect) did not hold.</summary>
    public const int ExpectationFailed = 4;
    /// <summary>The transformer's state differed from the interpreter's (looped verify).</summary>
    public const int Diverged = 5;
    /// <summary>The machine state became NaN or infinite; the message names the first layer that produced it.</summary>
    public const int NumericFault = 6;
    /// <summary>Ctrl-C stopped the run (128 + SIGINT, as a shell reports a process the signal ended).</summary>
    public const int Interrupted = 130;
}

/// <summary>A failure already explained to the user; carries the exit code.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.InputError) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
