using System.Collections.Frozen;
using Kingsnake.Code.Engine;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;
using PyTuple = Kingsnake.Python.Ast.Tuple;

namespace Kingsnake.Code.Rules.Support;

/// <summary>
/// What the names around a value say it is for. A weak hash or a <c>random</c> draw is a finding only where security
/// depends on it, and code says so in its names: the variable it lands in (<c>token = …</c>), the keyword it is passed
/// as (<c>nonce=…</c>), the function that returns it (<c>def make_password()</c>), the class around it. Names split into
/// words at underscores and case changes (<c>sessionKey</c>, <c>CSRF_TOKEN</c>), so <c>token</c> matches
/// <c>api_token</c> and not <c>tokenize</c>.
/// </summary>
internal static class SecurityWords
{
    /// <summary>Words that name something secret or an authentication decision.</summary>
    private static readonly FrozenSet<string> Secret = FrozenSet.ToFrozenSet(
    [
        "password", "passwd", "pwd", "passphrase", "secret", "secrets", "token", "tokens", "nonce", "salt", "otp", "pin",
        "csrf", "xsrf", "session", "sessionid", "signature", "sign", "signing", "signed", "hmac", "auth", "authenticate",
        "authentication", "credential", "credentials", "apikey", "privkey", "private", "cookie", "crypt",
        "cipher", "iv", "verifier", "challenge", "reset", "activation", "invite", "captcha",
    ], StringComparer.Ordinal);

    /// <summary>
    /// Words that say the value serves no secret: a cache key or an ETag, a checksum field, a protocol's own digest
    /// (HTTP Digest authentication mandates MD5), a retry's jitter, a multipart boundary, a sample, an id.
    /// </summary>
    private static readonly FrozenSet<string> NotSecret = FrozenSet.ToFrozenSet(
    [
        "etag", "etags", "cache", "cached", "checksum", "checksums", "digest", "fingerprint", "fingerprints", "boundary",
        "jitter", "backoff", "retry", "retries", "delay", "sleep", "sample", "samples", "sampling", "shuffle", "color",
        "colour", "colors", "seed", "weights", "weight", "demo", "example", "mock", "fake", "dummy", "crc", "next",
        "marker", "page", "pagination", "continuation", "idempotency",
    ], StringComparer.Ordinal);

    /// <summary>Words that lean away from a secret but yield to a secret word in the same name (<c>session_id</c>, <c>hash_pin</c>).</summary>
    private static readonly FrozenSet<string> Neutral = FrozenSet.ToFrozenSet(
    [
        "id", "ids", "uid", "uuid", "name", "names", "filename", "tmp", "temp", "tempfile", "port", "hash", "link",
        "md5", "sha1", "test", "tests", "suffix", "prefix", "label", "index",
    ], StringComparer.Ordinal);

    // "key" alone is a dict key, a sort key, a cache key; with one of these it is a secret (`api_key`, `aes_key`).
    private static readonly FrozenSet<string> KeyQualifiers = FrozenSet.ToFrozenSet(
        ["api", "access", "encryption", "aes", "crypto", "master", "license", "secret", "private", "signing", "hmac", "session"], StringComparer.Ordinal);

    /// <summary>Words of a guard: an assert or a swallowed error around them decides who may do what.</summary>
    private static readonly FrozenSet<string> Guard = FrozenSet.ToFrozenSet(
    [
        "auth", "authenticated", "authorized", "authorised", "authorize", "authorise", "authenticate", "permission",
        "permissions", "perm", "perms", "admin", "superuser", "staff", "access",
        "csrf", "xsrf", "signature", "verified", "verify", "privilege", "privileges", "trusted", "login", "logged",
        "sanitize", "sanitized", "validate", "validated",
        "certificate", "cert", "hostname", "decrypt", "setuid", "setgid", "seteuid", "setegid", "chmod", "chown",
    ], StringComparer.Ordinal);

    /// <summary>Splits an identifier into lower-case words at underscores, digits-to-letters and lower-to-upper case changes.</summary>
    public static IEnumerable<string> Words(string identifier)
    {
        var start = -1;
        for (var i = 0; i <= identifier.Length; i++)
        {
            var c = i < identifier.Length ? identifier[i] : '_';
            var boundary = !char.IsLetterOrDigit(c)
                || (i > 0 && char.IsUpper(c) && char.IsLower(identifier[i - 1]))
                || (i > 0 && char.IsLetter(c) && char.IsDigit(identifier[i - 1]))
                || (i > 0 && char.IsUpper(c) && i + 1 < identifier.Length && char.IsLower(identifier[i + 1]) && char.IsUpper(identifier[i - 1]));
            if (boundary && start >= 0)
            {
                yield return identifier[start..i].ToLowerInvariant();
                start = -1;
            }

            if (char.IsLetterOrDigit(c) && start < 0)
            {
                start = i;
            }
        }
    }

    /// <summary>
    /// What a name says of its value: a word that rules out a secret wins (<c>cache_key</c>); else a secret word
    /// (<c>session_id</c>, <c>hash_pin</c>); else a neutral word (<c>name</c>, <c>id</c>) says "not a secret"; else nothing.
    /// </summary>
    public static bool? SaysSecret(string identifier)
    {
        var words = Words(identifier).ToList();
        if (words.Any(NotSecret.Contains))
        {
            return false;
        }

        if (words.Any(Secret.Contains) || (words.Contains("key") && words.Any(KeyQualifiers.Contains)))
        {
            return true;
        }

        return words.Any(Neutral.Contains) ? false : null;
    }

    /// <summary>
    /// True when the innermost destination that says anything (<see cref="Destinations"/>) says the value is a secret.
    /// </summary>
    public static bool ServesSecret(FileContext context, IEnumerable<string>? moreNames = null)
    {
        var names = Destinations(context).Concat(moreNames ?? []).ToList();

        // A name anywhere around that rules a secret out wins (`def _make_boundary(): token = random.randrange(…)`).
        if (names.Any(n => Words(n).Any(NotSecret.Contains)))
        {
            return false;
        }

        foreach (var name in names)
        {
            if (SaysSecret(name) is { } says)
            {
                return says;
            }
        }

        return false;
    }

    /// <summary>True when some name or attribute in <paramref name="expression"/> is a guard word (<c>user.is_authenticated</c>).</summary>
    public static bool MentionsGuard(Node expression) => Identifiers(expression).Any(NamesGuard);

    /// <summary>The names, attributes and string keys inside an expression.</summary>
    public static IEnumerable<string> Identifiers(Node expression)
    {
        var pending = new Stack<Node>();
        pending.Push(expression);
        var seen = 0;
        while (pending.Count > 0 && seen++ < 4096)
        {
            var node = pending.Pop();
            switch (node)
            {
                case Name name:
                    yield return name.Id;
                    break;
                case PyAttribute attribute:
                    yield return attribute.Attr;
                    break;
                case FunctionDef or AsyncFunctionDef or ClassDef or Lambda:
                    continue;
            }

            node.PushChildren(pending);
        }
    }

    public static bool NamesGuard(string identifier) => Words(identifier).Any(Guard.Contains);

    /// <summary>
    /// The names the value at the current node lands in or is returned under, innermost first: assignment targets,
    /// the keyword it is passed as, the dict key it is stored under, the function that returns it (or, when none of
    /// those applies, the function around it), and the enclosing class.
    /// </summary>
    public static List<string> Destinations(FileContext context)
    {
        var names = new List<string>();
        var ancestors = context.Ancestors;
        Node child = context.Current;
        for (var i = ancestors.Length - 1; i >= 0; i--)
        {
            var node = ancestors[i];
            switch (node)
            {
                case Keyword { Arg: { } keyword }:
                    names.Add(keyword);
                    break;
                case Dict dict:
                    for (var k = 0; k < dict.Values.Count; k++)
                    {
                        if (ReferenceEquals(dict.Values[k], child) && dict.Keys[k] is Constant { Value.Text: { } key })
                        {
                            names.Add(key);
                        }
                    }

                    break;
                case Assign assign:
                    names.AddRange(assign.Targets.SelectMany(TargetNames));
                    break;
                case AnnAssign annotated:
                    names.AddRange(TargetNames(annotated.Target));
                    break;
                case AugAssign augmented:
                    names.AddRange(TargetNames(augmented.Target));
                    break;
                case FunctionDef function:
                    names.Add(function.Name);
                    break;
                case AsyncFunctionDef function:
                    names.Add(function.Name);
                    break;
                case ClassDef type:
                    names.Add(type.Name);
                    return names;
            }

            child = node;
        }

        return names;
    }

    private static IEnumerable<string> TargetNames(ExprNode target) => target switch
    {
        Name name => [name.Id],
        PyAttribute attribute => [attribute.Attr],
        Subscript { Slice: Constant { Value.Text: { } key } } => [key],
        PyTuple tuple => tuple.Elts.SelectMany(TargetNames),
        _ => [],
    };
}
