using LoopedComputer.Assembly;
using LoopedComputer.Isa;
using LoopedComputer.Machines;
using LoopedComputer.Machines.Classic;
using LoopedComputer.Machines.Fleq;
using LoopedComputer.Machines.PaperSubleq;

namespace LoopedComputer.Tests.Machines;

/// <summary>The layer tables in the docs are the ones the machines' plans generate, so the docs cannot drift from the code.</summary>
public class LayerTableTests
{
    static Program Assemble(string name) =>
        Assembler.AssembleFile(Path.Combine(AppContext.BaseDirectory, "programs", name), new AssemblerOptions(null, null)).Program!;

    /// <summary>The markdown table of <paramref name="doc"/> whose header is the layer table's.</summary>
    static IReadOnlyList<string> TableIn(string doc)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "docs", doc));
        string header = LayerTable.Markdown(new MachineWeights("none", 0, []))[0];
        int start = Array.IndexOf(lines, header);
        Assert.True(start >= 0, $"{doc} has no layer table (header {header})");
        return lines.Skip(start).TakeWhile(line => line.StartsWith('|')).ToList();
    }

    [Fact]
    public void The_FLEQ_table_in_docs_machine_md_is_generated_from_the_plan()
    {
        var weights = FleqMachine.Build(FleqLayout.For(Assemble("bubble_sort.lasm")));
        Assert.Equal(LayerTable.Markdown(weights), TableIn("machine.md"));
    }

    [Fact]
    public void The_paper_table_in_docs_paper_subleq_md_is_generated_from_the_plan()
    {
        var weights = PaperSubleqMachine.Build(PaperSubleqLayout.For(Assemble("factorial.lasm")));
        Assert.Equal(LayerTable.Markdown(weights), TableIn("paper-subleq.md"));
    }

    [Fact]
    public void The_classic_table_in_docs_classic_machine_md_is_generated_from_the_plan()
    {
        // anadim's shape: 416 words of 16 bits (and the 16 output slots and the count).
        var weights = ClassicMachine.Build(new ClassicLayout(16, new ClassicSubleq(416, ClassicSubleq.DefaultOutputSlots, Saturate: false)));
        Assert.Equal(LayerTable.Markdown(weights), TableIn("classic-machine.md"));
    }

    [Fact]
    public void Every_layer_row_names_its_blocks_heads_width_and_fields()
    {
        var weights = PaperSubleqMachine.Build(PaperSubleqLayout.For(Assemble("factorial.lasm")));
        var table = LayerTable.Markdown(weights);
        Assert.Equal(2 + 10, table.Count);
        // Layer 2: two reads of an N = 16-bit word, one head each; each gated overwrite takes 2 units per bit and clearing its buffer 2 more: 8N.
        Assert.Equal("| 2 | read memory | read mem[a]; read mem[b] | 2 | 128 | ScratchA, Position, Memory, ScratchMemA, ScratchB, ScratchMemB → ScratchMemA, ScratchMemB | Buffer.MemA, Buffer.MemB |",
            table[3]);
    }
}
