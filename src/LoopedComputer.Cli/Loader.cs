using LoopedComputer.Assembly;
using LoopedComputer.Isa;

namespace LoopedComputer.Cli;

/// <summary>Assembles a program file for a command, turning diagnostics into a <see cref="CliException"/>.</summary>
static class Loader
{
    public static Program Load(FileInfo file, int? bits = null, string? isa = null)
    {
        if (!file.Exists) throw new CliException($"{file.FullName}: no such file");
        InstructionSet? set = isa?.ToLowerInvariant() switch
        {
            null => null,
            "subleq" => InstructionSet.Subleq,
            "fleq" => InstructionSet.Fleq,
            _ => throw new CliException($"--isa: unknown instruction set '{isa}'; use subleq or fleq", ExitCodes.UsageError),
        };
        var result = Assembler.AssembleFile(file.FullName, new AssemblerOptions(bits, set));
        if (!result.Succeeded) throw new CliException(result.FormatDiagnostics());
        return result.Program!;
    }

    public static long[] Memory(Program program, IEnumerable<string>? assignments)
    {
        try
        {
            return program.MemoryWith((assignments ?? []).Select(CellAssignment.Parse));
        }
        catch (InputException e)
        {
            throw new CliException($"--set {e.Message}");
        }
    }

    public static string Format(NamedValues values) => values.ToString().Replace("=", " = ");
}
