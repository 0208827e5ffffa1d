using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace BacGiang.Incidents.Tests.Support;

/// <summary>Images made in the test: a camera JPEG with EXIF (GPS position, make and model, orientation), PNG, WebP, and broken ones.</summary>
public static class TestImages
{
    public const string CameraMake = "AcmeCamMakerX";
    public const string CameraModel = "Snapper900Z";

    /// <summary>A photo <paramref name="width"/>×<paramref name="height"/> as stored: left half red, right half blue, with some noise so it does not compress to nothing.</summary>
    public static SKBitmap Picture(int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var random = new Random(7);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var n = (byte)random.Next(0, 24);
                bitmap.SetPixel(x, y, x < width / 2 ? new SKColor((byte)(230 - n), n, n) : new SKColor(n, n, (byte)(230 - n)));
            }
        return bitmap;
    }

    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality = 90)
    {
        using var data = bitmap.Encode(format, quality) ?? throw new InvalidOperationException($"Could not encode {format}.");
        return data.ToArray();
    }

    public static byte[] Png(int width = 40, int height = 30) { using var b = Picture(width, height); return Encode(b, SKEncodedImageFormat.Png); }

    public static byte[] Webp(int width = 40, int height = 30) { using var b = Picture(width, height); return Encode(b, SKEncodedImageFormat.Webp); }

    public static byte[] Jpeg(int width = 64, int height = 48) { using var b = Picture(width, height); return Encode(b, SKEncodedImageFormat.Jpeg); }

    /// <summary>
    /// A JPEG as a phone writes it: an APP1 Exif segment right after SOI, with Make, Model, Orientation and a GPS IFD
    /// (21°16'N 106°11'E, in Bắc Giang). Orientation 6 says the pixels must be turned 90° clockwise to stand upright.
    /// </summary>
    public static byte[] CameraJpeg(int width = 64, int height = 48, ushort orientation = 6)
    {
        var jpeg = Jpeg(width, height);
        var app1 = ExifSegment(orientation);
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    private static byte[] ExifSegment(ushort orientation)
    {
        var make = Encoding.ASCII.GetBytes(CameraMake + "\0");
        var model = Encoding.ASCII.GetBytes(CameraModel + "\0");
        const int Ifd0 = 8, IfdSize = 2 + 4 * 12 + 4;
        var makeAt = Ifd0 + IfdSize;
        var modelAt = makeAt + make.Length;
        var gpsAt = (modelAt + model.Length + 1) & ~1;
        var latAt = gpsAt + IfdSize;
        var lonAt = latAt + 24;
        var tiff = new byte[lonAt + 24];
        var t = tiff.AsSpan();
        "MM"u8.CopyTo(t);
        BinaryPrimitives.WriteUInt16BigEndian(t[2..], 42);
        BinaryPrimitives.WriteUInt32BigEndian(t[4..], Ifd0);

        void Entry(int ifd, int index, ushort tag, ushort type, uint count, uint value, bool shortValue = false)
        {
            var e = tiff.AsSpan(ifd + 2 + index * 12);
            BinaryPrimitives.WriteUInt16BigEndian(e, tag);
            BinaryPrimitives.WriteUInt16BigEndian(e[2..], type);
            BinaryPrimitives.WriteUInt32BigEndian(e[4..], count);
            if (shortValue) BinaryPrimitives.WriteUInt16BigEndian(e[8..], (ushort)value);
            else BinaryPrimitives.WriteUInt32BigEndian(e[8..], value);
        }
        const ushort Ascii = 2, Short = 3, Long = 4, Rational = 5;
        BinaryPrimitives.WriteUInt16BigEndian(t[Ifd0..], 4);
        Entry(Ifd0, 0, 0x010F, Ascii, (uint)make.Length, (uint)makeAt);
        Entry(Ifd0, 1, 0x0110, Ascii, (uint)model.Length, (uint)modelAt);
        Entry(Ifd0, 2, 0x0112, Short, 1, orientation, shortValue: true);
        Entry(Ifd0, 3, 0x8825, Long, 1, (uint)gpsAt);
        make.CopyTo(t[makeAt..]);
        model.CopyTo(t[modelAt..]);

        BinaryPrimitives.WriteUInt16BigEndian(t[gpsAt..], 4);
        Entry(gpsAt, 0, 1, Ascii, 2, 0x4E000000); // "N\0"
        Entry(gpsAt, 1, 2, Rational, 3, (uint)latAt);
        Entry(gpsAt, 2, 3, Ascii, 2, 0x45000000); // "E\0"
        Entry(gpsAt, 3, 4, Rational, 3, (uint)lonAt);
        void Degrees(int at, uint d, uint m, uint s)
        {
            foreach (var (i, v) in new[] { (0, d), (1, m), (2, s) })
            {
                BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at + i * 8), v);
                BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at + i * 8 + 4), 1);
            }
        }
        Degrees(latAt, 21, 16, 12);
        Degrees(lonAt, 106, 11, 24);

        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return segment;
    }

    /// <summary>A small real JPEG whose frame header (SOF0) claims <paramref name="width"/>×<paramref name="height"/>: a decompression bomb's header.</summary>
    public static byte[] JpegClaiming(ushort width, ushort height)
    {
        var jpeg = Jpeg(16, 16);
        foreach (var (marker, at) in Segments(jpeg))
            if (marker is 0xC0 or 0xC1 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(at + 5), height);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(at + 7), width);
                return jpeg;
            }
        throw new InvalidOperationException("The encoder wrote no frame header.");
    }

    /// <summary>The markers of a JPEG's segments up to the start of scan, each with the offset of its 0xFF.</summary>
    public static IEnumerable<(byte Marker, int At)> Segments(byte[] jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8) throw new InvalidDataException("Not a JPEG.");
        var at = 2;
        while (at + 4 <= jpeg.Length)
        {
            if (jpeg[at] != 0xFF) throw new InvalidDataException($"No marker at {at}.");
            var marker = jpeg[at + 1];
            if (marker == 0xFF) { at++; continue; }
            yield return (marker, at);
            if (marker == 0xDA) yield break;
            at += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
        }
    }

    /// <summary>Whether the bytes hold the ASCII text anywhere.</summary>
    public static bool Contains(byte[] bytes, string ascii) => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(ascii)) >= 0;
}
