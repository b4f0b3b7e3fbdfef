using LoopedComputer.Machines;
using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Tests.Machines;

/// <summary>The layer plan refuses blocks that break their declarations or the rules of a layer and of the loop.</summary>
public class LayerPlanTests
{
    static readonly RowAllocator Rows = new();
    static readonly RowField A = Rows.Add("A", 2, RowEncoding.PlusMinusOne, RowRole.Scratch);
    static readonly RowField B = Rows.Add("B", 2, RowEncoding.PlusMinusOne, RowRole.State);
    static readonly RowField Code = Rows.Add("Code", 2, RowEncoding.PlusMinusOne, RowRole.Constant);
    static readonly RowField Buf = Rows.Add("Buf", 2, RowEncoding.Scalar, RowRole.Buffer);
    static readonly RowField Indicator = Rows.Add("Indicator", 1, RowEncoding.ZeroOne, RowRole.Constant);
    static readonly RowSpace Space = Rows.Space(Indicator);

    /// <summary>to += ReLU(from), row by row.</summary>
    static Block Copy(string name, RowField from, RowField to) => new(name)
    {
        Reads = [from],
        Writes = [to],
        Units = ff =>
        {
            for (int i = 0; i < to.Width; i++) ff.Unit((from[i], 1), 0, (to[i], 1));
        },
    };

    static string Refusal(Action build) => Assert.Throws<InvalidOperationException>(build).Message;

    [Fact]
    public void Two_blocks_writing_the_same_rows_in_one_layer_are_refused()
    {
        string message = Refusal(() => new MachinePlan("t", Space).Layer("mix", Copy("first", B, A), Copy("second", Code, A)).Build());
        Assert.Contains("layer 1 (mix)", message);
        Assert.Contains("'first' and 'second' both write A", message);
    }

    [Fact]
    public void The_same_blocks_in_different_layers_are_accepted()
    {
        var weights = new MachinePlan("t", Space)
            .Layer("first", Copy("first", B, A))
            .Layer("second", Copy("second", Code, A))
            .Layer("clear", Block.Clear("clear A", A))
            .Build();
        Assert.Equal(["first", "second", "clear"], weights.Layers.Select(l => l.Name));
        Assert.Equal([2, 2, 4], weights.Layers.Select(l => l.FeedForward.Hidden));
    }

    static Block HeadIntoBuffer(string name) => new(name)
    {
        Reads = [B, Code, A],
        Writes = [Buf],
        Heads = [AddressedAttention.Head(name, Space.Rows, Indicator[0], B, Code, (A, Buf))],
    };

    [Fact]
    public void A_buffer_left_written_at_the_end_of_its_layer_is_refused()
    {
        string message = Refusal(() => new MachinePlan("t", Space).Layer("read", HeadIntoBuffer("head only")).Build());
        Assert.Contains("layer 1 (read): block 'head only' leaves Buf written", message);
    }

    [Fact]
    public void A_declared_clear_that_only_a_head_performs_is_refused()
    {
        var block = HeadIntoBuffer("liar") with { Writes = [], Clears = [Buf] };
        string message = Refusal(() => new MachinePlan("t", Space).Layer("read", block).Build());
        Assert.Contains("block 'liar' declares it clears Buf but no unit of it writes Buf[0]", message);
    }

    [Fact]
    public void A_buffer_the_same_block_clears_after_its_head_is_accepted()
    {
        var block = HeadIntoBuffer("read") with { Writes = [], Clears = [Buf], Units = ff => ff.Clear(Buf) };
        var weights = new MachinePlan("t", Space).Layer("read", block).Build();
        Assert.Single(weights.Layers[0].Heads);
    }

    [Fact]
    public void Scratch_still_written_when_the_loop_ends_is_refused()
    {
        string message = Refusal(() => new MachinePlan("t", Space).Layer("first", Copy("first", B, A)).Layer("other", Copy("other", A, B)).Build());
        Assert.Contains("scratch A, written in layer 1 (first) by block 'first', is not cleared before the loop ends", message);
    }

    [Fact]
    public void A_write_the_block_does_not_declare_is_refused()
    {
        var block = Copy("sneaky", B, A) with { Writes = [Buf], Clears = [] };
        string message = Refusal(() => new LayerPlan(4, "l", [block]).Build(Space));
        Assert.Contains("layer 4 (l): block 'sneaky' writes A[0], which it does not declare", message);
    }

    [Fact]
    public void A_read_the_block_does_not_declare_is_refused()
    {
        var block = Copy("sneaky", B, A) with { Reads = [Code] };
        string message = Refusal(() => new LayerPlan(1, "l", [block]).Build(Space));
        Assert.Contains("block 'sneaky' reads B[0], which it does not declare", message);
    }

    [Fact]
    public void A_declared_write_the_block_does_not_make_is_refused()
    {
        var block = Copy("idle", B, A) with { Writes = [A, B] };
        string message = Refusal(() => new LayerPlan(1, "l", [block]).Build(Space));
        Assert.Contains("block 'idle' declares it writes B but leaves B[0] alone", message);
    }

    [Fact]
    public void A_write_to_a_constant_field_is_refused()
    {
        string message = Refusal(() => new LayerPlan(1, "l", [Copy("overwrite", B, Code)]).Build(Space));
        Assert.Contains("block 'overwrite' writes Code, a constant field", message);
    }
}
