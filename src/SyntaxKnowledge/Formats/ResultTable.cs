using System.Collections.Immutable;
using System.Globalization;

namespace SyntaxKnowledge.Formats;

/// <summary>The type of a result table's column.</summary>
public enum ColumnKind
{
    /// <summary>Text.</summary>
    Text,

    /// <summary>An integer count.</summary>
    Count,

    /// <summary>A floating-point quantity (approximate).</summary>
    Real,

    /// <summary>A flag.</summary>
    Boolean,
}

/// <summary>A column of a result table: its machine name, unit, type and meaning.</summary>
/// <param name="Name">The snake_case name used as the JSON key and CSV header.</param>
/// <param name="Unit">The unit ("nats/token", "bits/sentence", "tokens", "" for none).</param>
/// <param name="Kind">The value type.</param>
/// <param name="Description">One sentence on what the value means.</param>
public sealed record TableColumn(string Name, string Unit, ColumnKind Kind, string Description);

/// <summary>One cell of a result table: text, an integer, a real number or a flag.</summary>
/// <remarks>Immutable; <c>default</c> is the empty text cell.</remarks>
public readonly record struct TableCell
{
    private TableCell(ColumnKind kind, string? text, long integer, double real)
    {
        Kind = kind;
        TextValue = text;
        IntegerValue = integer;
        RealValue = real;
    }

    /// <summary>Gets the cell's type.</summary>
    public ColumnKind Kind { get; }

    /// <summary>Gets the text of a <see cref="ColumnKind.Text"/> cell.</summary>
    public string? TextValue { get; }

    /// <summary>Gets the value of an <see cref="ColumnKind.Count"/> or <see cref="ColumnKind.Boolean"/> (0 or 1) cell.</summary>
    public long IntegerValue { get; }

    /// <summary>Gets the value of a <see cref="ColumnKind.Real"/> cell (may be NaN or infinite).</summary>
    public double RealValue { get; }

    /// <summary>Creates a text cell.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The cell.</returns>
    public static TableCell Of(string text) => new(ColumnKind.Text, text, 0, 0);

    /// <summary>Creates an integer cell.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The cell.</returns>
    public static TableCell Of(long value) => new(ColumnKind.Count, null, value, value);

    /// <summary>Creates a real cell.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The cell.</returns>
    public static TableCell Of(double value) => new(ColumnKind.Real, null, 0, value);

    /// <summary>Creates a flag cell.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The cell.</returns>
    public static TableCell Of(bool value) => new(ColumnKind.Boolean, null, value ? 1 : 0, value ? 1 : 0);

    /// <summary>Formats the value invariantly: integers in full, reals with <paramref name="digits"/> significant digits (0: round-trip).</summary>
    /// <param name="digits">Significant digits for reals, or 0 for the shortest round-trip form.</param>
    /// <returns>The text.</returns>
    public string Format(int digits = 0) => Kind switch
    {
        ColumnKind.Text => TextValue ?? string.Empty,
        ColumnKind.Count => IntegerValue.ToString(CultureInfo.InvariantCulture),
        ColumnKind.Boolean => IntegerValue != 0 ? "true" : "false",
        _ => RealValue.ToString(digits <= 0 ? "R" : "G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
    };
}

/// <summary>A result as a table: a title, a declared schema and rows, which any renderer turns into JSON, CSV or text.</summary>
/// <param name="Title">A one-line description of the result.</param>
/// <param name="Columns">The schema.</param>
/// <param name="Rows">The rows, each with one cell per column.</param>
/// <remarks>Equality compares the title, the columns and every cell in order.</remarks>
public sealed record ResultTable(string Title, ImmutableArray<TableColumn> Columns, ImmutableArray<ImmutableArray<TableCell>> Rows)
{
    /// <inheritdoc/>
    public bool Equals(ResultTable? other) =>
        other is not null && Title == other.Title && Columns.SequenceEqual(other.Columns)
        && Rows.Length == other.Rows.Length && Rows.Zip(other.Rows).All(p => p.First.SequenceEqual(p.Second));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Title, Columns.Length, Rows.Length);
}
