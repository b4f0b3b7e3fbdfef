using System.Text;
using LoopedComputer.Isa;

namespace LoopedComputer.Assembly;

/// <summary>The human-readable listing: machine shape, instructions with their source, memory map.</summary>
public static class Listing
{
    public static string Format(Program program)
    {
        var text = new StringBuilder();
        string kind = program.IsSubleqOnly ? "SUBLEQ only (runs on both machines)" : "FLEQ";
        text.AppendLine($"program {program.Name}: {kind}");
        text.AppendLine($"  word N = {program.Word.Bits} bits ({program.Word.Min}..{program.Word.Max}), memory m = {program.MemorySize} cells, instructions k = {program.Instructions.Count}");
        if (program.Units.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("function units");
            for (int i = 0; i < program.Units.Count; i++)
            {
                var unit = program.Units[i];
                string inputs = unit.Arity == 1 ? $"1 argument, {unit.InputCount:N0} inputs" : $"2 arguments, {unit.InputCount:N0} input pairs";
                text.AppendLine($"  opcode {(int)FunctionNames.Unit(i),2}  {unit.Name}: {inputs}, {unit.Table.Distinct().Count():N0} distinct values  ; {unit.Definition}");
            }
        }
        text.AppendLine();
        text.AppendLine("instructions");
        var labelsAt = program.Labels.GroupBy(l => l.Value).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(l => l.Key + ":").Order()));
        int width = Enumerable.Range(0, program.Instructions.Count).Select(program.Describe).Select(s => s.Length).DefaultIfEmpty(0).Max();
        for (int i = 0; i < program.Instructions.Count; i++)
        {
            var ins = program.Instructions[i];
            string machine = program.Describe(i).PadRight(width);
            string source = program.SourceMap[i] is { } entry ? $"{entry.Location.Line,4}: {entry.Statement}" : "      (end of program)";
            if (labelsAt.TryGetValue(i, out var names)) text.AppendLine($"{"",5}  {names}");
            text.AppendLine($"{i,5}  {machine}  ; {Symbolic(program, ins, i),-30} {source}");
        }
        text.AppendLine();
        text.AppendLine("memory");
        var byAddress = program.Cells.ToLookup(c => c.Address);
        for (int address = 0; address < program.MemorySize; address++)
        {
            var symbol = byAddress[address].FirstOrDefault();
            string name = symbol is not null
                ? symbol.Length == 1 ? symbol.Name : $"{symbol.Name}[0..{symbol.Length - 1}]"
                : program.CellName(address) is var inner && inner != address.ToString() ? $"  {inner}" : "";
            // By the symbol's name: an array is shown as 'list[0..2]' but declared as 'list'.
            string role = symbol is null ? "" : program.Inputs.Contains(symbol.Name) ? " (input)" : program.Outputs.Contains(symbol.Name) ? " (output)" : "";
            text.AppendLine($"{address,5}  {program.InitialMemory[address],12}  {name}{role}");
        }
        return text.ToString();
    }

    /// <summary>The instruction with cell names instead of addresses.</summary>
    public static string Symbolic(Program program, Instruction ins, int index)
    {
        if (ins.IsHaltAt(index)) return "halt";
        string Cell(int address) => program.CellName(address);
        string Target(int target) => program.Labels.Where(l => l.Value == target).Select(l => l.Key).Order().FirstOrDefault() ?? target.ToString();
        return ins.IsSubleq
            ? ins.A == ins.B
                ? $"{Cell(ins.B)} = 0; goto {Target(ins.Target)}"
                : $"{Cell(ins.B)} -= {Cell(ins.A)}; if <= 0 goto {Target(ins.Target)}"
            : ins.F switch
            {
                Function.Jmp => $"if {Cell(ins.Flag)} <= 0 goto [{Cell(ins.A)}]",
                Function.Store => $"[{Cell(ins.C)}] = {Cell(ins.A)}" + Branch(),
                Function.Load => $"{Cell(ins.C)} = [{Cell(ins.A)}]" + Branch(),
                Function.Mov => $"{Cell(ins.C)} = {Cell(ins.A)}" + Branch(),
                Function.Sub => $"{Cell(ins.C)} = {Cell(ins.B)} - {Cell(ins.A)}" + Branch(),
                _ when ins.F.IsUnit() && ins.F.UnitIndex() < program.Units.Count => program.Units[ins.F.UnitIndex()] is var unit && unit.Arity == 1
                    ? $"{Cell(ins.C)} = {unit.Name}({Cell(ins.A)})" + Branch()
                    : $"{Cell(ins.C)} = {program.FunctionName(ins.F)}({Cell(ins.A)}, {Cell(ins.B)})" + Branch(),
                _ => $"{Cell(ins.C)} = {Cell(ins.A)} {ins.F.Mnemonic()} {Cell(ins.B)}" + Branch(),
            };

        string Branch() => ins.Target == index + 1 ? "" : $"; if {Cell(ins.Flag)} <= 0 goto {Target(ins.Target)}";
    }
}
