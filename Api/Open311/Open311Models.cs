using System.Text.Json.Serialization;

namespace BacGiang.Incidents.Api.Open311;

// GeoReport v2 resources with the spec's field names (https://wiki.open311.org/GeoReport_v2), in the spec's order:
// the one place each field is decided. JSON is these records as System.Text.Json writes them; XML is the same
// contract with the element names below (Open311Xml).

[Open311Element("service", list: "services")]
public sealed record Open311Service(
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("service_name")] string ServiceName,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("metadata")] bool Metadata,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("keywords")] string Keywords,
    [property: JsonPropertyName("group")] string Group);

[Open311Element("value")]
public sealed record Open311AttributeValue(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("name")] string Name);

[Open311Element("attribute")]
public sealed record Open311Attribute(
    [property: JsonPropertyName("variable")] bool Variable,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("required")] bool Required,
    [property: JsonPropertyName("datatype_description")] string DatatypeDescription,
    [property: JsonPropertyName("order")] int Order,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("values")] IReadOnlyList<Open311AttributeValue> Values);

[Open311Element("service_definition")]
public sealed record Open311ServiceDefinition(
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("attributes")] IReadOnlyList<Open311Attribute> Attributes);

[Open311Element("request", list: "service_requests")]
public sealed record Open311Created(
    [property: JsonPropertyName("service_request_id")] string ServiceRequestId,
    [property: JsonPropertyName("service_notice")] string? ServiceNotice,
    [property: JsonPropertyName("account_id")] string? AccountId);

[Open311Element("request", list: "service_requests")]
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

[Open311Element("error", list: "errors")]
public sealed record Open311Error(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("description")] string Description);

/// <summary>Service Discovery (https://wiki.open311.org/Service_Discovery): where the endpoint is and what it speaks.</summary>
[Open311Element("discovery")]
public sealed record Open311Discovery(
    [property: JsonPropertyName("changeset")] string Changeset,
    [property: JsonPropertyName("contact")] string Contact,
    [property: JsonPropertyName("key_service")] string KeyService,
    [property: JsonPropertyName("endpoints")] IReadOnlyList<Open311Endpoint> Endpoints);

[Open311Element("endpoint")]
public sealed record Open311Endpoint(
    [property: JsonPropertyName("specification")] string Specification,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("changeset")] string Changeset,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("formats"), Open311Item("format")] IReadOnlyList<string> Formats);
