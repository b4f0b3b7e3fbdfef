using LoopedComputer.Assembly;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.AssemblerTests;

/// <summary><c>.include "file"</c>: relative to the including file, once per program, cycles and missing files reported.</summary>
public sealed class IncludeTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("looped-include-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    string Write(string relative, string text)
    {
        string path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void An_included_routine_is_called_from_the_main_file_and_paths_are_relative_to_the_includer()
    {
        Write("lib/twice.lasm", ".include \"helper.lasm\"\narg: .word 0\ntwice: add arg, arg, arg\n ret\n");
        Write("lib/helper.lasm", "unused_helper_cell: .word 5\n");
        string main = Write("main.lasm", "x: .word 21\n.output x\n mov arg, x\n call twice\n mov x, arg\n halt\n.include \"lib/twice.lasm\"\n");
        var result = Assembler.AssembleFile(main);
        Assert.True(result.Succeeded, result.FormatDiagnostics());
        var run = Interpreter.Run(result.Program!, null, 1000);
        Assert.Equal(42, result.Program!.Read(run.Memory, "x").Values[0]);
        Assert.NotNull(result.Program.FindCell("unused_helper_cell"));
    }

    [Fact]
    public void A_file_included_twice_is_read_once()
    {
        Write("shared.lasm", "shared: .word 7\n");
        Write("a.lasm", ".include \"shared.lasm\"\n");
        string main = Write("main.lasm", ".include \"a.lasm\"\n.include \"shared.lasm\"\n.output shared\n halt\n");
        var result = Assembler.AssembleFile(main);
        Assert.True(result.Succeeded, result.FormatDiagnostics());
    }

    [Fact]
    public void A_missing_file_is_reported_at_its_path_with_the_fix()
    {
        string main = Write("main.lasm", " halt\n  .include \"nowhere.lasm\"\n");
        var result = Assembler.AssembleFile(main);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((2, 13), (error.Location.Line, error.Location.Column));
        Assert.Contains("cannot include 'nowhere.lasm'", error.Message);
        Assert.Contains("relative to the including file", error.Message);
    }

    [Fact]
    public void A_cycle_is_reported_with_its_files()
    {
        Write("b.lasm", ".include \"c.lasm\"\n");
        Write("c.lasm", "\n.include \"b.lasm\"\n");
        string main = Write("main.lasm", ".include \"b.lasm\"\n halt\n");
        var result = Assembler.AssembleFile(main);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("c.lasm", Path.GetFileName(error.Location.File));
        Assert.Equal(2, error.Location.Line);
        Assert.Contains("include cycle: b.lasm -> c.lasm -> b.lasm", error.Message);
    }

    [Theory]
    [InlineData(".include lib.lasm")]
    [InlineData(".include")]
    [InlineData(".include \"a.lasm\" extra")]
    public void A_path_not_in_double_quotes_is_an_error(string line)
    {
        var result = Lasm.Try(line + "\n halt\n");
        var error = Assert.Single(result.Diagnostics);
        Assert.Contains("expected .include \"file.lasm\"", error.Message);
        Assert.Equal(1, error.Location.Column);
    }

    [Fact]
    public void Errors_inside_an_included_file_name_that_file_and_line()
    {
        Write("bad.lasm", "ok: .word 1\n jmp nowhere\n");
        string main = Write("main.lasm", ".include \"bad.lasm\"\n halt\n");
        var error = Assert.Single(Assembler.AssembleFile(main).Diagnostics);
        Assert.Equal(("bad.lasm", 2), (Path.GetFileName(error.Location.File), error.Location.Line));
    }
}
