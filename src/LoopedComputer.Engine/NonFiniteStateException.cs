namespace LoopedComputer.Engine;

/// <summary>
/// The state X held a NaN or an infinity at a halt check. The loop that first produced one was
/// replayed layer by layer: <see cref="Layer"/> (1-based) is the first layer whose output was not
/// finite, and <see cref="Location"/> names its row field and column.
/// </summary>
public sealed class NonFiniteStateException(long loop, int layer, string layerName, string location, int batchRow)
    : Exception($"the state became non-finite (NaN or Inf) in loop {loop:N0}: first produced by layer {layer} ({layerName}) at {location}" +
                (batchRow > 0 ? $" in batch row {batchRow}" : ""))
{
    public long Loop { get; } = loop;
    public int Layer { get; } = layer;
    public string LayerName { get; } = layerName;
    public string Location { get; } = location;
}
