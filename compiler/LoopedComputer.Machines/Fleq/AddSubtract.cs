using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Machines.Fleq;

/// <summary>add: Sum ← x + y; sub: Difference ← y − x = y + ¬x + 1. One ripple-free adder each (layer 4).</summary>
public static class AddSubtract
{
    public static void Add(FeedForwardBuilder ff, FleqLayout l)
    {
        BinaryAdder.Add(ff, [l.X, l.Y], 0, l.Sum, l.Indicator);
        BinaryAdder.Add(ff, [l.Y, new Addend(l.X, Complement: true)], 1, l.Difference, l.Indicator);
    }
}
