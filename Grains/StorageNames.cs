namespace BacGiang.Incidents.Grains;

public static class StorageNames
{
    /// <summary>The grain storage provider every grain of this project persists to.</summary>
    public const string Incidents = "incidents";
}
