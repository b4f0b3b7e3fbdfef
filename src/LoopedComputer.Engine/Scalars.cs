using TorchSharp;

namespace LoopedComputer.Engine;

/// <summary>
/// Scalars the engine passes to TorchSharp explicitly. TorchSharp 0.107 turns numbers into native
/// Scalar handles implicitly (e.g. the alpha of <c>add</c>) and leaves them to the finalizer, which
/// can free one while a native call still reads it; the resulting errors ("toFloat", "toDouble") are
/// random. The one-argument add_(Scalar) and sub_ overloads make such a temporary too (an alpha of 1),
/// so the engine always passes its alpha; square() is pow(2) with such a temporary, so it multiplies instead.
/// Holding the handles here keeps them alive for the life of the process.
/// </summary>
static class Scalars
{
    public static readonly Scalar Zero = 0.0.ToScalar();
    public static readonly Scalar Half = 0.5.ToScalar();
    public static readonly Scalar One = 1.0.ToScalar();
    public static readonly Scalar MinusHalf = (-0.5).ToScalar();
    public static readonly Scalar MinusOne = (-1.0).ToScalar();
}
