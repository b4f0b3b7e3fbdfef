using LoopedComputer.Isa;

namespace LoopedComputer.Engine;

/// <summary>
/// What the engine must watch to see a run come to rest without reading the whole state back: a
/// state is a fixed point when the next loop leaves the PC where it was and leaves the cells such a
/// loop may write unchanged. Each program's semantics names those cells
/// (<see cref="IReferenceSemantics.RestingWrites"/>): for FLEQ the c of every instruction that can branch
/// to itself, or every cell if one is an indirect store; for classic SUBLEQ every cell of the image.
/// </summary>
public sealed class FixedPointWatch
{
    readonly Dictionary<int, int> slotOf;

    /// <summary>The cells whose values are recorded every loop, in ascending order.</summary>
    public IReadOnlyList<int> Cells { get; }

    public FixedPointWatch(IReadOnlyList<Program> programs, int memoryCells)
    {
        Cells = programs.SelectMany(p => p.Reference.RestingWrites(p)).Where(c => c < memoryCells).Distinct().Order().ToArray();
        slotOf = Cells.Select((cell, slot) => (cell, slot)).ToDictionary(p => p.cell, p => p.slot);
    }

    /// <summary>
    /// The slots of <see cref="Cells"/> whose values decide whether a loop that took the PC from
    /// <paramref name="pcBefore"/> to <paramref name="pcAfter"/> left the state unchanged: null when
    /// the PC moved or no state at that PC is a fixed point, else the slots of the cells the
    /// program's semantics names (<see cref="IReferenceSemantics.CellsDecidingRest"/>).
    /// </summary>
    public IReadOnlyList<int>? SlotsDeciding(Program program, int pcBefore, int pcAfter)
    {
        if (pcBefore != pcAfter) return null;
        return program.Reference.CellsDecidingRest(program, pcBefore)?.Select(c => slotOf[c]).ToArray();
    }
}
