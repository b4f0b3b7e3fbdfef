using LoopedComputer.Studies.Pictures;
using LoopedComputer.Tests.Cli;
using SkiaSharp;

namespace LoopedComputer.Tests.Studies.Pictures;

/// <summary>`looped show` and the GIF writer: files that an independent decoder (Skia's) reads back.</summary>
public sealed class PictureTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("looped-pictures-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Gif_frames_decode_to_the_pixels_written()
    {
        var random = new Random(5);
        // Random palette colours: no quantisation error, and enough entropy to fill the LZW table many times.
        var frames = Enumerable.Range(0, 3).Select(_ =>
        {
            var bitmap = new SKBitmap(211, 97);
            for (int y = 0; y < bitmap.Height; y++)
                for (int x = 0; x < bitmap.Width; x++)
                    bitmap.SetPixel(x, y, GifEncoder.PaletteColor((byte)(x < 50 ? 7 : random.Next(256))));
            return bitmap;
        }).ToList();
        string path = Path.Combine(directory, "frames.gif");
        using (var stream = File.Create(path)) GifEncoder.Write(stream, frames, 50);

        using var codec = SKCodec.Create(path);
        Assert.Equal(3, codec.FrameCount);
        var info = new SKImageInfo(211, 97, SKColorType.Bgra8888, SKAlphaType.Premul);
        for (int f = 0; f < 3; f++)
        {
            using var decoded = new SKBitmap(info);
            Assert.Equal(SKCodecResult.Success, codec.GetPixels(info, decoded.GetPixels(), new SKCodecOptions(f)));
            for (int y = 0; y < 97; y++)
                for (int x = 0; x < 211; x++)
                    Assert.Equal(frames[f].GetPixel(x, y), decoded.GetPixel(x, y));
        }
        foreach (var frame in frames) frame.Dispose();
    }

    [Fact]
    public void Nearest_palette_colour_is_exact_for_palette_colours_and_close_otherwise()
    {
        for (int i = 0; i < 256; i++)
        {
            var color = GifEncoder.PaletteColor((byte)i);
            Assert.Equal(color, GifEncoder.PaletteColor(GifEncoder.Nearest(color)));
        }
        var near = GifEncoder.PaletteColor(GifEncoder.Nearest(new SKColor(250, 10, 12)));
        Assert.Equal(new SKColor(255, 0, 0), near);
    }

    [Fact]
    public void Show_writes_a_png_of_the_loop_and_a_gif_of_the_range()
    {
        string png = Path.Combine(directory, "x.png"), gif = Path.Combine(directory, "x.gif");
        var run = LoopedProcess.Run("show", LoopedProcess.Program("factorial.lasm"), "--set", "n=3", "--step", "4", "--png", png,
            "--gif", gif, "--to", "6", "--mixer", "linear");
        Assert.Equal(0, run.ExitCode);
        using var picture = SKBitmap.Decode(png);
        Assert.True(picture.Width > 500 && picture.Height > 500, $"{picture.Width}×{picture.Height}");
        var colors = Enumerable.Range(0, picture.Width * picture.Height / 7).Select(i => picture.GetPixel(i * 7 % picture.Width, i * 7 / picture.Width)).ToHashSet();
        Assert.Contains(new SKColor(255, 0, 0), colors); // +1 entries
        Assert.Contains(new SKColor(0, 0, 255), colors); // −1 entries
        using var codec = SKCodec.Create(gif);
        Assert.Equal(3, codec.FrameCount);
        Assert.Equal(picture.Width, codec.Info.Width);
    }

    [Fact]
    public void Show_without_an_output_file_says_what_to_give()
    {
        var run = LoopedProcess.Run("show", LoopedProcess.Program("factorial.lasm"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--png FILE", run.Error);
    }

    [Fact]
    public void A_step_past_the_halt_draws_the_halted_state_without_running_the_loops_in_between()
    {
        // factorial(3) halts after a few dozen loops; a million loops on the transformer would take minutes.
        string atHalt = Path.Combine(directory, "halt.png"), farPast = Path.Combine(directory, "past.png");
        var halted = LoopedProcess.Run("show", LoopedProcess.Program("factorial.lasm"), "--set", "n=3", "--machine", "paper-subleq", "--step", "1000000", "--png", farPast);
        Assert.Equal(0, halted.ExitCode);
        Assert.Contains("loop 1000000: ", halted.Out);
        var steps = LoopedProcess.Run("interp", LoopedProcess.Program("factorial.lasm"), "--set", "n=3", "--isa", "subleq");
        long haltLoop = long.Parse(System.Text.RegularExpressions.Regex.Match(steps.Out, @"halted after ([\d,]+) steps").Groups[1].Value.Replace(",", ""));
        var exact = LoopedProcess.Run("show", LoopedProcess.Program("factorial.lasm"), "--set", "n=3", "--machine", "paper-subleq", "--step", haltLoop.ToString(), "--png", atHalt);
        Assert.Equal(0, exact.ExitCode);
        using var past = SKBitmap.Decode(farPast);
        using var rest = SKBitmap.Decode(atHalt);
        Assert.Equal((rest.Width, rest.Height), (past.Width, past.Height)); // the same state; only the title's loop number differs
    }
}
