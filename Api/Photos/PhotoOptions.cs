using System.ComponentModel.DataAnnotations;

namespace BacGiang.Incidents.Api.Photos;

/// <summary>Limits and sizes for uploaded photos (section "Photos", issue 14).</summary>
public sealed class PhotoOptions
{
    public const string Section = "Photos";

    /// <summary>Largest upload, in bytes: a request that says or turns out to be larger is refused (413) without reading further.</summary>
    [Range(1024, 64 * 1024 * 1024)] public int MaxBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Most pixels an upload may declare in its header: a small file that claims more (a decompression bomb) is refused before decoding.</summary>
    [Range(1, 100_000_000)] public int MaxPixels { get; set; } = 40_000_000;

    /// <summary>Longest side an upload may declare, whatever its area.</summary>
    [Range(1, 65_535)] public int MaxSide { get; set; } = 16_384;

    /// <summary>Long side of the stored image: larger uploads are scaled down to it.</summary>
    [Range(64, 8192)] public int StoredLongSide { get; set; } = 2048;

    /// <summary>Long side of the thumbnail.</summary>
    [Range(16, 1024)] public int ThumbnailLongSide { get; set; } = 320;

    /// <summary>JPEG quality of the stored image and its thumbnail.</summary>
    [Range(50, 100)] public int JpegQuality { get; set; } = 85;

    /// <summary>How many uploads are decoded at once; others wait their turn (each decode holds up to MaxPixels × 4 bytes).</summary>
    [Range(1, 64)] public int ConcurrentDecodes { get; set; } = 2;

    /// <summary>How long browsers may keep a photo in their private cache (photos never change once stored).</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromDays(1);
}
