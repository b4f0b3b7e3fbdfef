using TorchSharp;

namespace LoopedComputer.Cli.Study;

/// <summary>What every study is given: quick or full mode, where to write, the device for transformer runs, and where to report progress.</summary>
sealed record StudyContext(bool Quick, StudyFiles Files, torch.Device Device)
{
    public void Report(string line) => Console.Error.WriteLine(line);
}
