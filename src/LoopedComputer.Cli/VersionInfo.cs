using System.Reflection;
using LoopedComputer.Engine;

namespace LoopedComputer.Cli;

/// <summary>`looped --version`: the tool's version and the TorchSharp backend this build carries.</summary>
static class VersionInfo
{
    public static string Text()
    {
        var assembly = typeof(VersionInfo).Assembly;
        string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? assembly.GetName().Version?.ToString(3) ?? "unknown";
        bool cuda = TorchSharp.torch.cuda.is_available();
        return $"looped {version}\nTorchSharp {TorchBackend.TorchSharpVersion}, libtorch {TorchSharp.torch.__version__}, backend {TorchBackend.BuildBackend}" +
               $" (CUDA {(cuda ? "available" : "not available")})";
    }
}
