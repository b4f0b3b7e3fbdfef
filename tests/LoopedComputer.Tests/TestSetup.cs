using System.Runtime.CompilerServices;
using TorchSharp;

namespace LoopedComputer.Tests;

static class TestSetup
{
    /// <summary>
    /// xunit runs test classes in parallel on every core; libtorch's own intra-op threads on top of
    /// that oversubscribe the CPU and make the small matrices here many times slower.
    /// </summary>
    [ModuleInitializer]
    internal static void OneTorchThreadPerTest() => torch.set_num_threads(1);
}
