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
    /// <summary>Layer 5: the parts that need only the fetched instruction, plus the enables.</summary>
    public static void Prepare(FeedForwardBuilder ff, FleqLayout l)
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

    /// <summary>Layer 6: the pointer-valued parts.</summary>
    public static void Complete(FeedForwardBuilder ff, FleqLayout l)
    {
        Pointer.Route(ff, l, l.Z, l.StoreEnable[0], l.WriteAddress);
        Pointer.Route(ff, l, l.X, l.JumpEnable[0], l.Target);
        var halt = l.InstructionCodeOf(l.InstructionCount - 1);
        ff.Unit([(l.JumpHalt[0], 1)], 0, l.Target.Rows.Select((row, i) => (row, halt[i])));
    }
}
