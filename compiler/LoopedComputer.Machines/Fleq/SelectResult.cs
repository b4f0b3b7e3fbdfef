using LoopedComputer.Isa;

namespace LoopedComputer.Machines.Fleq;

/// <summary>
/// Result = the output of the function the instruction names. Every block has already
/// computed its output; a unit per bit and function passes a bit (as 0/1) only where that
/// function's one-hot row is 1, and Result = 2·Σ − 1. mov and store write x; jmp writes nothing; a
/// program's function unit writes its output bits.
/// </summary>
public static class SelectResult
{
    public static Block Block(FleqLayout l)
    {
        (Function Function, RowField Bits, bool PlusMinus)[] sources =
        [
            (Function.Sub, l.Difference, true), (Function.Add, l.Sum, true), (Function.Mov, l.X, true),
            (Function.And, l.And, true), (Function.Or, l.Or, true), (Function.Xor, l.Xor, true),
            (Function.Shl, l.ShiftedLeft, false), (Function.Shr, l.ShiftedRight, false), (Function.Mul, l.Product, true),
            (Function.Load, l.Loaded, false), (Function.Store, l.X, true),
            .. l.Units.Select((unit, i) => (FunctionNames.Unit(i), unit.Output, false)),
        ];
        return new Block("select result")
        {
            Reads = [l.CurOp, .. sources.Select(s => s.Bits).Distinct()],
            Writes = [l.Result],
            Units = ff => Add(ff, l, sources),
        };
    }

    static void Add(FeedForwardBuilder ff, FleqLayout l, (Function Function, RowField Bits, bool PlusMinus)[] sources)
    {
        foreach (var (function, bits, plusMinus) in sources)
        {
            int op = l.CurOp[(int)function];
            for (int i = 0; i < l.WordBits; i++)
                ff.Unit(plusMinus ? [(bits[i], 0.5), (op, 1)] : [(bits[i], 1), (op, 1)], plusMinus ? -0.5 : -1, [(l.Result[i], 2)]);
        }
        Blocks.ColumnConstant.Add(ff, l.Indicator, l.Result.Rows.Select(r => (r, -1.0)));
    }
}
