using System.Data.Common;

namespace Tiled.Infrastructure.Persistence.Search;

/// <summary>The values of one hand-written statement, bound as <c>@p0</c>, <c>@p1</c>, ... (never spliced into the text).</summary>
internal sealed class SqlParameters
{
    private readonly List<object?> _values = [];

    /// <summary>Adds <paramref name="value"/> and returns its placeholder.</summary>
    public string Add(object? value)
    {
        _values.Add(value);
        return $"@p{_values.Count - 1}";
    }

    public void BindTo(DbCommand command)
    {
        for (var i = 0; i < _values.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            parameter.Value = _values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
    }
}
