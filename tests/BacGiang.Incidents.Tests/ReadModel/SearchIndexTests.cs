using BacGiang.Incidents.Tests.Support;
using Npgsql;

namespace BacGiang.Incidents.Tests.ReadModel;

/// <summary>
/// The trigram index behind the incident search keeps a small pending list (V0021), so the insert that merges it into
/// the index holds up one commit briefly instead of one in every few seconds for a long time. A search must still
/// find, through the index, rows from before and after many merges.
/// </summary>
public sealed class SearchIndexTests : IAsyncLifetime
{
    private NpgsqlDataSource database = null!;

    public async Task InitializeAsync() => database = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync("search_index"));

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task The_search_index_merges_a_small_pending_list_and_still_finds_rows_from_before_and_after_the_merges()
    {
        await using (var options = database.CreateCommand("SELECT reloptions FROM pg_class WHERE relname = 'incidents_search'"))
            Assert.Contains("gin_pending_list_limit=256", (string[])(await options.ExecuteScalarAsync())!);

        // About 120 distinct trigrams a row: 2,000 rows fill a 256 kB pending list many times over.
        await using (var insert = database.CreateCommand("""
            INSERT INTO incidents (incident_id, last_seq, tracking_code, status, category, priority, commune, agency, channel,
                                   description, reported_at, updated_at, search_text)
            SELECT 'BG-S' || i, 2, 'BG-S' || i, 'assigned', 'garbage', 'P3', '07534', 'urenco', 'app', 'fixture', now(), now(),
                   'row' || i || 'mark ' || md5(i::text) || md5((i + 1)::text) || md5((i + 2)::text) || md5((i + 3)::text)
            FROM generate_series(1, 2000) AS i
            """))
            await insert.ExecuteNonQueryAsync();

        Assert.Equal(["BG-S1"], await Search("row1mark"));
        Assert.Equal(["BG-S2000"], await Search("row2000mark"));
        Assert.Equal(2000, (await Search("mark")).Count);
    }

    private async Task<List<string>> Search(string word)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using (var indexOnly = new NpgsqlCommand("SET enable_seqscan = off", connection)) await indexOnly.ExecuteNonQueryAsync();
        await using (var plan = new NpgsqlCommand("EXPLAIN SELECT incident_id FROM incidents WHERE search_text LIKE $1", connection))
        {
            plan.Parameters.AddWithValue($"%{word}%");
            var lines = new List<string>();
            await using (var reader = await plan.ExecuteReaderAsync()) while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
            Assert.Contains(lines, l => l.Contains("incidents_search"));
        }
        await using var find = new NpgsqlCommand("SELECT incident_id FROM incidents WHERE search_text LIKE $1 ORDER BY incident_id", connection);
        find.Parameters.AddWithValue($"%{word}%");
        var found = new List<string>();
        await using (var reader = await find.ExecuteReaderAsync()) while (await reader.ReadAsync()) found.Add(reader.GetString(0));
        return found;
    }
}
