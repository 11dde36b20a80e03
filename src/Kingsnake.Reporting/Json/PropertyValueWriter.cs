using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Kingsnake.Reporting.Json;

/// <summary>
/// Writes finding properties (strings, numbers, booleans, lists; nested maps tolerated) without reflection.
/// Map keys are written in ordinal order so the output does not depend on dictionary insertion order.
/// </summary>
internal static class PropertyValueWriter
{
    // Guards against a property graph that refers to itself; real properties are one or two levels deep.
    private static readonly int MaxDepth = 16;

    public static void WriteMap(Utf8JsonWriter writer, IReadOnlyDictionary<string, object> properties)
    {
        writer.WriteStartObject();
        foreach (var key in SortedKeys(properties.Keys))
        {
            writer.WritePropertyName(key);
            WriteValue(writer, properties[key], 1);
        }

        writer.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter writer, object? value, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
            return;
        }

        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong big:
                writer.WriteNumberValue(big);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case double or float:
                var real = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(real))
                {
                    writer.WriteNumberValue(real);
                }
                else
                {
                    // JSON has no NaN or infinity; a string keeps the value visible instead of failing the report.
                    writer.WriteStringValue(real.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case DateTimeOffset moment:
                writer.WriteStringValue(moment.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                break;
            case IReadOnlyDictionary<string, object> map:
                writer.WriteStartObject();
                foreach (var key in SortedKeys(map.Keys))
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, map[key], depth + 1);
                }

                writer.WriteEndObject();
                break;
            case IDictionary dictionary:
                writer.WriteStartObject();
                var keys = dictionary.Keys.Cast<object>()
                    .Select(k => (Text: Convert.ToString(k, CultureInfo.InvariantCulture) ?? "", Key: k))
                    .OrderBy(k => k.Text, StringComparer.Ordinal);
                foreach (var (text, key) in keys)
                {
                    writer.WritePropertyName(text);
                    WriteValue(writer, dictionary[key], depth + 1);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    public static IEnumerable<string> SortedKeys(IEnumerable<string> keys) => keys.Order(StringComparer.Ordinal);
}
