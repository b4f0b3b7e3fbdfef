using LoopedComputer.Machines;
using SkiaSharp;

namespace LoopedComputer.Studies.Pictures;

/// <summary>One head's attention at a loop: weights[key, query] (each query column sums to 1).</summary>
public sealed record AttentionPattern(string Title, double[,] Weights);

/// <summary>
/// Draws the state X at a loop as a heatmap (−1 blue, 0 white, +1 red; NaN/Inf magenta), with the
/// row fields labelled on the left, the column kinds (scratchpad, memory cells, instructions) on
/// top, a colour scale, and below it each head's attention pattern (keys down, queries across).
/// </summary>
public static class StatePicture
{
    public const int MaxColumns = 2048;
    const int LabelWidth = 330, Top = 96, ScaleWidth = 150, PanelGap = 28;
    static readonly SKColor Magenta = new(230, 0, 230);

    static SKFont Font(float size) => new(SKTypeface.Default, size);

    static float Measure(string text, float size)
    {
        using var font = Font(size);
        return font.MeasureText(text);
    }

    /// <summary>−1 → blue, 0 → white, +1 → red, saturating beyond ±1.</summary>
    public static SKColor Diverging(double value)
    {
        if (!double.IsFinite(value)) return Magenta;
        double t = Math.Clamp(value, -1, 1);
        byte fade = (byte)(255 * (1 - Math.Abs(t)));
        return t >= 0 ? new SKColor(255, fade, fade) : new SKColor(fade, fade, 255);
    }

    /// <summary>0 → white, 1 → dark blue.</summary>
    public static SKColor Sequential(double weight)
    {
        if (!double.IsFinite(weight)) return Magenta;
        double t = Math.Clamp(weight, 0, 1);
        return new SKColor((byte)(255 * (1 - t)), (byte)(255 * (1 - 0.85 * t)), (byte)(255 - 120 * t));
    }

    public static SKBitmap Render(string title, IMachineLayout layout, double[,] x, IReadOnlyList<AttentionPattern> patterns)
    {
        int d = x.GetLength(0), n = x.GetLength(1);
        if (n > MaxColumns) throw new ArgumentException($"show draws machines of up to {MaxColumns:N0} columns; this one has {n:N0} (use trace instead)");
        int cellWidth = Math.Clamp(1000 / n, 1, 24), cellHeight = Math.Clamp(1400 / d, 2, 14);
        int mapWidth = n * cellWidth, mapHeight = d * cellHeight;
        int panel = Math.Clamp(n * 4, 140, 260);
        int perRow = Math.Max(1, (LabelWidth + mapWidth + ScaleWidth - 20) / (panel + PanelGap));
        int panelRows = (patterns.Count + perRow - 1) / perRow;
        int width = LabelWidth + mapWidth + ScaleWidth;
        int height = Top + mapHeight + 40 + (patterns.Count == 0 ? 0 : 30 + panelRows * (panel + 40));
        var bitmap = new SKBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var fill = new SKPaint { Style = SKPaintStyle.Fill };
        using var line = new SKPaint { Color = new SKColor(120, 120, 120), StrokeWidth = 1 };
        using var titleFont = Font(18);
        using var font = Font(12);
        using var small = Font(10);
        canvas.DrawText(title, 10, 24, titleFont, text);

        // The heatmap.
        for (int r = 0; r < d; r++)
            for (int c = 0; c < n; c++)
            {
                fill.Color = Diverging(x[r, c]);
                canvas.DrawRect(LabelWidth + c * cellWidth, Top + r * cellHeight, cellWidth, cellHeight, fill);
            }

        // Column kinds: a band per kind above the map, with its name and range.
        int firstMemory = layout.MemoryColumnOf(0), firstInstruction = firstMemory + layout.MemoryCells;
        var kinds = new[]
        {
            ("scratchpad", 0, firstMemory, new SKColor(200, 200, 200)),
            ($"memory: {layout.MemoryCells} cells", firstMemory, layout.MemoryCells, new SKColor(150, 210, 150)),
            ($"instructions: {layout.InstructionCount}", firstInstruction, layout.InstructionCount, new SKColor(240, 190, 120)),
        };
        foreach (var (name, first, count, color) in kinds)
        {
            if (count == 0) continue;
            fill.Color = color;
            canvas.DrawRect(LabelWidth + first * cellWidth, Top - 40, count * cellWidth, 18, fill);
            if (count * cellWidth < 70)
                canvas.DrawText(name, LabelWidth + first * cellWidth, Top - 46, font, text); // too narrow: the name goes above its band
            else
            {
                canvas.Save();
                canvas.ClipRect(new SKRect(LabelWidth + first * cellWidth, Top - 40, LabelWidth + (first + count) * cellWidth, Top - 22));
                canvas.DrawText(name, LabelWidth + first * cellWidth + 3, Top - 26, font, text);
                canvas.Restore();
            }
            canvas.DrawLine(LabelWidth + first * cellWidth, Top - 40, LabelWidth + first * cellWidth, Top + mapHeight, line);
        }
        int tickEvery = Math.Max(1, (int)Math.Ceiling(30.0 / cellWidth));
        for (int c = 0; c < n; c += tickEvery)
            canvas.DrawText(c.ToString(), LabelWidth + c * cellWidth, Top - 6, small, text);
        canvas.DrawText("column", LabelWidth - 48, Top - 6, small, text);

        // Row fields: a separator per field, names in staggered columns so that narrow fields stay readable.
        var lastBottom = new float[3];
        Array.Fill(lastBottom, float.MinValue);
        for (int f = 0; f < layout.Fields.Count; f++)
        {
            var field = layout.Fields[f];
            float y0 = Top + field.Offset * cellHeight, y1 = y0 + field.Width * cellHeight;
            canvas.DrawLine(LabelWidth - 6, y0, LabelWidth + mapWidth, y0, line);
            fill.Color = f % 2 == 0 ? new SKColor(235, 235, 245) : new SKColor(250, 250, 250);
            canvas.DrawRect(LabelWidth - 6, y0, 6, y1 - y0, fill);
            float y = Math.Max((y0 + y1) / 2 + 4, 0);
            int slot = Array.FindIndex(lastBottom, bottom => y - 11 >= bottom);
            if (slot < 0) continue; // no room: the separator still marks the field
            string label = field.Width == 1 ? field.Name : $"{field.Name} [{field.Width}]";
            float xText = 4 + slot * 108;
            canvas.Save();
            canvas.ClipRect(new SKRect(xText, y - 12, xText + 104, y + 4));
            canvas.DrawText(label, xText, y, small, text);
            canvas.Restore();
            canvas.DrawLine(xText + Math.Min(104, Measure(label, 10)) + 2, y - 3, LabelWidth - 6, (y0 + y1) / 2, line);
            lastBottom[slot] = y + 1;
        }
        canvas.DrawText($"rows (d = {d})", 4, Top - 6, small, text);

        // Colour scale.
        int scaleX = LabelWidth + mapWidth + 30, scaleTop = Top, scaleHeight = Math.Min(300, mapHeight);
        for (int i = 0; i < scaleHeight; i++)
        {
            fill.Color = Diverging(1 - 2.0 * i / (scaleHeight - 1));
            canvas.DrawRect(scaleX, scaleTop + i, 22, 1, fill);
        }
        foreach (var (value, at) in new[] { ("+1", 0), ("0", scaleHeight / 2), ("−1", scaleHeight - 1) })
            canvas.DrawText(value, scaleX + 28, scaleTop + at + 5, font, text);
        canvas.DrawText("value of X", scaleX - 4, scaleTop + scaleHeight + 20, small, text);
        canvas.DrawText("(saturates at ±1;", scaleX - 4, scaleTop + scaleHeight + 34, small, text);
        canvas.DrawText("magenta: NaN/Inf)", scaleX - 4, scaleTop + scaleHeight + 48, small, text);

        // Attention patterns.
        if (patterns.Count > 0)
        {
            int y = Top + mapHeight + 40;
            canvas.DrawText("attention of each head (softmax over keys; keys ↓, queries →; white 0, blue 1)", 10, y, font, text);
            for (int p = 0; p < patterns.Count; p++)
            {
                int px = 10 + p % perRow * (panel + PanelGap), py = y + 30 + p / perRow * (panel + 40);
                canvas.Save();
                canvas.ClipRect(new SKRect(px, py - 14, px + panel + PanelGap - 4, py));
                canvas.DrawText(patterns[p].Title, px, py - 4, small, text);
                canvas.Restore();
                var weights = patterns[p].Weights;
                float cell = (float)panel / n;
                for (int k = 0; k < n; k++)
                    for (int q = 0; q < n; q++)
                    {
                        fill.Color = Sequential(weights[k, q]);
                        canvas.DrawRect(px + q * cell, py + k * cell, cell + 0.5f, cell + 0.5f, fill);
                    }
                using var frame = new SKPaint { Color = SKColors.Gray, Style = SKPaintStyle.Stroke };
                canvas.DrawRect(px, py, panel, panel, frame);
            }
        }
        return bitmap;
    }

    /// <summary>Softmax attention of a head on input X: softmax over keys of λ·(QX)ᵀ(QX), computed on the host.</summary>
    public static double[,] Softmax(AttentionHead head, double[,] x, double lambda)
    {
        var query = head.Query;
        int r = query.GetLength(0), d = x.GetLength(0), n = x.GetLength(1);
        var q = new double[r, n];
        for (int i = 0; i < r; i++)
            for (int k = 0; k < d; k++)
            {
                double w = query[i, k];
                if (w == 0) continue;
                for (int c = 0; c < n; c++) q[i, c] += w * x[k, c];
            }
        var weights = new double[n, n];
        for (int column = 0; column < n; column++)
        {
            double max = double.NegativeInfinity;
            for (int key = 0; key < n; key++)
            {
                double score = 0;
                for (int i = 0; i < r; i++) score += q[i, key] * q[i, column];
                weights[key, column] = lambda * score;
                max = Math.Max(max, weights[key, column]);
            }
            double sum = 0;
            for (int key = 0; key < n; key++) sum += weights[key, column] = Math.Exp(weights[key, column] - max);
            for (int key = 0; key < n; key++) weights[key, column] /= sum;
        }
        return weights;
    }
}
