using BacGiang.Incidents.Api.Photos;
using BacGiang.Incidents.Tests.Support;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace BacGiang.Incidents.Tests.Photos;

public class PhotoProcessorTests
{
    private static PhotoProcessor Processor(PhotoOptions? options = null) => new(Options.Create(options ?? new PhotoOptions()));

    [Fact]
    public void The_test_camera_jpeg_really_carries_exif_with_gps_make_and_model()
    {
        var camera = TestImages.CameraJpeg();
        Assert.Contains(TestImages.Segments(camera), s => s.Marker == 0xE1);
        Assert.True(TestImages.Contains(camera, "Exif"));
        Assert.True(TestImages.Contains(camera, TestImages.CameraMake));
        using var codec = SKCodec.Create(SKData.CreateCopy(camera));
        Assert.Equal(SKEncodedOrigin.RightTop, codec.EncodedOrigin);
    }

    [Fact]
    public async Task A_camera_jpeg_is_stored_upright_without_exif_gps_make_or_model()
    {
        using var processor = Processor();
        var (photo, refusal) = await processor.Process(TestImages.CameraJpeg(64, 48), CancellationToken.None);
        Assert.Null(refusal);
        // Orientation 6 turned the 64×48 pixels a quarter clockwise: upright it is 48 wide and 64 high, red on top.
        Assert.Equal((48, 64), (photo!.Width, photo.Height));
        foreach (var bytes in new[] { photo.Image, photo.Thumbnail })
        {
            Assert.DoesNotContain(TestImages.Segments(bytes), s => s.Marker is 0xE1 or 0xED); // no APP1 (Exif, XMP), no APP13 (IPTC)
            Assert.False(TestImages.Contains(bytes, "Exif"));
            Assert.False(TestImages.Contains(bytes, TestImages.CameraMake));
            Assert.False(TestImages.Contains(bytes, TestImages.CameraModel));
            using var codec = SKCodec.Create(SKData.CreateCopy(bytes));
            Assert.Equal(SKEncodedOrigin.TopLeft, codec.EncodedOrigin);
        }
        using var stored = SKBitmap.Decode(photo.Image);
        Assert.True(stored.GetPixel(24, 8).Red > 150, "the top of the upright picture is the red half");
        Assert.True(stored.GetPixel(24, 56).Blue > 150, "the bottom is the blue half");
    }

    [Fact]
    public async Task Large_photos_are_scaled_to_the_stored_and_thumbnail_long_sides()
    {
        using var processor = Processor(new PhotoOptions { StoredLongSide = 200, ThumbnailLongSide = 50 });
        var (photo, _) = await processor.Process(TestImages.Jpeg(400, 300), CancellationToken.None);
        Assert.Equal((200, 150), (photo!.Width, photo.Height));
        using var thumbnail = SKBitmap.Decode(photo.Thumbnail);
        Assert.Equal((50, 38), (thumbnail.Width, thumbnail.Height));
    }

    [Fact]
    public async Task A_big_camera_jpeg_decoded_at_a_reduced_scale_still_comes_out_upright_at_the_stored_size()
    {
        using var processor = Processor(new PhotoOptions { StoredLongSide = 100, ThumbnailLongSide = 40 });
        var (photo, refusal) = await processor.Process(TestImages.CameraJpeg(800, 600), CancellationToken.None);
        Assert.Null(refusal);
        Assert.Equal((75, 100), (photo!.Width, photo.Height));
        using var stored = SKBitmap.Decode(photo.Image);
        Assert.Equal((75, 100), (stored.Width, stored.Height));
        Assert.True(stored.GetPixel(37, 10).Red > 150, "the top of the upright picture is the red half");
        Assert.True(stored.GetPixel(37, 90).Blue > 150, "the bottom is the blue half");
    }

    [Theory]
    [InlineData("png")]
    [InlineData("webp")]
    public async Task Png_and_webp_are_taken_and_stored_as_jpeg(string format)
    {
        using var processor = Processor();
        var (photo, refusal) = await processor.Process(format == "png" ? TestImages.Png() : TestImages.Webp(), CancellationToken.None);
        Assert.Null(refusal);
        Assert.Equal(format, photo!.OriginalFormat);
        Assert.Equal("jpeg", PhotoProcessor.FormatOf(photo.Image));
    }

    [Fact]
    public async Task Refusals_say_why()
    {
        using var processor = Processor();
        Assert.Equal(415, (await processor.Process("not an image, just text"u8.ToArray(), CancellationToken.None)).Refusal!.Status);
        var bomb = await processor.Process(TestImages.JpegClaiming(50_000, 50_000), CancellationToken.None);
        Assert.Equal(400, bomb.Refusal!.Status);
        Assert.Contains("50000×50000", bomb.Refusal.Message);
        var jpeg = TestImages.Jpeg(200, 150);
        var truncated = await processor.Process(jpeg[..(jpeg.Length * 2 / 3)], CancellationToken.None);
        Assert.Equal(400, truncated.Refusal!.Status);
        Assert.Contains("truncated", truncated.Refusal.Message);
        Assert.Equal(400, (await processor.Process([0xFF, 0xD8, 0xFF, 0xE0, 0, 2], CancellationToken.None)).Refusal!.Status);
    }
}
