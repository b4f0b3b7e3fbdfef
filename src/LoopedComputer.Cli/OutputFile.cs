using System.Runtime.InteropServices;

namespace LoopedComputer.Cli;

/// <summary>
/// A file the user named for a command's output. <see cref="Check"/> runs before the work that
/// fills it, so a bad path fails at once rather than after a long run; <see cref="Write"/> then
/// writes it without destroying anything:
/// <list type="bullet">
/// <item>a regular file, or a new one: written to a temporary name in its folder and renamed over
/// it (keeping its permissions), so a failed write never leaves half a file in its place;</item>
/// <item>a symbolic link: followed, and its final target written the same way, in the target's folder;</item>
/// <item>a character device or a FIFO (/dev/null, /dev/stdout, a named pipe): opened and written directly;</item>
/// <item><c>-</c>: stdout, where the output is text.</item>
/// </list>
/// Folders, sockets and block devices are refused. Messages name the path as the user gave it,
/// never the temporary one. The folder outputs (export, study) are checked by <see cref="CheckFolderOutput"/>.
/// </summary>
sealed class OutputFile
{
    public const string Stdout = "-";

    readonly string option, path;
    readonly bool allowStdout;

    OutputFile(string option, string path, bool allowStdout) => (this.option, this.path, this.allowStdout) = (option, path, allowStdout);

    /// <summary>The path as the user gave it (<c>-</c> for stdout).</summary>
    public string Given => path;

    /// <summary>
    /// Refuses <paramref name="file"/> (given with <paramref name="option"/>) if it cannot take the
    /// output: a folder, a missing folder, a folder or file this user cannot write. Call it before the work.
    /// </summary>
    public static OutputFile Check(string option, FileInfo file, bool allowStdout = false)
    {
        // ToString() is the path as typed: FullName would turn "-" into a file of that name.
        var output = new OutputFile(option, file.ToString(), allowStdout);
        var (kind, target) = output.Resolve();
        if (kind == Kind.Replace)
        {
            Probe(option, output.path, Path.GetDirectoryName(target)!);
            try
            {
                // As the shell's > would: an existing file must be writable, though the rename would replace it anyway.
                if (File.Exists(target)) new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite).Dispose();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw output.Refuse($"cannot write it ({e.Message})");
            }
        }
        return output;
    }

    /// <summary>Refuses an output that would replace one of the command's own input files (through links too).</summary>
    public OutputFile NotOneOf(IEnumerable<FileInfo> inputs)
    {
        var (kind, target) = Resolve();
        if (kind != Kind.Replace) return this;
        foreach (var input in inputs.Where(i => i.Exists))
            if (FinalTarget(option, input.FullName) == target)
                throw Refuse($"is also an input of this command ({input}); give another path for the output", ExitCodes.UsageError);
        return this;
    }

    /// <summary>Writes the output through <paramref name="write"/>, which is given the stream to fill; a Ctrl-C meanwhile lets it finish first.</summary>
    public void Write(Action<Stream> write)
    {
        Interruption.Watch(() => WriteNow(write));
        Interruption.StopIfRequested($"after writing {path}");
    }

    void WriteNow(Action<Stream> write)
    {
        var (kind, target) = Resolve(); // again: the file system may have changed during the run
        string? temporary = kind == Kind.Replace ? TemporaryBeside(target) : null;
        try
        {
            switch (kind)
            {
                case Kind.Stdout:
                    using (var stdout = Console.OpenStandardOutput()) write(stdout);
                    break;
                case Kind.Direct:
                    using (var stream = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) write(stream);
                    break;
                default:
                    using (var stream = new FileStream(temporary!, FileMode.CreateNew, FileAccess.Write)) write(stream);
                    if (File.Exists(target) && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary!, File.GetUnixFileMode(target));
                    File.Move(temporary!, target, overwrite: true);
                    break;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Refuse($"cannot write it ({(temporary is null ? e.Message : e.Message.Replace(temporary, path))})");
        }
        finally
        {
            if (temporary is not null && File.Exists(temporary)) File.Delete(temporary); // gone once renamed
        }
    }

    /// <summary>
    /// Refuses a folder output (export, study) before the work: <c>-</c>, a path that is not a
    /// folder, or a missing one whose parent is missing. Returns the folder with links followed, so
    /// that writing it never replaces a link; <see cref="Probe"/> then tests where files will go.
    /// </summary>
    public static string CheckFolderOutput(string option, DirectoryInfo folder)
    {
        string path = folder.ToString();
        if (path == Stdout) throw new CliException($"{option} -: this output is a folder of files; give a folder", ExitCodes.UsageError);
        string target = FinalTarget(option, path);
        switch (PathKinds.Of(target))
        {
            case PathKind.Directory:
                break;
            case PathKind.Missing:
                CheckFolder(option, path, Path.GetDirectoryName(target)!);
                break;
            default:
                throw new CliException($"{option} {path}: is not a folder; give a folder");
        }
        return target;
    }

    enum Kind { Stdout, Replace, Direct }

    (Kind Kind, string Target) Resolve()
    {
        if (path == Stdout)
            return allowStdout ? (Kind.Stdout, path) : throw Refuse("this output is not text and does not go to stdout; give a file name", ExitCodes.UsageError);
        string full = Path.GetFullPath(path);
        // The type as the kernel sees it through every link, /dev/stdout's /proc/self/fd/1 included.
        switch (PathKinds.Of(full))
        {
            case PathKind.Directory:
                throw Refuse("is a folder; give a file name");
            case PathKind.CharacterDevice or PathKind.Fifo:
                return (Kind.Direct, full);
            case PathKind.Other:
                throw Refuse("is neither a regular file nor a character device or FIFO; give a file name");
        }
        string target = FinalTarget(option, path);
        CheckFolder(option, path, Path.GetDirectoryName(target)!);
        return (Kind.Replace, target);
    }

    CliException Refuse(string problem, int exitCode = ExitCodes.InputError) => new($"{option} {path}: {problem}", exitCode);

    /// <summary>Where <paramref name="path"/> leads once every symbolic link is followed: itself if it is none, even if it does not exist.</summary>
    static string FinalTarget(string option, string path)
    {
        string full = Path.GetFullPath(path);
        try
        {
            return new FileInfo(full).LinkTarget is null ? full : File.ResolveLinkTarget(full, returnFinalTarget: true)!.FullName;
        }
        catch (IOException e)
        {
            throw new CliException($"{option} {path}: cannot follow the link ({e.Message})");
        }
    }

    /// <summary>Refuses a <paramref name="folder"/> (where <paramref name="path"/> goes) that is missing or not a folder.</summary>
    static void CheckFolder(string option, string path, string folder)
    {
        var kind = PathKinds.Of(folder);
        if (kind != PathKind.Directory)
            throw new CliException($"{option} {path}: " + (kind == PathKind.Missing
                ? $"the folder {folder} does not exist; create it or give another path"
                : $"{folder} is not a folder"));
    }

    /// <summary>Creates and deletes a file in <paramref name="folder"/>: the only sure test that this user may write there.</summary>
    public static void Probe(string option, string path, string folder)
    {
        string probe = TemporaryBeside(Path.Combine(folder, "probe"));
        try
        {
            File.Create(probe).Dispose();
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{option} {path}: cannot create files in {folder} ({e.Message.Replace(probe, folder)})");
        }
    }

    /// <summary>A hidden name beside <paramref name="target"/>, unique to this write.</summary>
    static string TemporaryBeside(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
}

/// <summary>What a path names once symbolic links are followed.</summary>
enum PathKind { Missing, Regular, Directory, CharacterDevice, Fifo, Other }

static class PathKinds
{
    // statx(2) reports the file type in stx_mode (at byte 28 of struct statx, the same on every
    // architecture); .NET tells only files from folders. AT_FDCWD: relative to the working folder.
    const int AtFdCwd = -100, StatxType = 0x1, ModeOffset = 28, StatxSize = 256;
    const int TypeMask = 0xF000, Regular = 0x8000, Directory = 0x4000, CharacterDevice = 0x2000, Fifo = 0x1000;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    static extern int Statx(int directory, string path, int flags, uint mask, byte[] buffer);

    /// <summary>The kind of <paramref name="path"/>; off Linux only files and folders are told apart (a device counts as a file).</summary>
    public static PathKind Of(string path)
    {
        if (!OperatingSystem.IsLinux())
            return System.IO.Directory.Exists(path) ? PathKind.Directory : File.Exists(path) ? PathKind.Regular : PathKind.Missing;
        var buffer = new byte[StatxSize];
        if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0) return PathKind.Missing; // absent or unreachable: the write then says why
        return (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) switch
        {
            Regular => PathKind.Regular,
            Directory => PathKind.Directory,
            CharacterDevice => PathKind.CharacterDevice,
            Fifo => PathKind.Fifo,
            _ => PathKind.Other,
        };
    }
}
