using LoopedComputer.Assembly;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Programs;

/// <summary>The programs in programs/&lt;folder&gt;/ (outside the bundled-program suites) meet their .expect cases; the libraries assemble.</summary>
public class AppProgramExpectationTests
{
    static IEnumerable<string> InFolders(Func<string, bool> folder) =>
        Directory.EnumerateFiles(BundledPrograms.Directory, "*.lasm", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(BundledPrograms.Directory, path))
            .Where(name => Path.GetDirectoryName(name) is { Length: > 0 } dir && folder(dir)).Order();

    public static TheoryData<string> Applications() => [.. InFolders(dir => dir != "lib")];

    public static TheoryData<string> Libraries() => [.. InFolders(dir => dir == "lib")];

    [Theory]
    [MemberData(nameof(Applications))]
    public void Every_expectation_holds_on_the_interpreter(string name)
    {
        var program = AppRuns.Load(name);
        Assert.NotEmpty(program.Expectations);
        foreach (var expectation in program.Expectations)
        {
            var outcome = ExpectationRunner.Run(program, expectation, 50_000_000);
            Assert.True(outcome.Passed, $"{name}: {outcome.Describe()}");
        }
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Every_library_assembles_on_its_own(string name)
    {
        var result = Assembler.AssembleFile(Path.Combine(BundledPrograms.Directory, name));
        Assert.True(result.Succeeded, result.FormatDiagnostics());
    }

    [Fact]
    public void The_application_folders_are_found()
    {
        var applications = InFolders(dir => dir != "lib").ToHashSet();
        Assert.Superset(new HashSet<string> { "linalg/inverse.lasm", "learn/xor_network.lasm", "classic/subleq.lasm" }, applications);
        Assert.Equal(4, InFolders(dir => dir == "lib").Count());
    }
}
