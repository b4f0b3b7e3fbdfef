using LoopedComputer.Compiler.Assembly;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Programs;

/// <summary>The bundled programs/*.lasm, copied next to the test assembly by the test project.</summary>
public static class BundledPrograms
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "programs");

    public static IEnumerable<string> Names =>
        System.IO.Directory.EnumerateFiles(Directory, "*.lasm", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Directory, path)).Order();

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names) data.Add(name);
        return data;
    }

    public static Program Load(string name)
    {
        var result = Assembler.AssembleFile(Path.Combine(Directory, name));
        Assert.True(result.Succeeded, result.FormatDiagnostics());
        return result.Program!;
    }
}
