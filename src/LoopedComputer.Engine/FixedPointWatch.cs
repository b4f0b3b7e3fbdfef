using LoopedComputer.Isa;

namespace LoopedComputer.Engine;

/// <summary>
/// What the engine must watch to see a run come to rest without reading the whole state back: a
/// state is a fixed point when the next loop leaves the PC where it was and leaves the cells such a
/// loop may write unchanged. Each program's semantics names those cells
/// (<see cref="IReferenceSemantics.RestingWrites"/>): for FLEQ the c of every instruction that can branch
/// to itself, or every cell if one is an indirect store. Classic SUBLEQ names none (code is memory:
/// any cell may be written), so the engine compares every cell in place from loop to loop and keeps
/// only how many changed (<see cref="ComparesInPlace"/>), not a copy of them per loop.
/// </summary>
public sealed class FixedPointWatch
{
    readonly Dictionary<int, int> slotOf;

    /// <summary>True when some program names no cells: every cell is compared in place, and a rest is a loop that kept the PC and changed no cell.</summary>
    public bool ComparesInPlace { get; }

    /// <summary>The cells whose values are recorded every loop (or, comparing in place, compared), in ascending order.</summary>
    public IReadOnlyList<int> Cells { get; }

    public FixedPointWatch(IReadOnlyList<Program> programs, int memoryCells)
    {
        ComparesInPlace = programs.Any(p => p.Reference.RestingWrites(p) is null);
        Cells = ComparesInPlace ? Enumerable.Range(0, memoryCells).ToArray()
            : programs.SelectMany(p => p.Reference.RestingWrites(p)!).Where(c => c < memoryCells).Distinct().Order().ToArray();
        slotOf = ComparesInPlace ? [] : Cells.Select((cell, slot) => (cell, slot)).ToDictionary(p => p.cell, p => p.slot);
    }

    /// <summary>
    /// The slots of <see cref="Cells"/> whose values decide whether a loop that took the PC from
    /// <paramref name="pcBefore"/> to <paramref name="pcAfter"/> left the state unchanged: null when
    /// the PC moved or no state at that PC is a fixed point, else the slots of the cells the
    /// program's semantics names (<see cref="IReferenceSemantics.CellsDecidingRest"/>); none when comparing in place.
    /// </summary>
    public IReadOnlyList<int>? SlotsDeciding(Program program, int pcBefore, int pcAfter)
    {
        if (pcBefore != pcAfter) return null;
        var cells = program.Reference.CellsDecidingRest(program, pcBefore);
        return cells is null ? null : ComparesInPlace ? [] : cells.Select(c => slotOf[c]).ToArray();
    }
}
