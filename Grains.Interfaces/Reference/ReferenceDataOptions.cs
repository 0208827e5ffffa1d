using System.ComponentModel.DataAnnotations;

namespace BacGiang.Incidents.Reference;

public sealed class ReferenceDataOptions
{
    public const string Section = "ReferenceData";

    /// <summary>Folder holding the data files; relative paths are taken from the application's folder.</summary>
    [Required]
    public string Directory { get; set; } = "data";

    public string ResolvedDirectory => Path.IsPathRooted(Directory) ? Directory : Path.Combine(AppContext.BaseDirectory, Directory);
}
