using Microsoft.Extensions.Options;
using SkiaSharp;

namespace BacGiang.Incidents.Api.Photos;

/// <summary>An upload turned into what is kept: a JPEG without metadata, upright, and its thumbnail.</summary>
public sealed record ProcessedPhoto(string OriginalFormat, byte[] Image, int Width, int Height, byte[] Thumbnail, int ThumbnailWidth, int ThumbnailHeight);

/// <summary>Why an upload was refused: the HTTP status to answer and what to say about the field.</summary>
public sealed record PhotoRefusal(int Status, string Message);

/// <summary>
/// Checks an upload and re-encodes it (issue 14). The format is taken from the magic bytes, never from the declared
/// type; the header's pixel dimensions are checked before anything is decoded; a truncated or corrupt image is
/// refused rather than stored half grey. Decoding to pixels and encoding afresh is what strips the metadata: the new
/// JPEG is written from pixels alone, so no EXIF (GPS position, camera make and model, times), XMP, IPTC or ICC
/// segment of the upload survives. The EXIF orientation is applied to the pixels first, so the photo stays upright.
/// </summary>
public sealed class PhotoProcessor(IOptions<PhotoOptions> options) : IDisposable
{
    public const string Jpeg = "jpeg", Png = "png", Webp = "webp";

    private readonly SemaphoreSlim decodes = new(options.Value.ConcurrentDecodes);

    /// <summary>The format the magic bytes say, or null for anything other than JPEG, PNG or WebP.</summary>
    public static string? FormatOf(ReadOnlySpan<byte> data) =>
        data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF ? Jpeg
        : data.Length >= 8 && data[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]) ? Png
        : data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8) ? Webp
        : null;

    public async Task<(ProcessedPhoto? Photo, PhotoRefusal? Refusal)> Process(byte[] data, CancellationToken cancellationToken)
    {
        var format = FormatOf(data);
        if (format is null) return Refused(StatusCodes.Status415UnsupportedMediaType, "is not a JPEG, PNG or WebP image (checked by its content, not its name or declared type)");

        await decodes.WaitAsync(cancellationToken);
        try
        {
            return Decode(data, format);
        }
        finally
        {
            decodes.Release();
        }
    }

    private (ProcessedPhoto?, PhotoRefusal?) Decode(byte[] data, string format)
    {
        var o = options.Value;
        using var encoded = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(encoded);
        if (codec is null) return Refused(StatusCodes.Status400BadRequest, $"could not be read as a {format.ToUpperInvariant()} image: its header is corrupt or cut short");
        if (NameOf(codec.EncodedFormat) != format)
            return Refused(StatusCodes.Status400BadRequest, $"starts like a {format.ToUpperInvariant()} image but is not one");

        // The header's claim, before a single pixel is decoded: a few kilobytes can declare gigabytes of pixels.
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0) return Refused(StatusCodes.Status400BadRequest, "declares no pixels");
        if (width > o.MaxSide || height > o.MaxSide || (long)width * height > o.MaxPixels)
            return Refused(StatusCodes.Status400BadRequest,
                $"is {width}×{height} pixels; at most {o.MaxPixels / 1_000_000.0:0.#} megapixels and {o.MaxSide} pixels a side are taken");

        // A JPEG decodes at 1/2, 1/4 or 1/8 of its size for little more than the cost of the smaller image: the
        // largest such size that is still at least the stored size saves memory and time on big camera photos.
        var size = DecodeSize(codec, o.StoredLongSide);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        using var pixels = new SKBitmap();
        if (!pixels.TryAllocPixels(info)) return Refused(StatusCodes.Status400BadRequest, "is too large to decode");
        var decoded = codec.GetPixels(info, pixels.GetPixels());
        if (decoded == SKCodecResult.InvalidScale && size != codec.Info.Size)
        {
            info = info.WithSize(codec.Info.Size);
            if (!pixels.TryAllocPixels(info)) return Refused(StatusCodes.Status400BadRequest, "is too large to decode");
            decoded = codec.GetPixels(info, pixels.GetPixels());
        }
        // IncompleteInput: the file ends early (truncated), and the codec would have filled the rest with grey.
        if (decoded != SKCodecResult.Success)
            return Refused(StatusCodes.Status400BadRequest, decoded == SKCodecResult.IncompleteInput
                ? "is truncated: the image data ends before the image does"
                : $"is corrupt and could not be decoded ({decoded})");
        pixels.SetImmutable();
        using var image = SKImage.FromBitmap(pixels);

        var origin = codec.EncodedOrigin;
        var (uprightWidth, uprightHeight) = SwapsSides(origin) ? (image.Height, image.Width) : (image.Width, image.Height);
        var (storedWidth, storedHeight) = Fit(uprightWidth, uprightHeight, o.StoredLongSide);
        var (thumbWidth, thumbHeight) = Fit(uprightWidth, uprightHeight, o.ThumbnailLongSide);
        var stored = Render(image, origin, uprightWidth, uprightHeight, storedWidth, storedHeight, o.JpegQuality);
        var thumbnail = Render(image, origin, uprightWidth, uprightHeight, thumbWidth, thumbHeight, o.JpegQuality);
        return (new ProcessedPhoto(format, stored, storedWidth, storedHeight, thumbnail, thumbWidth, thumbHeight), null);
    }

    private static SKSizeI DecodeSize(SKCodec codec, int longSide)
    {
        var full = codec.Info.Size;
        var longest = Math.Max(full.Width, full.Height);
        if (codec.EncodedFormat != SKEncodedImageFormat.Jpeg || longest <= longSide) return full;
        var scaled = codec.GetScaledDimensions((float)longSide / longest);
        return Math.Max(scaled.Width, scaled.Height) >= longSide && scaled.Width > 0 && scaled.Height > 0 ? scaled : full;
    }

    private static (ProcessedPhoto?, PhotoRefusal?) Refused(int status, string message) => (null, new PhotoRefusal(status, message));

    private static string? NameOf(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => Jpeg,
        SKEncodedImageFormat.Png => Png,
        SKEncodedImageFormat.Webp => Webp,
        _ => null,
    };

    private static bool SwapsSides(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>Scaled down so the long side is at most <paramref name="longSide"/>; never up.</summary>
    public static (int Width, int Height) Fit(int width, int height, int longSide)
    {
        var longest = Math.Max(width, height);
        if (longest <= longSide) return (width, height);
        var scale = (double)longSide / longest;
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    /// <summary>
    /// Draws the decoded pixels upright (the EXIF orientation applied) at the size asked, on white (a JPEG has no
    /// transparency), and encodes them as a JPEG. The surface has no colour space, so no ICC profile is written either.
    /// </summary>
    private static byte[] Render(SKImage image, SKEncodedOrigin origin, int uprightWidth, int uprightHeight, int width, int height, int quality)
    {
        using var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(target))
        {
            canvas.Clear(SKColors.White);
            canvas.Scale((float)width / uprightWidth, (float)height / uprightHeight);
            canvas.Concat(Orientation(origin, image.Width, image.Height));
            using var paint = new SKPaint();
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        }
        using var pixmap = target.PeekPixels() ?? throw new InvalidOperationException("A raster bitmap has no pixels to encode.");
        using var jpeg = pixmap.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            ?? throw new InvalidOperationException("The JPEG encoder refused the pixels.");
        return jpeg.ToArray();
    }

    /// <summary>
    /// Maps the stored pixels (w×h) onto the upright picture, for each EXIF orientation: x' = ScaleX·x + SkewX·y + TransX,
    /// y' = SkewY·x + ScaleY·y + TransY.
    /// </summary>
    private static SKMatrix Orientation(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    public void Dispose() => decodes.Dispose();
}
