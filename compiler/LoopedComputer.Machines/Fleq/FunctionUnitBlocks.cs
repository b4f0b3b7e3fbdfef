using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Machines.Fleq;

/// <summary>
/// A program's function unit as ReLU units (<see cref="UnitCircuit"/> chooses the form). The input is
/// the table index i = x − min (one argument) or (x − min)·2^N + (y − min) (two), a linear function
/// of the cleaned ±1 bits: a word is Σ_(e&lt;N−1) 2^(e−1)·β_e − 2^(N−2)·β_sign − ½.
/// <list type="bullet">
/// <item>Piecewise-linear, layer 4: Value = g(0) + Σ_t s_t·ReLU(i − t) over the changes of slope s_t
/// of the table g, exact at every integer i. Layer 5: bit e of Value = bit e of the lowest level +
/// Σ_j Δ_e(j)·[Value ≥ u_j], [v ≥ u] = ReLU(v − u + 1) − ReLU(v − u), one pair per distinct value u_j.</item>
/// <item>Lookup, layer 4: the baseline's bits from the indicator, plus, for every input s whose value
/// differs from it, ReLU(code(s)·bits − (aN − 1)) (1 on exactly that input, else 0) times the bits
/// that differ.</item>
/// </list>
/// Outputs are 0/1 bits in <see cref="UnitFields.Output"/>; <see cref="SelectResult"/> passes them on when the opcode is the unit's.
/// </summary>
public static class FunctionUnitBlocks
{
    /// <summary>Layer 4: the piecewise-linear value, or the whole lookup.</summary>
    public static Block Compute(FleqLayout l, UnitFields unit) => new($"unit {unit.Unit.Name}")
    {
        // A unit that is 0 everywhere has no units at all.
        Reads = unit.Circuit.OutputBits.Count == 0 ? [] : unit.Unit.Arity == 1 ? [l.X] : [l.X, l.Y],
        Writes = unit.Value is { } value ? [value] : WrittenBits(l, unit),
        Units = ff =>
        {
            if (unit.Value is { } value) AddPiecewise(ff, l, unit, value);
            else AddLookup(ff, l, unit);
        },
    };

    /// <summary>Layer 5, piecewise-linear form only: the value's bits.</summary>
    public static Block Bits(FleqLayout l, UnitFields unit) => new($"unit {unit.Unit.Name} bits")
    {
        Reads = [unit.Value!],
        Writes = WrittenBits(l, unit),
        Units = ff => AddBits(ff, l, unit, unit.Value!),
    };

    /// <summary>The output rows the unit sets: bits that are 1 in some value (a bit that is 0 in every value is left at 0).</summary>
    static IReadOnlyList<RowField> WrittenBits(FleqLayout l, UnitFields unit) =>
        unit.Circuit.OutputBits.Select(e => unit.Output.Slice(unit.Output.Name, l.BitRow(unit.Output, e) - unit.Output.Offset, 1)).ToArray();

    /// <summary>The table index (<see cref="UnitCircuit.IndexTerms"/>) as weights on the operand rows plus a constant (carried by the indicator row).</summary>
    static (List<(int Row, double Weight)> Terms, double Constant) Index(FleqLayout l, UnitFields unit)
    {
        var terms = UnitCircuit.IndexTerms(unit.Unit.Arity, l.WordBits)
            .Select(t => (l.BitRow(t.Operand == 0 ? l.X : l.Y, t.Bit), t.Weight)).ToList();
        return (terms, UnitCircuit.IndexConstant(unit.Unit.Arity, l.WordBits));
    }

    static void AddPiecewise(FeedForwardBuilder ff, FleqLayout l, UnitFields unit, RowField value)
    {
        var circuit = unit.Circuit;
        if (circuit.Start != 0) ColumnConstant.Add(ff, l.Indicator, [(value[0], circuit.Start)]);
        var (terms, constant) = Index(l, unit);
        foreach (var (t, slope) in circuit.Kinks)
            ff.Unit([.. terms, (l.Indicator, constant - t)], 0, [(value[0], slope)]);
    }

    static void AddBits(FeedForwardBuilder ff, FleqLayout l, UnitFields unit, RowField value)
    {
        int n = l.WordBits;
        var levels = unit.Circuit.Levels;
        // The lowest level's bits, from the indicator (one unit, which has no outputs where they are all 0).
        ColumnConstant.Add(ff, l.Indicator,
            Enumerable.Range(0, n).Where(e => UnitCircuit.Bit(levels[0], e) == 1).Select(e => (l.BitRow(unit.Output, e), 1.0)));
        for (int j = 1; j < levels.Count; j++)
        {
            var changes = Enumerable.Range(0, n)
                .Select(e => (Row: l.BitRow(unit.Output, e), Delta: (double)(UnitCircuit.Bit(levels[j], e) - UnitCircuit.Bit(levels[j - 1], e))))
                .Where(c => c.Delta != 0).ToList();
            ff.Unit([(value[0], 1), (l.Indicator, 1 - levels[j])], 0, changes);
            ff.Unit([(value[0], 1), (l.Indicator, -levels[j])], 0, changes.Select(c => (c.Row, -c.Delta)));
        }
    }

    static void AddLookup(FeedForwardBuilder ff, FleqLayout l, UnitFields unit)
    {
        int n = l.WordBits;
        var circuit = unit.Circuit;
        var fn = unit.Unit;
        if (circuit.Baseline != 0)
            ColumnConstant.Add(ff, l.Indicator,
                Enumerable.Range(0, n).Where(e => UnitCircuit.Bit(circuit.Baseline, e) == 1).Select(e => (l.BitRow(unit.Output, e), 1.0)));
        foreach (int index in circuit.Exceptions)
        {
            var (x, y) = fn.InputAt(index);
            var match = l.X.Rows.Zip(Encoding.WordBits(x, n)).ToList();
            if (fn.Arity == 2) match.AddRange(l.Y.Rows.Zip(Encoding.WordBits(y, n)));
            long v = fn.Table[index];
            var changes = Enumerable.Range(0, n)
                .Select(e => (Row: l.BitRow(unit.Output, e), Delta: (double)(UnitCircuit.Bit(v, e) - UnitCircuit.Bit(circuit.Baseline, e))))
                .Where(c => c.Delta != 0);
            ff.Unit([.. match, (l.Indicator, -(fn.Arity * n - 1))], 0, changes);
        }
    }
}
