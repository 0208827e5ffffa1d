using System.Text;

namespace BacGiang.Incidents.Reference;

/// <summary>
/// Reads the project's small CSV data files: a header row, then rows of the same width; fields may be
/// quoted with "" escaping. Every row knows its line number so errors can point at it.
/// </summary>
public sealed class CsvFile
{
    public sealed record Row(int Line, IReadOnlyDictionary<string, string> Fields)
    {
        public string this[string column] => Fields[column];
        public string? Optional(string column) => Fields.TryGetValue(column, out var v) && v.Length > 0 ? v : null;
    }

    public required string Path { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }
    public required IReadOnlyList<Row> Rows { get; init; }

    public static CsvFile Read(string path, string displayName, params string[] requiredColumns)
    {
        if (!File.Exists(path)) throw new ReferenceDataException(displayName, 0, "file not found");
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        if (lines.Length == 0) throw new ReferenceDataException(displayName, 0, "file is empty");
        var header = Split(lines[0].TrimStart('\uFEFF'), displayName, 1);
        foreach (var column in requiredColumns)
            if (!header.Contains(column)) throw new ReferenceDataException(displayName, 1, $"missing column '{column}'");

        var rows = new List<Row>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var fields = Split(lines[i], displayName, i + 1);
            if (fields.Count != header.Count)
                throw new ReferenceDataException(displayName, i + 1, $"expected {header.Count} fields, found {fields.Count}");
            rows.Add(new Row(i + 1, header.Zip(fields).ToDictionary(p => p.First, p => p.Second.Trim())));
        }
        return new CsvFile { Path = displayName, Columns = header, Rows = rows };
    }

    private static List<string> Split(string line, string file, int lineNumber)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        if (quoted) throw new ReferenceDataException(file, lineNumber, "unterminated quoted field");
        fields.Add(current.ToString());
        return fields;
    }
}
