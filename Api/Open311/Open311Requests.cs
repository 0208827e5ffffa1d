using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Reference;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace BacGiang.Incidents.Api.Open311;

public sealed record Open311Query(
    IReadOnlyList<string> Ids, IReadOnlyList<string> ServiceCodes, Instant From, Instant To, bool? Open, int Limit);

/// <summary>
/// Service requests as GeoReport v2 shows them, read from the read model: a public record, so each is named by its
/// public id (never the tracking code, which acts on the incident) and carries only what <see cref="PublicRecord"/>
/// lets through; no address, no photos (they show people and plates).
/// </summary>
public sealed class Open311Requests(NpgsqlDataSource database, ReferenceData reference)
{
    private static readonly string[] OpenStatuses =
        [.. new[] { IncidentStatus.Received, IncidentStatus.Assigned, IncidentStatus.Acknowledged, IncidentStatus.InProgress, IncidentStatus.Waiting }
            .Select(s => ReadModelNames.Of(s))];

    private static readonly OffsetDateTimePattern W3C = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    public async Task<IReadOnlyList<Open311Request>> Find(Open311Query query, CancellationToken ct)
    {
        await using var command = database.CreateCommand();
        var where = new List<string>();
        var p = command.Parameters;

        string Param(object value) => p.Placeholder(value);

        // Camera incidents are the province's own monitoring (plates, snapshots), not service requests: never public here.
        where.Add("i.channel <> 'ioc'");
        // The spec: a list of ids overrides every other argument.
        if (query.Ids.Count > 0)
        {
            where.Add($"i.public_id = ANY({Param(query.Ids.ToArray())})");
        }
        else
        {
            where.Add($"i.reported_at >= {Param(query.From.ToDateTimeUtc())} AND i.reported_at < {Param(query.To.ToDateTimeUtc())}");
            if (query.ServiceCodes.Count > 0) where.Add($"i.category = ANY({Param(query.ServiceCodes.ToArray())})");
            if (query.Open is { } open)
                where.Add(open ? $"i.status = ANY({Param(OpenStatuses)})" : $"i.status <> ALL({Param(OpenStatuses)})");
        }
        command.CommandText = $"""
            SELECT i.public_id, i.status, i.category, i.agency, i.description, i.reported_at, i.updated_at, i.lat, i.lon, i.outcome, i.referred_to
              FROM incidents i
             WHERE {string.Join(" AND ", where)}
             ORDER BY i.reported_at DESC, i.public_id DESC
             LIMIT {query.Limit}
            """;
        var requests = new List<Open311Request>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var status = ReadModelNames.Parse<IncidentStatus>(reader.GetString(1));
            var category = reader.GetString(2);
            var agency = reader.IsDBNull(3) ? null : reader.GetString(3);
            requests.Add(new Open311Request
            {
                ServiceRequestId = reader.GetString(0),
                Status = OpenStatuses.Contains(reader.GetString(1)) ? "open" : "closed",
                StatusNotes = Notes(status, reader.IsDBNull(9) ? null : ReadModelNames.Parse<ResolutionOutcome>(reader.GetString(9)),
                    reader.IsDBNull(10) ? null : reader.GetString(10)),
                ServiceCode = category,
                ServiceName = reference.Categories.TryGetValue(category, out var c) ? c.NameVi : null,
                Description = PublicRecord.Redact(reader.GetString(4)),
                AgencyResponsible = agency is not null && reference.Agencies.TryGetValue(agency, out var a) ? a.NameVi : agency,
                RequestedDatetime = Time(reader.GetDateTime(5)),
                UpdatedDatetime = Time(reader.GetDateTime(6)),
                Lat = PublicRecord.Coarse(reader.IsDBNull(7) ? null : reader.GetDouble(7)),
                Long = PublicRecord.Coarse(reader.IsDBNull(8) ? null : reader.GetDouble(8)),
            });
        }
        return requests;
    }

    /// <summary>The public id of the incident a request was filed into (its row is committed before intake answers).</summary>
    public async Task<string?> PublicIdOf(string incidentId, CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT public_id FROM incidents WHERE incident_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = incidentId });
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>Datetimes with their offset, as the spec requires: Vietnam's local time, +07:00.</summary>
    public static string Time(DateTime utc) => W3C.Format(Instant.FromDateTimeUtc(utc).InZone(ReferenceData.Zone).ToOffsetDateTime());

    /// <summary>
    /// What the public may know of where a request stands (no staff notes or triage reasons). A resolution says its
    /// true outcome: "xử lý xong" only when fixed; not responsible names the body it was referred to.
    /// </summary>
    private static string Notes(IncidentStatus status, ResolutionOutcome? outcome, string? referredTo) => (status, outcome) switch
    {
        (IncidentStatus.Resolved or IncidentStatus.Closed, ResolutionOutcome.NotFixed) =>
            status == IncidentStatus.Closed ? "Đã đóng: không khắc phục được" : "Không khắc phục được, chờ đóng",
        (IncidentStatus.Resolved or IncidentStatus.Closed, ResolutionOutcome.NotResponsible) =>
            $"Không thuộc thẩm quyền, đã chuyển đến {referredTo ?? "cơ quan có thẩm quyền"}",
        _ => Notes(status),
    };

    private static string Notes(IncidentStatus status) => status switch
    {
        IncidentStatus.Received => "Đang chờ phân loại",
        IncidentStatus.Assigned => "Đã chuyển xã và cơ quan xử lý",
        IncidentStatus.Acknowledged => "Xã đã tiếp nhận",
        IncidentStatus.InProgress => "Đang xử lý",
        IncidentStatus.Waiting => "Đang chờ thêm thông tin từ người báo",
        IncidentStatus.Resolved => "Đã xử lý xong, chờ đóng",
        IncidentStatus.Closed => "Đã đóng",
        IncidentStatus.Rejected => "Không phải sự cố, đã từ chối",
        IncidentStatus.Merged => "Đã gộp vào sự cố khác",
        _ => "",
    };
}
