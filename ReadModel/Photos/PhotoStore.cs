using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.ReadModel;

/// <summary>A photo ready to keep: re-encoded without metadata, with its thumbnail.</summary>
public sealed record StoredPhoto(
    string PhotoId, string ContentType, byte[] Image, int Width, int Height, byte[] Thumbnail, int ThumbnailWidth, int ThumbnailHeight,
    string OriginalFormat, int OriginalBytes, Instant UploadedAt, string? UploadedBy);

/// <summary>The bytes of one stored image (the photo or its thumbnail) and their content type.</summary>
public sealed record PhotoContent(string ContentType, byte[] Bytes);

/// <summary>The system's own photos (table photos, issue 14).</summary>
public sealed class PhotoStore(NpgsqlDataSource database)
{
    public async Task Save(StoredPhoto photo, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO photos (photo_id, content_type, image, width, height, thumbnail, thumbnail_width, thumbnail_height,
                                original_format, original_bytes, uploaded_at, uploaded_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """);
        command.Parameters.AddWithValue(photo.PhotoId);
        command.Parameters.AddWithValue(photo.ContentType);
        command.Parameters.AddWithValue(photo.Image);
        command.Parameters.AddWithValue(photo.Width);
        command.Parameters.AddWithValue(photo.Height);
        command.Parameters.AddWithValue(photo.Thumbnail);
        command.Parameters.AddWithValue(photo.ThumbnailWidth);
        command.Parameters.AddWithValue(photo.ThumbnailHeight);
        command.Parameters.AddWithValue(photo.OriginalFormat);
        command.Parameters.AddWithValue(photo.OriginalBytes);
        command.Parameters.AddWithValue(photo.UploadedAt.ToDateTimeUtc());
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)photo.UploadedBy ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The photo, or its thumbnail; null when there is no such photo.</summary>
    public async Task<PhotoContent?> Get(string photoId, bool thumbnail, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand(thumbnail
            ? "SELECT 'image/jpeg', thumbnail FROM photos WHERE photo_id = $1"
            : "SELECT content_type, image FROM photos WHERE photo_id = $1");
        command.Parameters.AddWithValue(photoId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new PhotoContent(reader.GetString(0), reader.GetFieldValue<byte[]>(1)) : null;
    }

    /// <summary>Deletes up to <paramref name="limit"/> photos uploaded before <paramref name="before"/> that nothing named; how many went.</summary>
    public async Task<int> DeleteUnreferenced(Instant before, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            DELETE FROM photos WHERE photo_id IN (
                SELECT photo_id FROM photos WHERE referenced_at IS NULL AND uploaded_at < $1 ORDER BY uploaded_at LIMIT $2)
            """);
        command.Parameters.AddWithValue(before.ToDateTimeUtc());
        command.Parameters.AddWithValue(limit);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Those of the ids given that name no stored photo; when there are none, records in the same statement that a
    /// report or resolution names them all, so the sweep of unreferenced uploads keeps them. A refused report marks none.
    /// </summary>
    public async Task<IReadOnlySet<string>> Claim(IReadOnlyCollection<string> photoIds, Instant at, CancellationToken cancellationToken = default)
    {
        if (photoIds.Count == 0) return new HashSet<string>();
        var distinct = photoIds.Distinct().ToArray();
        await using var command = database.CreateCommand("""
            WITH found AS (SELECT photo_id FROM photos WHERE photo_id = ANY($1)),
                 marked AS (UPDATE photos SET referenced_at = $2
                             WHERE photo_id = ANY($1) AND referenced_at IS NULL AND (SELECT count(*) FROM found) = $3
                            RETURNING photo_id)
            SELECT photo_id FROM found
            """);
        command.Parameters.AddWithValue(distinct);
        command.Parameters.AddWithValue(at.ToDateTimeUtc());
        command.Parameters.AddWithValue((long)distinct.Length);
        var missing = new HashSet<string>(distinct, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) missing.Remove(reader.GetString(0));
        return missing;
    }
}
