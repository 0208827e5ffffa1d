using System.Text.Json.Serialization;

namespace BacGiang.Incidents.Api.Open311;

// GeoReport v2 resources with the spec's field names (https://wiki.open311.org/GeoReport_v2).

public sealed record Open311Service(
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("service_name")] string ServiceName,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("metadata")] bool Metadata,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("keywords")] string Keywords,
    [property: JsonPropertyName("group")] string Group);

public sealed record Open311AttributeValue(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("name")] string Name);

public sealed record Open311Attribute(
    [property: JsonPropertyName("variable")] bool Variable,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("required")] bool Required,
    [property: JsonPropertyName("datatype_description")] string DatatypeDescription,
    [property: JsonPropertyName("order")] int Order,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("values")] IReadOnlyList<Open311AttributeValue> Values);

public sealed record Open311ServiceDefinition(
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("attributes")] IReadOnlyList<Open311Attribute> Attributes);

public sealed record Open311Created(
    [property: JsonPropertyName("service_request_id")] string ServiceRequestId,
    [property: JsonPropertyName("service_notice")] string? ServiceNotice,
    [property: JsonPropertyName("account_id")] string? AccountId);

public sealed record Open311Request
{
    [JsonPropertyName("service_request_id")] public required string ServiceRequestId { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("status_notes")] public string? StatusNotes { get; init; }
    [JsonPropertyName("service_name")] public string? ServiceName { get; init; }
    [JsonPropertyName("service_code")] public required string ServiceCode { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("agency_responsible")] public string? AgencyResponsible { get; init; }
    [JsonPropertyName("service_notice")] public string? ServiceNotice { get; init; }
    [JsonPropertyName("requested_datetime")] public required string RequestedDatetime { get; init; }
    [JsonPropertyName("updated_datetime")] public required string UpdatedDatetime { get; init; }
    [JsonPropertyName("expected_datetime")] public string? ExpectedDatetime { get; init; }
    [JsonPropertyName("address")] public string? Address { get; init; }
    [JsonPropertyName("address_id")] public string? AddressId { get; init; }
    [JsonPropertyName("zipcode")] public string? Zipcode { get; init; }
    [JsonPropertyName("lat")] public double? Lat { get; init; }
    [JsonPropertyName("long")] public double? Long { get; init; }
    [JsonPropertyName("media_url")] public string? MediaUrl { get; init; }
}

public sealed record Open311Error(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("description")] string Description);
