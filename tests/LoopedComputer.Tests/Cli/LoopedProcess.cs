using System.Diagnostics;

namespace LoopedComputer.Tests.Cli;

/// <summary>Runs the built `looped` CLI as a separate process, as a user would.</summary>
public static class LoopedProcess
{
    public sealed record Outcome(int ExitCode, string Out, string Error);

    /// <summary>Starts `looped args...` with stdout and stderr redirected; the caller reads them and waits.</summary>
    public static Process Start(params string[] args) => Launch("dotnet", [], args);

    /// <summary>
    /// <see cref="Start"/>, with SIGINT at its default disposition in the CLI. A test run started in the
    /// background by a non-interactive shell inherits SIGINT as ignored and passes that on, and a
    /// process that starts with it ignored keeps ignoring it (the Unix rule the CLI follows too), so a
    /// test of Ctrl-C would see nothing; coreutils' `env --default-signal` restores it first.
    /// </summary>
    public static Process StartInterruptible(params string[] args) =>
        SigintIgnoredHere() ? Launch("env", ["--default-signal=INT", "dotnet"], args) : Start(args);

    static Process Launch(string program, string[] launcher, string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in launcher) start.ArgumentList.Add(arg);
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "looped.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    /// <summary>Whether this process ignores SIGINT (signal 2: bit 1 of the SigIgn mask in /proc/self/status).</summary>
    static bool SigintIgnoredHere()
    {
        const string field = "SigIgn:";
        string? line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field)) : null;
        return line is not null && (Convert.ToUInt64(line[field.Length..].Trim(), 16) & 0b10) != 0;
    }

    public static Outcome Run(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Outcome(process.ExitCode, output.Result, error.Result);
    }

    public static string Program(string name) => Path.Combine(AppContext.BaseDirectory, "programs", name);

    /// <summary>Writes <paramref name="source"/> to a throw-away file, runs `looped command file args...`, deletes the file.</summary>
    public static Outcome RunOnSource(string source, string command, params string[] args)
    {
        string path = Path.Combine(Path.GetTempPath(), $"looped-test-{Guid.NewGuid():N}.lasm");
        File.WriteAllText(path, source);
        try
        {
            return Run([command, path, .. args]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
