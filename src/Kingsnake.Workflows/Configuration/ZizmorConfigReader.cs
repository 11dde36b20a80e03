using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression;
using Kingsnake.Core.Yaml;

namespace Kingsnake.Workflows.Configuration;

/// <summary>
/// Reads the triage a project keeps in zizmor's configuration: <c>.github/zizmor.yml</c>, <c>.github/zizmor.yaml</c>,
/// <c>zizmor.yml</c> or <c>zizmor.yaml</c>, the first that exists (zizmor looks in <c>.github/</c> first, then the root).
/// Read: <c>rules.&lt;audit&gt;.disable: true</c> and <c>rules.&lt;audit&gt;.ignore: [file.yml, file.yml:LINE,
/// file.yml:LINE:COL]</c>; an audit's <c>config</c> and <c>remap</c> are zizmor's own and are not read. The values read
/// are checked: <c>rules</c> a mapping of mappings, <c>disable</c> a boolean, <c>ignore</c> a list of entries of that
/// shape. A fault is an <see cref="InputError"/> naming the file and line, and the configuration is then left out.
/// Audit names Kingsnake has no rule for are fine.
/// </summary>
public static class ZizmorConfigReader
{
    public static readonly string[] FileNames = [".github/zizmor.yml", ".github/zizmor.yaml", "zizmor.yml", "zizmor.yaml"];

    /// <summary>The project's zizmor triage; null when it has no configuration or it is faulty.</summary>
    public static ZizmorTriage? Read(ISourceLines files, List<InputError> errors)
    {
        foreach (var name in FileNames)
        {
            if (files.Text(name) is not { } text)
            {
                continue;
            }

            try
            {
                return Parse(text, name);
            }
            catch (InputFormatException ex)
            {
                errors.Add(ex.ToError(name));
                return null;
            }
        }

        return null;
    }

    /// <summary>Reads one configuration file's text; throws <see cref="InputFormatException"/> at the line of a fault.</summary>
    public static ZizmorTriage Parse(string text, string path)
    {
        var disabled = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        var ignores = new Dictionary<string, List<ZizmorIgnore>>(StringComparer.Ordinal);
        var root = YamlDocument.Parse(text).Root;
        if (root is null or YamlScalar { IsNull: true })
        {
            return new ZizmorTriage(path, disabled, ignores);
        }

        var rules = root is YamlMapping mapping ? mapping.Get("rules") : throw Fault(root, "the configuration must be a mapping with a 'rules' key");
        if (rules is null or YamlScalar { IsNull: true })
        {
            return new ZizmorTriage(path, disabled, ignores);
        }

        if (rules is not YamlMapping audits)
        {
            throw Fault(rules, "'rules' must be a mapping of audit names");
        }

        foreach (var (name, settings) in audits.Entries)
        {
            if (settings is YamlScalar { IsNull: true })
            {
                continue;
            }

            if (settings is not YamlMapping audit)
            {
                throw Fault(settings, $"'rules.{name.Value}' must be a mapping (disable, ignore, config)");
            }

            if (audit.Get("disable") is { } disable)
            {
                var value = (disable as YamlScalar)?.AsBoolean() ?? throw Fault(disable, $"'rules.{name.Value}.disable' must be true or false");
                if (value)
                {
                    disabled[name.Value] = new SourceSpan(path, disable.Start.Line, disable.Start.Column);
                }
            }

            if (audit.Get("ignore") is { } ignore and not YamlScalar { IsNull: true })
            {
                if (ignore is not YamlSequence entries)
                {
                    throw Fault(ignore, $"'rules.{name.Value}.ignore' must be a list of file.yml, file.yml:LINE or file.yml:LINE:COL");
                }

                var list = new List<ZizmorIgnore>();
                foreach (var entry in entries.Items)
                {
                    var at = new SourceSpan(path, entry.Start.Line, entry.Start.Column);
                    list.Add(entry is YamlScalar scalar && ZizmorIgnore.Parse(scalar.Value, at) is { } parsed
                        ? parsed
                        : throw Fault(entry, $"'rules.{name.Value}.ignore' entry '{(entry as YamlScalar)?.Value}' is not file.yml, file.yml:LINE or file.yml:LINE:COL"));
                }

                ignores[name.Value] = list;
            }
        }

        return new ZizmorTriage(path, disabled, ignores);
    }

    private static InputFormatException Fault(YamlNode node, string message) => new(message, node.Start.Line, node.Start.Column);
}
