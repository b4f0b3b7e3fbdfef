using LoopedComputer.Isa;

namespace LoopedComputer.Assembly.Passes;

/// <summary>
/// The word width pass: the width the caller forces or the program declares (.bits), checked against
/// every value in memory, every expected value and the top of the stack; or, when neither gives one,
/// the narrowest width that holds them all, with headroom.
/// </summary>
static class WordWidth
{
    /// <summary>Bits added above the widest value when the program declares no .bits.</summary>
    const int HeadroomBits = 1;
    const int MinAutoBits = 4;

    public static WordFormat Choose(AssemblerOptions options, Declarations declarations, MemoryMap map, ResolvedProgram resolved, Evaluator evaluator, List<Diagnostic> diagnostics)
    {
        var memory = resolved.Memory;
        var expected = resolved.Expectations.OfType<Expectation>().SelectMany(e => e.Inputs.Concat(e.Outputs)).SelectMany(v => v.Values);
        // __sp climbs to the end of the stack: a push must not wrap it around.
        long[] stackTop = map.Reserved.ContainsKey(ReservedCell.StackPointer) ? [(long)map.StackAddress + map.StackSize] : [];
        int needed = memory.Concat(expected).Concat(stackTop).Select(WordFormat.BitsNeeded).DefaultIfEmpty(1).Max();
        int bits;
        if (options.WordBits is int forced) bits = forced;
        else if (declarations.Bits is { } declared)
        {
            if (diagnostics.Guard(() => (long?)evaluator.Value(declared.Value, declared.Where)) is not long value)
                return new WordFormat(WordFormat.MaxBits);
            if (value < WordFormat.MinBits || value > WordFormat.MaxBits)
            {
                diagnostics.Add(declared.Where.Error(declared.Value.Column, $"word width must be {WordFormat.MinBits}..{WordFormat.MaxBits} bits; got {value}"));
                return new WordFormat(WordFormat.MaxBits);
            }
            bits = (int)value;
        }
        else return new WordFormat(Math.Clamp(Math.Max(needed + HeadroomBits, MinAutoBits), WordFormat.MinBits, WordFormat.MaxBits));

        var word = new WordFormat(bits);
        string fix = $"declare .bits {Math.Min(needed, WordFormat.MaxBits)} or more";
        foreach (var decl in declarations.Data)
            for (int i = 0; i < decl.Length; i++)
                if (!word.Fits(memory[decl.Address + i]))
                {
                    int column = i < decl.Values.Count ? decl.Values[i].Column : (decl.Fill?.Column ?? 1);
                    diagnostics.Add(decl.Where.Error(column, $"value {memory[decl.Address + i]} is out of range for {word.Bits}-bit words ({word.Min}..{word.Max}); {fix}"));
                    break;
                }
        foreach (var value in map.Pool.Keys.Where(v => !word.Fits(v)))
        {
            var origin = map.PoolOrigins[value];
            diagnostics.Add(origin.Where.Error(origin.Column, $"{origin.What} is out of range for {word.Bits}-bit words ({word.Min}..{word.Max}); {fix}"));
        }
        if (map.FirstStackUse is { } stackUse && !word.Fits(map.StackAddress + map.StackSize))
        {
            // Point at .stack if the program sizes the stack, else at the first instruction that needs it.
            var (where, column) = declarations.Stack is { } stack ? (stack.Where, stack.Value.Column) : stackUse;
            diagnostics.Add(where.Error(column, $"stack addresses up to {map.StackAddress + map.StackSize} do not fit {word.Bits}-bit words; {fix}"));
        }
        foreach (var (expect, e) in declarations.Expects.Zip(resolved.Expectations))
        {
            if (e is null) continue;
            // Expectation() accepted only name=value arguments, one value per cell, in this order.
            var written = expect.Directive.Args.Concat(expect.Directive.Results!).Cast<AssignArg>().SelectMany(a => a.Value is ListExpr list ? list.Items : [a.Value]);
            var values = e.Inputs.Concat(e.Outputs).SelectMany(n => n.Values);
            foreach (var (item, v) in written.Zip(values).Where(p => !word.Fits(p.Second)).Take(1))
                diagnostics.Add(expect.Where.Error(item.Column, $"expected value {v} is out of range for {word.Bits}-bit words ({word.Min}..{word.Max}); {fix}"));
        }
        return word;
    }
}
