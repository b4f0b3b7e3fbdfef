using SkiaSharp;

namespace LoopedComputer.Studies.Pictures;

/// <summary>
/// A minimal animated GIF89a writer: one global 256-colour palette (a 6×6×6 colour cube and 40
/// greys, each pixel mapped to the nearest), LZW-compressed frames of one size, looping forever.
/// </summary>
public static class GifEncoder
{
    static readonly SKColor[] Palette = BuildPalette();

    static SKColor[] BuildPalette()
    {
        var colors = new List<SKColor>();
        for (int r = 0; r < 6; r++)
            for (int g = 0; g < 6; g++)
                for (int b = 0; b < 6; b++)
                    colors.Add(new SKColor((byte)(r * 51), (byte)(g * 51), (byte)(b * 51)));
        for (int i = 0; i < 40; i++) colors.Add(new SKColor((byte)(i * 255 / 39), (byte)(i * 255 / 39), (byte)(i * 255 / 39)));
        return colors.ToArray();
    }

    /// <summary>The palette index nearest to <paramref name="color"/> (squared RGB distance).</summary>
    public static byte Nearest(SKColor color)
    {
        int best = 0, bestDistance = int.MaxValue;
        for (int i = 0; i < Palette.Length; i++)
        {
            int dr = color.Red - Palette[i].Red, dg = color.Green - Palette[i].Green, db = color.Blue - Palette[i].Blue;
            int distance = dr * dr + dg * dg + db * db;
            if (distance < bestDistance) (best, bestDistance) = (i, distance);
        }
        return (byte)best;
    }

    public static SKColor PaletteColor(byte index) => Palette[index];

    public static void Write(Stream stream, IReadOnlyList<SKBitmap> frames, int delayHundredths)
    {
        if (frames.Count == 0) throw new ArgumentException("a GIF needs at least one frame");
        int width = frames[0].Width, height = frames[0].Height;
        if (frames.Any(f => f.Width != width || f.Height != height)) throw new ArgumentException("every frame must have the first frame's size");
        using var writer = new BinaryWriter(stream, System.Text.Encoding.ASCII, leaveOpen: true);
        writer.Write("GIF89a"u8);
        writer.Write((ushort)width);
        writer.Write((ushort)height);
        writer.Write((byte)0xF7); // global colour table of 2^(7+1) entries, 8-bit colour resolution
        writer.Write((byte)0);    // background colour index
        writer.Write((byte)0);    // square pixels
        foreach (var c in Palette) { writer.Write(c.Red); writer.Write(c.Green); writer.Write(c.Blue); }
        writer.Write([0x21, 0xFF, 0x0B]);
        writer.Write("NETSCAPE2.0"u8);
        writer.Write([0x03, 0x01, 0x00, 0x00, 0x00]); // loop forever
        var cache = new Dictionary<uint, byte>();
        foreach (var frame in frames)
        {
            writer.Write([0x21, 0xF9, 0x04, 0x00]);
            writer.Write((ushort)delayHundredths);
            writer.Write([0x00, 0x00]);
            writer.Write((byte)0x2C);
            writer.Write((ushort)0);
            writer.Write((ushort)0);
            writer.Write((ushort)width);
            writer.Write((ushort)height);
            writer.Write((byte)0); // no local colour table, not interlaced
            var pixels = frame.Pixels;
            var indices = new byte[pixels.Length];
            for (int i = 0; i < pixels.Length; i++)
            {
                uint key = (uint)pixels[i];
                if (!cache.TryGetValue(key, out byte index)) cache[key] = index = Nearest(pixels[i]);
                indices[i] = index;
            }
            writer.Flush();
            Lzw(stream, indices);
        }
        stream.WriteByte(0x3B);
    }

    /// <summary>GIF's variable-width LZW (8-bit minimum code size), in data sub-blocks of up to 255 bytes.</summary>
    static void Lzw(Stream stream, byte[] indices)
    {
        const int clearCode = 256, endCode = 257, maxCodes = 4096;
        stream.WriteByte(8);
        var bytes = new List<byte>();
        int bitBuffer = 0, bitCount = 0, size = 9, next = endCode + 1;
        bool resetSize = false;
        void Output(int code)
        {
            bitBuffer |= code << bitCount;
            bitCount += size;
            while (bitCount >= 8) { bytes.Add((byte)bitBuffer); bitBuffer >>= 8; bitCount -= 8; }
            // The decoder widens its codes once the table fills the current width; stay in step with it.
            if (resetSize) { size = 9; resetSize = false; }
            else if (size < 12 && next > (1 << size) - 1) size++;
        }
        var table = new Dictionary<int, int>();
        Output(clearCode);
        int prefix = indices[0];
        for (int i = 1; i < indices.Length; i++)
        {
            int key = (prefix << 8) | indices[i];
            if (table.TryGetValue(key, out int code)) { prefix = code; continue; }
            Output(prefix);
            prefix = indices[i];
            if (next < maxCodes) table[key] = next++;
            else
            {
                table.Clear();
                next = endCode + 1;
                resetSize = true;
                Output(clearCode);
            }
        }
        Output(prefix);
        Output(endCode);
        if (bitCount > 0) bytes.Add((byte)bitBuffer);
        for (int at = 0; at < bytes.Count; at += 255)
        {
            int count = Math.Min(255, bytes.Count - at);
            stream.WriteByte((byte)count);
            stream.Write(bytes.GetRange(at, count).ToArray());
        }
        stream.WriteByte(0);
    }
}
