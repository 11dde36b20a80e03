using System.Globalization;
using System.Text;
using Kingsnake.Advisories.Index;

namespace Kingsnake.Benchmarks;

/// <summary>
/// A 2,000-package <c>uv.lock</c> made of real data: the most-downloaded PyPI projects, and for every project the
/// advisory database knows, a version it lists as affected (so matching does real work), otherwise a plain release.
/// </summary>
internal static class LockfileFixture
{
    public static string WriteUvLock(string directory, string sharedData, int count)
    {
        var names = File.ReadLines(Path.Combine(sharedData, "top-pypi-packages", "top-pypi-packages.csv"))
            .Skip(1).Select(line => line.Split(',')[1].Trim().Trim('"')).Take(count).ToList();
        var database = AdvisoryDatabase.Compile(Path.Combine(sharedData, "pypa-advisory-database"));

        var text = new StringBuilder();
        text.Append("version = 1\nrequires-python = \">=3.9\"\n\n[[package]]\nname = \"bench-project\"\nversion = \"0.1.0\"\nsource = { editable = \".\" }\ndependencies = [\n");
        foreach (var name in names.Take(60))
        {
            text.Append(CultureInfo.InvariantCulture, $"    {{ name = \"{name}\" }},\n");
        }

        text.Append("]\n");
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            var affected = database.ForPackage(name).SelectMany(v => v.AffectedEntries).SelectMany(e => e.Versions).FirstOrDefault();
            var version = affected ?? $"{1 + (i % 9)}.{i % 17}.{i % 5}";
            text.Append(CultureInfo.InvariantCulture, $"\n[[package]]\nname = \"{name}\"\nversion = \"{version}\"\nsource = {{ registry = \"https://pypi.org/simple\" }}\n");
            var dependencies = new[] { (i * 7) + 61, (i * 13) + 62 }.Where(j => j < names.Count).Select(j => names[j]).ToList();
            if (dependencies.Count > 0)
            {
                text.Append("dependencies = [\n");
                foreach (var dependency in dependencies)
                {
                    text.Append(CultureInfo.InvariantCulture, $"    {{ name = \"{dependency}\" }},\n");
                }

                text.Append("]\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"sdist = {{ url = \"https://files.pythonhosted.org/packages/source/{name[0]}/{name}/{name}-{version}.tar.gz\", hash = \"sha256:{i:x64}\", size = {1000 + i} }}\n");
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "uv.lock");
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
