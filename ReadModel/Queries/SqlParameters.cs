using System.Globalization;
using Npgsql;

namespace BacGiang.Incidents.ReadModel;

public static class SqlParameters
{
    /// <summary>Adds a value and returns its positional placeholder ($n), for filters built clause by clause.</summary>
    public static string Placeholder(this NpgsqlParameterCollection parameters, object value)
    {
        parameters.AddWithValue(value);
        return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
    }
}
