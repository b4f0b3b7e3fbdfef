using System.Diagnostics;

namespace LoopedComputer.Tests.Cli;

/// <summary>Runs the built `looped` CLI as a separate process, as a user would.</summary>
public static class LoopedProcess
{
    public sealed record Outcome(int ExitCode, string Out, string Error);

    /// <summary>Starts `looped args...` with stdout and stderr redirected; the caller reads them and waits.</summary>
    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "looped.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
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
