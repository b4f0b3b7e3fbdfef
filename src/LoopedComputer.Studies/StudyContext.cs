using LoopedComputer.Engine;
using TorchSharp;

namespace LoopedComputer.Studies;

/// <summary>
/// What every study is given: quick or full mode, where to write, the device for transformer runs,
/// where its results go (<paramref name="Results"/>: the fitted laws it prints) and where its
/// progress goes (<paramref name="Progress"/>).
/// </summary>
public sealed record StudyContext(bool Quick, StudyFiles Files, torch.Device Device, EngineKind Engine, TextWriter Results, TextWriter Progress)
{
    public void Report(string line) => Progress.WriteLine(line);
    public void Print(string line) => Results.WriteLine(line);
}
