using LoopedComputer.Assembly;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Programs;

/// <summary>The bundled programs/*.lasm, copied next to the test assembly by the test project.</summary>
public static class BundledPrograms
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "programs");

    public static IEnumerable<string> Names =>
        // Only the top folder: lib/ holds routines (no expectations), and the applications in subfolders
        // (linalg, learn, classic: long runs, 40-bit words) have their own tests in Apps/.
        System.IO.Directory.EnumerateFiles(Directory, "*.lasm", SearchOption.TopDirectoryOnly)
            .Select(path => Path.GetRelativePath(Directory, path)).Order();

    /// <summary>
    /// Programs whose machines have more than this many columns are large: their lockstep tests run
    /// the linear mixer on the first expectation only (softmax costs O(n²) per loop there).
    /// </summary>
    public const int LargeColumns = 1024;

    public static bool IsLarge(Program program) => 1 + program.MemorySize + program.Instructions.Count > LargeColumns;

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names) data.Add(name);
        return data;
    }

    /// <summary>A bundled classic SUBLEQ image (programs/classic/images) in 16-bit words, as `run --classic` loads it.</summary>
    public static Program Image(string file, int? words = null, bool saturate = false)
    {
        string path = Path.Combine(Directory, "classic", "images", file);
        var (image, diagnostics) = LoopedComputer.Assembly.Classic.ClassicImage.Parse(File.ReadAllText(path), path);
        Assert.Empty(diagnostics);
        return ClassicSubleq.Image(Path.GetFileNameWithoutExtension(file), new WordFormat(16), image!.Words, image.Labels, words, saturate: saturate);
    }

    /// <summary>A bundled program, assembled; a .txt name is a classic image (<see cref="Image"/>).</summary>
    public static Program Load(string name)
    {
        if (name.EndsWith(".txt")) return Image(name);
        var result = Assembler.AssembleFile(Path.Combine(Directory, name));
        Assert.True(result.Succeeded, result.FormatDiagnostics());
        return result.Program!;
    }
}
