namespace BacGiang.Incidents.Reference;

/// <summary>A data file that cannot be trusted: start-up stops with the file and line named.</summary>
public sealed class ReferenceDataException(string file, int line, string message)
    : Exception(line > 0 ? $"{file} line {line}: {message}" : $"{file}: {message}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
}
