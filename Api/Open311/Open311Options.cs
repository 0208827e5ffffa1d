namespace BacGiang.Incidents.Api.Open311;

/// <summary>Open311 settings (section "Open311").</summary>
public sealed class Open311Options
{
    public const string Section = "Open311";

    /// <summary>API keys issued to third-party apps; POST /requests needs one of them.</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>
    /// The address clients reach this API at (scheme and host, maybe a path: <c>https://open311.example.vn</c>), for the
    /// discovery document; empty means the address of the request asking for it.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>Discovery's <c>contact</c>: how to reach the people running this endpoint.</summary>
    public string Contact { get; set; } = "Liên hệ đơn vị vận hành hệ thống tiếp nhận sự cố / contact the operator of this incident system";

    /// <summary>Discovery's <c>key_service</c>: how a third-party app gets an API key.</summary>
    public string KeyService { get; set; } = "API keys are issued by the operator of this system on request (Open311:ApiKeys)";

    /// <summary>
    /// Discovery's <c>changeset</c>, sortable: when this document or the service definitions last changed. Raise it
    /// when categories or communes change, so clients refresh what they cache.
    /// </summary>
    public string Changeset { get; set; } = "2026-12-02T00:00:00+07:00";

    /// <summary>Discovery's endpoint <c>type</c>: <c>production</c> or <c>test</c>.</summary>
    public string EndpointType { get; set; } = "production";
}
