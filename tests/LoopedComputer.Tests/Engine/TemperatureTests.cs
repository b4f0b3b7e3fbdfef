using LoopedComputer.Machines;
using LoopedComputer.Isa;
using System.Text.RegularExpressions;
using LoopedComputer.Tests.Programs;

namespace LoopedComputer.Tests.Engine;

/// <summary>
/// A user's λ must be a number from the machine's safe bound to the format's ceiling, above which
/// λ times an attention score overflows; NaN has its own message. At the ceiling the machines still
/// agree with the interpreter.
/// </summary>
public class TemperatureTests
{
    static readonly Program Gcd = BundledPrograms.Load("gcd.lasm");
    static readonly Program Countdown = BundledPrograms.Image("countdown.txt");

    /// <summary>gcd (a FLEQ program) on the machines that run it; a classic SUBLEQ image on a machine that runs images only.</summary>
    static Program ProgramFor(string machine)
    {
        try
        {
            MachineCatalog.Find(machine).CheckRunnable(Gcd, NumberFormat.Float64);
            return Gcd;
        }
        catch (ArgumentException)
        {
            return Countdown;
        }
    }

    public static TheoryData<string, NumberFormat> MachinesAndFormats()
    {
        var data = new TheoryData<string, NumberFormat>();
        foreach (var machine in MachineCatalog.Names)
            foreach (var format in NumberFormats.Compiled)
                data.Add(machine, format);
        return data;
    }

    [Theory]
    [InlineData(NumberFormat.Float32, 1e37)]
    [InlineData(NumberFormat.Float32, 1e300)]
    [InlineData(NumberFormat.Float32, double.PositiveInfinity)]
    [InlineData(NumberFormat.Float64, 1e307)]
    [InlineData(NumberFormat.Float64, double.MaxValue)]
    [InlineData(NumberFormat.Float64, double.PositiveInfinity)]
    public void Lambda_above_the_format_ceiling_is_refused_with_the_range(NumberFormat format, double lambda)
    {
        string ceiling = Temperature.Ceiling(format).ToString("G3");
        foreach (var machine in MachineCatalog.Names)
        {
            var error = Assert.Throws<ArgumentException>(() => MachineCatalog.Compile(ProgramFor(machine), machine, format, lambda));
            Assert.Contains($"is above {ceiling}, the largest λ {format.Name()} carries", error.Message);
            Assert.Matches($@"use --lambda from \d+\.\d\d to {Regex.Escape(ceiling)}, or leave it out for the default", error.Message);
        }
    }

    [Fact]
    public void NaN_is_not_a_number_rather_than_below_the_bound()
    {
        var error = Assert.Throws<ArgumentException>(() => MachineCatalog.Compile(Gcd, MachineCatalog.Default, NumberFormat.Float32, double.NaN));
        Assert.StartsWith("λ = NaN is not a number; use --lambda from ", error.Message);
        Assert.DoesNotContain("below", error.Message);
    }

    [Fact]
    public void Minus_infinity_is_below_the_bound() =>
        Assert.Contains("below the safe bound", Assert.Throws<ArgumentException>(
            () => MachineCatalog.Compile(Gcd, MachineCatalog.Default, NumberFormat.Float64, double.NegativeInfinity)).Message);

    [Theory]
    [MemberData(nameof(MachinesAndFormats))]
    public void At_the_ceiling_the_machine_still_agrees_with_the_interpreter(string machine, NumberFormat format)
    {
        double ceiling = Temperature.Ceiling(format);
        var program = ProgramFor(machine);
        var compiled = MachineCatalog.Compile(program, machine, format, ceiling);
        Assert.All(compiled.Weights.Layers.SelectMany(l => l.Heads), head => Assert.InRange(head.CodeBits, 1, Temperature.MaxScore));
        var result = TransformerHarness.Verify(program, format: format, machine: machine, lambda: ceiling);
        Assert.True(result.Passed, $"{machine}, {format}, λ = {ceiling:G3}: {TransformerHarness.Explain(result)}");
    }
}
