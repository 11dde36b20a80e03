using Kingsnake.Core.Yaml;

namespace Kingsnake.Workflows.Model;

/// <summary>A job's <c>container:</c> or one of its <c>services:</c>.</summary>
public sealed record Container(string? ServiceName, YamlNode Node, YamlScalar? Image, YamlMapping? Credentials, EnvBlock? Env)
{
    public YamlScalar? Username => Credentials?.Get("username") as YamlScalar;

    public YamlScalar? Password => Credentials?.Get("password") as YamlScalar;

    internal static Container? Read(string? serviceName, YamlNode? node) => node switch
    {
        null => null,
        YamlScalar { IsNull: true } => null,
        YamlScalar image => new Container(serviceName, node, image, null, null),
        YamlMapping mapping => new Container(
            serviceName,
            node,
            mapping.Get("image") as YamlScalar,
            mapping.Get("credentials") as YamlMapping,
            EnvBlock.Read(mapping)),
        _ => throw YamlShape.Wrong(node, "a container must be an image name or a mapping"),
    };
}
