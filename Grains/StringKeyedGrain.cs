namespace BacGiang.Incidents.Grains;

/// <summary>
/// A grain keyed by a string it reads on most messages. <c>GetPrimaryKeyString</c> decodes the key into a new string
/// on every call, so the key is decoded once per activation here.
/// </summary>
public abstract class StringKeyedGrain : Grain
{
    private string? key;

    protected string Key => key ??= this.GetPrimaryKeyString();
}
