using Kingsnake.Core.Findings;
using Tomlyn;
using Tomlyn.Serialization;
using Tomlyn.Model;

namespace Kingsnake.Core.Configuration;

/// <summary>Source-generated metadata for the untyped model, so reading TOML needs no reflection (NativeAOT).</summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class TomlModelContext : TomlSerializerContext
{
}

/// <summary>Parses TOML into Tomlyn's untyped model, turning syntax errors into <see cref="InputFormatException"/> with the line.</summary>
public static class TomlText
{
    public static TomlTable Parse(string text, string sourceName)
    {
        try
        {
            return TomlSerializer.Deserialize(text, TomlModelContext.Default.TomlTable) ?? new TomlTable();
        }
        catch (TomlException ex)
        {
            var message = ex.Diagnostics is { Count: > 0 } diagnostics ? diagnostics[0].Message : ex.Message;
            throw new InputFormatException($"invalid TOML: {message}", ex.Line ?? 0, ex.Column ?? 0, ex);
        }
    }
}
