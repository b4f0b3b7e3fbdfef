using LoopedComputer.Isa;

namespace LoopedComputer.Machines.Fleq;

/// <summary>
/// Where the write goes and where the branch goes.
/// WriteAddress = code of c, except store: code of z if z is a cell (else 0: no write), and jmp: 0.
/// Target = code of p, except jmp: code of x if x is an instruction, else the final halt's code.
/// A zero WriteAddress makes every memory column attend to itself, so nothing is written.
/// </summary>
public static class Routing
{
    /// <summary>The parts that need only the fetched instruction, plus the enables.</summary>
    public static Block Prepare(FleqLayout l) => new("routing")
    {
        Reads = [l.CurOp, l.CurC, l.CurP, l.StoreOk, l.JumpOk],
        Writes = [l.WriteAddress, l.Target, l.StoreEnable, l.JumpEnable, l.JumpHalt],
        Units = ff => AddPrepare(ff, l),
    };

    /// <summary>The pointer-valued parts, added to what <see cref="Prepare"/> wrote.</summary>
    public static Block Complete(FleqLayout l) => new("pointer routing")
    {
        Reads = [l.Z, l.X, l.StoreEnable, l.JumpEnable, l.JumpHalt],
        Writes = [l.WriteAddress, l.Target],
        Units = ff => AddComplete(ff, l),
    };

    static void AddPrepare(FeedForwardBuilder ff, FleqLayout l)
    {
        int store = l.CurOp[(int)Function.Store], jump = l.CurOp[(int)Function.Jmp];
        for (int i = 0; i < l.CellBits; i++)
        {
            ff.Unit([(l.CurC[i], 1), (store, -1), (jump, -1)], 0, [(l.WriteAddress[i], 1)]);
            ff.Unit([(l.CurC[i], -1), (store, -1), (jump, -1)], 0, [(l.WriteAddress[i], -1)]);
        }
        for (int i = 0; i < l.InstructionBits; i++)
        {
            ff.Unit([(l.CurP[i], 1), (jump, -1)], 0, [(l.Target[i], 1)]);
            ff.Unit([(l.CurP[i], -1), (jump, -1)], 0, [(l.Target[i], -1)]);
        }
        ff.Unit([(store, 1), (l.StoreOk[0], 1)], -1, [(l.StoreEnable[0], 1)]);
        ff.Unit([(jump, 1), (l.JumpOk[0], 1)], -1, [(l.JumpEnable[0], 1)]);
        ff.Unit([(jump, 1), (l.JumpOk[0], -1)], 0, [(l.JumpHalt[0], 1)]);
    }

    static void AddComplete(FeedForwardBuilder ff, FleqLayout l)
    {
        WordPointer.Route(ff, l, l.Z, l.StoreEnable[0], l.WriteAddress);
        WordPointer.Route(ff, l, l.X, l.JumpEnable[0], l.Target);
        var halt = l.InstructionCodeOf(l.InstructionCount - 1);
        ff.Unit([(l.JumpHalt[0], 1)], 0, l.Target.Rows.Select((row, i) => (row, halt[i])));
    }
}
