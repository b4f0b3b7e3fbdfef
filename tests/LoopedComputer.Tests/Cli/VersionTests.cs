using LoopedComputer.Engine;

namespace LoopedComputer.Tests.Cli;

public class VersionTests
{
    [Fact]
    public void Version_prints_the_tool_version_and_the_torch_backend()
    {
        var run = LoopedProcess.Run("--version");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Trim().Split('\n');
        Assert.Matches(@"^looped \d+\.\d+\.\d+$", lines[0]);
        Assert.Contains($"TorchSharp {TorchBackend.TorchSharpVersion}", lines[1]);
        Assert.Contains($"backend {TorchBackend.BuildBackend}", lines[1]);
        Assert.Matches(@"libtorch \d+\.\d+", lines[1]);
    }
}
