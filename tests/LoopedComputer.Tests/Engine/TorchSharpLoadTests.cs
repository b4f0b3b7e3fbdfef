using LoopedComputer.Engine;
using TorchSharp;

namespace LoopedComputer.Tests.Engine;

/// <summary>Proves on every clean clone that the build's native-library fix lets TorchSharp load and compute.</summary>
public class TorchSharpLoadTests
{
    [Fact]
    public void Tensors_are_created_and_multiplied_exactly()
    {
        using var a = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        using var b = torch.tensor(new float[] { 7, 8, 9, 10, 11, 12 }, [3, 2]);
        using var product = a.matmul(b);
        Assert.Equal([2L, 2L], product.shape);
        Assert.Equal([58f, 64f, 139f, 154f], product.data<float>().ToArray());
    }

    [Fact]
    public void Float64_keeps_integers_beyond_float32_precision()
    {
        using var big = torch.tensor(new double[] { (1L << 40) + 1 }, torch.float64);
        using var doubled = big * 2;
        Assert.Equal((double)((1L << 41) + 2), doubled.item<double>());
    }

    [Fact]
    public void Cpu_device_resolves_and_auto_falls_back_when_no_gpu()
    {
        Assert.Equal(DeviceType.CPU, TorchBackend.ResolveDevice("cpu").type);
        var auto = TorchBackend.ResolveDevice("auto");
        Assert.Equal(torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU, auto.type);
    }

    [Fact]
    public void Asking_for_cuda_without_it_names_what_is_missing()
    {
        if (torch.cuda.is_available()) return; // nothing to refuse on a GPU machine
        var error = Assert.Throws<InvalidOperationException>(() => TorchBackend.ResolveDevice("cuda"));
        Assert.Contains("CUDA was requested but is not available", error.Message);
        Assert.Contains(TorchBackend.BuildBackend, error.Message);
    }

    [Fact]
    public void Unknown_device_names_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => TorchBackend.ResolveDevice("tpu"));
        Assert.Contains("cpu, cuda or auto", error.Message);
    }
}
