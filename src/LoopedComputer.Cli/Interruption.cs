using System.Runtime.InteropServices;

namespace LoopedComputer.Cli;

/// <summary>
/// Ctrl-C (SIGINT). While a run reports progress (<see cref="ProgressDisplay"/>) or a file is being
/// written (<see cref="OutputFile"/>), the signal only asks the work to stop: the run stops at its
/// next report, a write finishes first, and the command ends through the usual error path with
/// "interrupted at loop N" and exit 130, so the progress display gives the terminal its cursor back
/// and no half-written or temporary file is left. Anywhere else nothing is half done, and the signal
/// ends the process at once, as it always did; so does a second Ctrl-C.
/// </summary>
static class Interruption
{
    static PosixSignalRegistration? registration; // held: the registration ends when it is collected
    static int watching;
    static volatile bool requested;

    public static void Install() => registration ??= PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
    {
        if (Volatile.Read(ref watching) == 0) return;
        if (requested)
        {
            // The user insists: end now, but give the terminal its cursor back (the progress display hides it).
            if (!Console.IsErrorRedirected) Console.Error.Write("\u001b[?25h");
            return;
        }
        requested = true;
        context.Cancel = true;
    });

    /// <summary>Runs <paramref name="work"/> with Ctrl-C turned into a request that <see cref="StopIfRequested"/> honours.</summary>
    public static T Watch<T>(Func<T> work)
    {
        Interlocked.Increment(ref watching);
        try
        {
            return work();
        }
        finally
        {
            Interlocked.Decrement(ref watching);
        }
    }

    public static void Watch(Action work) => Watch(() =>
    {
        work();
        return 0;
    });

    /// <summary>Whether Ctrl-C was pressed while watching: work that can stop with a partial result checks this.</summary>
    public static bool Requested => requested;

    /// <summary>Ends the command if Ctrl-C was pressed: "interrupted " + <paramref name="where"/>, exit 130.</summary>
    public static void StopIfRequested(string where)
    {
        if (requested) throw new CliException($"interrupted {where}", ExitCodes.Interrupted);
    }
}
