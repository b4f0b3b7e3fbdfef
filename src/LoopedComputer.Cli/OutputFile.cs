namespace LoopedComputer.Cli;

/// <summary>
/// Every file the CLI writes goes to a temporary name in the same folder first and is renamed over
/// the target, so a failed or interrupted write never leaves half a file in its place.
/// </summary>
static class OutputFile
{
    /// <summary>Writes <paramref name="target"/> through <paramref name="write"/>, which is given the temporary path.</summary>
    public static void Replace(string target, Action<string> write)
    {
        // The temporary name keeps the extension: image writers pick the format from it.
        string temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(target))!,
            $".{Path.GetFileNameWithoutExtension(target)}.{Guid.NewGuid():N}{Path.GetExtension(target)}");
        try
        {
            write(temporary);
            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporary)) File.Delete(temporary);
            throw new CliException($"cannot write {target}: {e.Message}");
        }
    }
}
