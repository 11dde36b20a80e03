using System.Globalization;
using System.Text;

namespace Kingsnake.Dependencies.Tests.Support;

/// <summary>
/// Writes large synthetic lockfiles (for scale tests and the benchmark): a project root depending on
/// <c>directCount</c> packages, and a layered graph in which each package depends on up to two later ones,
/// so every package is reachable and chains get long. Deterministic for a given count.
/// </summary>
public static class LockfileGenerator
{
    public static string PackageName(int index) => $"pkg-{index:D5}";

    public static string PackageVersion(int index) => $"{1 + (index % 7)}.{index % 13}.{index % 5}";

    /// <summary>A uv.lock (version 1) with <paramref name="count"/> registry packages and an editable root.</summary>
    public static string UvLock(int count, int directCount = 50)
    {
        var text = new StringBuilder(count * 700);
        text.Append("version = 1\nrevision = 2\nrequires-python = \">=3.10\"\n\n");
        text.Append("[[package]]\nname = \"generated-project\"\nversion = \"0.1.0\"\nsource = { editable = \".\" }\ndependencies = [\n");
        for (var i = 0; i < Math.Min(directCount, count); i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"    {{ name = \"{PackageName(i)}\" }},\n");
        }

        text.Append("]\n");
        for (var i = 0; i < count; i++)
        {
            var name = PackageName(i);
            var version = PackageVersion(i);
            text.Append(CultureInfo.InvariantCulture, $"\n[[package]]\nname = \"{name}\"\nversion = \"{version}\"\nsource = {{ registry = \"https://pypi.org/simple\" }}\n");
            var dependencies = Dependencies(i, count).ToList();
            if (dependencies.Count > 0)
            {
                text.Append("dependencies = [\n");
                foreach (var dependency in dependencies)
                {
                    text.Append(CultureInfo.InvariantCulture, $"    {{ name = \"{PackageName(dependency)}\", marker = \"sys_platform != 'win32'\" }},\n");
                }

                text.Append("]\n");
            }

            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(name)));
            text.Append(CultureInfo.InvariantCulture, $"sdist = {{ url = \"https://files.example.org/{name}-{version}.tar.gz\", hash = \"sha256:{hash}\", size = {1000 + i} }}\n");
            text.Append(CultureInfo.InvariantCulture, $"wheels = [\n    {{ url = \"https://files.example.org/{name.Replace('-', '_')}-{version}-py3-none-any.whl\", hash = \"sha256:{hash[32..]}{hash[..32]}\", size = {900 + i} }},\n]\n");
        }

        return text.ToString();
    }

    /// <summary>Package i depends on 2i+1 and 2i+2 when in range: a binary tree over the indices.</summary>
    public static IEnumerable<int> Dependencies(int index, int count) =>
        new[] { (2 * index) + 1, (2 * index) + 2 }.Where(candidate => candidate < count);
}
