using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using BacGiang.Incidents.Tests.Support;

namespace BacGiang.Incidents.Tests.EndToEnd;

/// <summary>
/// GeoReport v2's XML (the format the spec requires) beside its JSON: each XML answer has the structure of the spec's
/// own example (Open311Spec/*.xml, copied from wiki.open311.org), and the same request in both formats carries the
/// same data, field by field, by the spec's Spark convention (a JSON array is the XML list element's children, an
/// object's properties its child elements in order, null an empty element).
/// </summary>
[Collection(SystemCollection.Name)]
public class Open311XmlTests(SystemFixture system)
{
    private const string XmlDeclaration = """<?xml version="1.0" encoding="utf-8"?>""";

    [Fact]
    public async Task Services_in_xml_are_the_specs_services_document_with_the_json_data()
    {
        var (json, xml) = await Both("/open311/v2/services");
        AssertShapedLike("services.xml", xml);
        AssertSameData(json, xml.Root!);
        Assert.Equal(13, xml.Root!.Elements("service").Count());
    }

    [Fact]
    public async Task A_service_definition_in_xml_is_the_specs_with_the_json_data()
    {
        var (json, xml) = await Both("/open311/v2/services/fire");
        AssertShapedLike("service_definition.xml", xml);
        AssertSameData(json, xml.Root!);
        Assert.Contains(xml.Descendants("value"), v => v.Element("key")!.Value == Reports.DaiSon && v.Element("name")!.Value == "Xã Đại Sơn");
    }

    [Fact]
    public async Task A_request_posted_in_xml_reads_back_the_same_in_both_formats()
    {
        using var posted = await system.Http.PostAsync("/open311/v2/requests.xml", Open311Tests.Request(SystemFixture.Open311Key));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var answer = await Xml(posted);
        AssertShapedLike("post_request.xml", answer);
        var created = Assert.Single(answer.Root!.Elements("request"));
        var id = created.Element("service_request_id")!.Value;
        Assert.Matches(@"^R-[0-9A-F]{16}$", id);
        Assert.Equal("acc-7", created.Element("account_id")!.Value);

        // The JSON answer to the same form: the same fields (the id and notice are another filing's, or the same
        // incident's when the duplicate check joins them, so only their presence is compared).
        using var postedJson = await system.Http.PostAsync("/open311/v2/requests.json", Open311Tests.Request(SystemFixture.Open311Key));
        var createdJson = Assert.Single((await Json(postedJson)).EnumerateArray());
        Assert.Equal(created.Elements().Select(e => e.Name.LocalName), createdJson.EnumerateObject().Select(p => p.Name));
        Assert.Equal(createdJson.GetProperty("account_id").GetString(), created.Element("account_id")!.Value);

        var (oneJson, one) = await Both($"/open311/v2/requests/{id}");
        AssertShapedLike("service_requests.xml", one);
        AssertSameData(oneJson, one.Root!);
        var request = Assert.Single(one.Root!.Elements("request"));
        Assert.Equal(id, request.Element("service_request_id")!.Value);
        // What the public record leaves out is there as an empty element, where JSON has null: the spec's shape.
        Assert.True(request.Element("address")!.IsEmpty);
        Assert.DoesNotContain("0912", request.Element("description")!.Value);

        var (listJson, list) = await Both($"/open311/v2/requests", $"service_request_id={id}");
        AssertShapedLike("service_requests.xml", list);
        AssertSameData(listJson, list.Root!);
        var (recentJson, recent) = await Both($"/open311/v2/requests", "service_code=garbage_dumping");
        Assert.NotEmpty(recent.Root!.Elements());
        AssertShapedLike("service_requests.xml", recent);
        AssertSameData(recentJson, recent.Root!);
    }

    [Fact]
    public async Task The_discovery_document_names_the_endpoint_in_both_formats()
    {
        var (json, xml) = await Both("/open311/discovery");
        AssertShapedLike("discovery.xml", xml);
        AssertSameData(json, xml.Root!);
        var endpoint = Assert.Single(xml.Root!.Element("endpoints")!.Elements("endpoint"));
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.Element("specification")!.Value);
        Assert.Equal($"{system.Http.BaseAddress!.ToString().TrimEnd('/')}/open311/v2", endpoint.Element("url")!.Value);
        Assert.Equal("production", endpoint.Element("type")!.Value);
        Assert.Equal(new[] { "text/xml", "application/json" }, endpoint.Element("formats")!.Elements("format").Select(f => f.Value));
        // The endpoint it names answers.
        using var services = await system.Http.GetAsync(endpoint.Element("url")!.Value + "/services.xml");
        Assert.Equal(HttpStatusCode.OK, services.StatusCode);
    }

    public static TheoryData<string, string, string?, HttpStatusCode> Errors => new()
    {
        { "POST", "/open311/v2/requests", "bad-key", HttpStatusCode.Forbidden },
        { "POST", "/open311/v2/requests", "volcano", HttpStatusCode.NotFound },
        { "POST", "/open311/v2/requests", "no-location", HttpStatusCode.BadRequest },
        { "POST", "/open311/v2/requests", "not-a-form", HttpStatusCode.BadRequest },
        { "GET", "/open311/v2/requests/R-0000000000000000", null, HttpStatusCode.NotFound },
        { "GET", "/open311/v2/services/volcano", null, HttpStatusCode.NotFound },
        { "GET", "/open311/v2/services/bad%01code", null, HttpStatusCode.NotFound },
        { "GET", "/open311/v2/requests", "start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z", HttpStatusCode.BadRequest },
        { "GET", "/open311/v2/requests", "start_date=yesterday", HttpStatusCode.BadRequest },
        { "GET", "/open311/v2/requests", "end_date=0001-01-01T00:00:00%2B07:00", HttpStatusCode.BadRequest },
        { "GET", "/open311/v2/requests", "status=pending", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Each_error_is_the_specs_errors_document_with_the_json_data(string method, string path, string? variant, HttpStatusCode status)
    {
        async Task<HttpResponseMessage> Send(string ext)
        {
            if (method == "GET") return await system.Http.GetAsync($"{path}.{ext}{(variant is null ? "" : "?" + variant)}");
            HttpContent body = variant switch
            {
                "bad-key" => Open311Tests.Request("not-a-key"),
                "volcano" => Open311Tests.Request(SystemFixture.Open311Key, serviceCode: "volcano"),
                "no-location" => Open311Tests.Request(SystemFixture.Open311Key, withLocation: false),
                _ => new StringContent("{\"service_code\":\"fire\"}", System.Text.Encoding.UTF8, "application/json"),
            };
            using (body) return await system.Http.PostAsync($"{path}.{ext}", body);
        }

        using var jsonResponse = await Send("json");
        using var xmlResponse = await Send("xml");
        Assert.Equal((status, status), (jsonResponse.StatusCode, xmlResponse.StatusCode));
        var json = await Json(jsonResponse);
        var xml = await Xml(xmlResponse);
        AssertShapedLike("errors.xml", xml);
        AssertSameData(json, xml.Root!);
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(xml.Root!.Elements("error")).Element("code")!.Value);
    }

    [Fact]
    public async Task The_openapi_document_has_each_resource_in_both_formats_with_its_content_type()
    {
        using var response = await system.Http.GetAsync("/openapi/v1.json");
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name != "parameters").Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value)))
            .Where(o => o.Operation.TryGetProperty("operationId", out _))
            .ToDictionary(o => o.Operation.GetProperty("operationId").GetString()!);
        foreach (var (name, method, path) in new[]
                 {
                     ("Open311Services", "get", "/open311/v2/services"), ("Open311ServiceDefinition", "get", "/open311/v2/services/{code}"),
                     ("Open311CreateRequest", "post", "/open311/v2/requests"), ("Open311Requests", "get", "/open311/v2/requests"),
                     ("Open311Request", "get", "/open311/v2/requests/{id}"), ("Open311Discovery", "get", "/open311/discovery"),
                 })
        {
            foreach (var (suffix, ext, type) in new[] { ("", "json", "application/json"), ("Xml", "xml", "text/xml") })
            {
                Assert.True(operations.TryGetValue(name + suffix, out var found), $"{name + suffix} is not in the document");
                Assert.Equal(($"{path}.{ext}", method), (found.Path, found.Method));
                foreach (var answer in found.Operation.GetProperty("responses").EnumerateObject())
                    Assert.Equal(new[] { type }, answer.Value.GetProperty("content").EnumerateObject().Select(c => c.Name));
            }
        }
        // The XML names the spec's elements: a top-level list wraps its items, each resource names its element.
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Equal("request", schemas.GetProperty("Open311Request").GetProperty("xml").GetProperty("name").GetString());
        Assert.Equal("error", schemas.GetProperty("Open311Error").GetProperty("xml").GetProperty("name").GetString());
        var list = operations["Open311RequestsXml"].Operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("text/xml").GetProperty("schema");
        Assert.Equal(("service_requests", true), (list.GetProperty("xml").GetProperty("name").GetString(), list.GetProperty("xml").GetProperty("wrapped").GetBoolean()));
    }

    // ---- the two formats ----

    /// <summary>
    /// The same GET in JSON and in XML. Intake and routing go on in the background, so a request can change between
    /// the two reads: the pair is taken again until the JSON read before and after the XML agree.
    /// </summary>
    private async Task<(JsonElement Json, XDocument Xml)> Both(string resource, string? query = null)
    {
        var suffix = query is null ? "" : "?" + query;
        for (var attempt = 0; ; attempt++)
        {
            using var before = await system.Http.GetAsync($"{resource}.json{suffix}");
            using var xmlResponse = await system.Http.GetAsync($"{resource}.xml{suffix}");
            using var after = await system.Http.GetAsync($"{resource}.json{suffix}");
            Assert.Equal(HttpStatusCode.OK, xmlResponse.StatusCode);
            var (first, second) = (await before.Content.ReadAsStringAsync(), await after.Content.ReadAsStringAsync());
            if (first == second || attempt == 4) return (JsonDocument.Parse(second).RootElement.Clone(), await Xml(xmlResponse));
        }
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>The spec's content type and declaration, no namespace, and the parsed document.</summary>
    private static async Task<XDocument> Xml(HttpResponseMessage response)
    {
        Assert.Equal("text/xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith(XmlDeclaration, text);
        var document = XDocument.Parse(text);
        Assert.All(document.Descendants(), e => Assert.Equal(XNamespace.None, e.Name.Namespace));
        return document;
    }

    /// <summary>
    /// Spark convention, backwards: a JSON array is the element's children in order, an object's properties are its
    /// child elements with the same names in the same order, null is an empty element, and a number, true or false
    /// is the element's text exactly as JSON wrote it.
    /// </summary>
    private static void AssertSameData(JsonElement json, XElement xml, string path = "")
    {
        path = $"{path}/{xml.Name.LocalName}";
        switch (json.ValueKind)
        {
            case JsonValueKind.Array:
                var items = xml.Elements().ToList();
                Assert.True(json.GetArrayLength() == items.Count, $"{path}: {json.GetArrayLength()} in JSON, {items.Count} in XML");
                foreach (var (item, element) in json.EnumerateArray().Zip(items)) AssertSameData(item, element, path);
                break;
            case JsonValueKind.Object:
                var properties = json.EnumerateObject().ToList();
                Assert.True(properties.Select(p => p.Name).SequenceEqual(xml.Elements().Select(e => e.Name.LocalName)),
                    $"{path}: JSON has {string.Join(",", properties.Select(p => p.Name))}, XML {string.Join(",", xml.Elements().Select(e => e.Name.LocalName))}");
                foreach (var (property, element) in properties.Zip(xml.Elements())) AssertSameData(property.Value, element, path);
                break;
            case JsonValueKind.Null:
                Assert.True(!xml.HasElements && xml.Value.Length == 0, $"{path}: null in JSON, '{xml}' in XML");
                break;
            case JsonValueKind.String:
                Assert.True(!xml.HasElements && xml.Value == XmlText(json.GetString()!), $"{path}: '{json.GetString()}' in JSON, '{xml.Value}' in XML");
                break;
            default:
                Assert.True(!xml.HasElements && xml.Value == json.GetRawText(), $"{path}: {json.GetRawText()} in JSON, '{xml.Value}' in XML");
                break;
        }
    }

    /// <summary>
    /// Our document against the spec's example: the same root, and at every place the example has an element, ours
    /// has the same child elements in the same order (the example's first element there, repeats folded: a list of
    /// values is <c>value</c>), and no others — so every element the spec shows is present, where it shows it.
    /// </summary>
    private static void AssertShapedLike(string example, XDocument ours)
    {
        var spec = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "Open311Spec", example));
        Assert.Equal(spec.Root!.Name.LocalName, ours.Root!.Name.LocalName);
        var shape = new Dictionary<string, string[]>();
        foreach (var element in spec.Descendants()) shape.TryAdd(PathOf(element), Children(element));
        foreach (var element in ours.Descendants())
        {
            var path = PathOf(element);
            Assert.True(shape.TryGetValue(path, out var expected), $"{example}: the spec has no {path}");
            var children = Children(element);
            // A list may be empty (no values); a resource has all its fields.
            if (children.Length == 0 && expected.Length == 1) continue;
            Assert.True(expected.SequenceEqual(children), $"{example}: {path} has {string.Join(",", children)}; the spec shows {string.Join(",", expected)}");
        }
    }

    /// <summary>The one difference allowed: a character XML 1.0 cannot hold (a control character JSON escapes) is U+FFFD in XML.</summary>
    private static string XmlText(string text)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) builder.Append(text[i]).Append(text[++i]);
            else builder.Append(System.Xml.XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
        }
        return builder.ToString();
    }

    private static string PathOf(XElement element) => string.Join('/', element.AncestorsAndSelf().Reverse().Select(e => e.Name.LocalName));

    private static string[] Children(XElement element)
    {
        var names = new List<string>();
        foreach (var child in element.Elements())
            if (names.Count == 0 || names[^1] != child.Name.LocalName) names.Add(child.Name.LocalName);
        return [.. names];
    }
}
