using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;

namespace PartnerBot.Deployment.Tests.Support;

/// <summary>A configuration key the host reads, and where that was found (for a message that says what to add).</summary>
internal sealed record HostSetting(string Key, bool IsSection, string Source)
{
    /// <summary>The name of the key as an App Service setting (environment variable): ':' becomes "__".</summary>
    public string AppSettingName => Key.Replace(":", "__", StringComparison.Ordinal);
}

/// <summary>
/// Finds the configuration keys the host reads, from three sources, because no single one is complete:
/// 1. the source of src/: every binding call (BindConfiguration, GetSection(...).Get/Bind, Configure&lt;T&gt;) is resolved to its
///    options class, whose properties (found by reflection, nested classes included) are the keys; every direct read
///    (configuration["A:B"], GetValue("A:B"), GetConnectionString("X")) is a key. Scanning the calls, not every class that
///    happens to declare a SectionName, keeps out options classes the host does not bind (SqliteDataOptions is filled by hand);
/// 2. the Bot Framework's ConfigurationBotFrameworkAuthentication, which reads its own keys, when the host registers it;
/// 3. the README's configuration table, which documents what the code reads in ways the scan cannot see.
/// A binding the scan cannot resolve is reported rather than skipped, so a new setting cannot slip through unnoticed.
/// </summary>
internal static partial class HostSettings
{
    // The Bot Framework SDK reads these through ConfigurationBotFrameworkAuthentication (its documented names).
    private static readonly string[] BotFrameworkKeys = ["MicrosoftAppType", "MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId"];

    public static IReadOnlyList<HostSetting> Find(string repositoryRoot, out IReadOnlyList<string> unresolved)
    {
        var types = HostTypes();
        var found = new List<HostSetting>();
        var problems = new List<string>();
        var sources = Directory.EnumerateFiles(Path.Combine(repositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var file in sources)
        {
            var relative = Path.GetRelativePath(repositoryRoot, file);
            found.AddRange(Scan(File.ReadAllText(file), relative, types, problems));
        }

        found.AddRange(FromReadme(Path.Combine(repositoryRoot, "README.md")));
        unresolved = problems;
        return found;
    }

    /// <summary>The settings one source file reads (public so a test can show the scan catches a new one).</summary>
    public static IEnumerable<HostSetting> Scan(string code, string file, IReadOnlyDictionary<string, Type> types, List<string> unresolved)
    {
        code = LineComment().Replace(code, "");
        foreach (Match binding in TypedBinding().Matches(code))
        {
            var typeName = binding.Groups["type"].Success ? binding.Groups["type"].Value : binding.Groups["type2"].Value;
            if (typeName == "T")
            {
                // The generic binder itself (AddSettings<T>): its callers name the options class and section.
                continue;
            }

            var section = SectionName(binding.Groups["arg"].Value, types);
            if (section is null || !types.TryGetValue(Simple(typeName), out var type))
            {
                unresolved.Add($"{file}: cannot resolve the binding `{binding.Value}` (section argument or options class)");
                continue;
            }

            foreach (var setting in Properties(type, section, $"{file}: {type.Name}"))
            {
                yield return setting;
            }
        }

        foreach (Match read in DirectRead().Matches(code))
        {
            if (read.Groups["conn"].Success)
            {
                yield return new HostSetting("ConnectionStrings:" + read.Groups["conn"].Value, false, file);
                continue;
            }

            var key = SectionName(read.Groups["arg"].Value, types);
            var isSection = read.Groups["fn"].Value.Contains("Section", StringComparison.Ordinal);
            if (key is null)
            {
                unresolved.Add($"{file}: cannot resolve the key in `{read.Value}`");
            }
            else if (!isSection || !TypedBinding().IsMatch(code[read.Index..Math.Min(code.Length, read.Index + 200)]))
            {
                // A section read on its own (not part of a typed binding found above) counts as "something under it".
                yield return new HostSetting(key, isSection, file);
            }
        }

        if (code.Contains("ConfigurationBotFrameworkAuthentication", StringComparison.Ordinal))
        {
            foreach (var key in BotFrameworkKeys)
            {
                yield return new HostSetting(key, false, $"{file}: the SDK's ConfigurationBotFrameworkAuthentication");
            }
        }
    }

    /// <summary>Every type of the host's assemblies by simple name (the test project references the host).</summary>
    public static IReadOnlyDictionary<string, Type> HostTypes()
    {
        var types = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(AppContext.BaseDirectory, "PartnerBot*.dll"))
        {
            if (Path.GetFileName(path).StartsWith("PartnerBot.Deployment.Tests", StringComparison.Ordinal))
            {
                continue;
            }

            Type?[] loaded;
            try
            {
                loaded = Assembly.LoadFrom(path).GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                loaded = e.Types;
            }

            foreach (var type in loaded.OfType<Type>())
            {
                types.TryAdd(type.Name, type);
            }
        }

        return types;
    }

    private static IEnumerable<HostSetting> Properties(Type type, string prefix, string source)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var name = property.GetCustomAttributesData()
                .FirstOrDefault(a => a.AttributeType.Name == "ConfigurationKeyNameAttribute")?.ConstructorArguments[0].Value as string ?? property.Name;
            var key = $"{prefix}:{name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsScalar(propertyType))
            {
                if (property.CanWrite)
                {
                    yield return new HostSetting(key, false, source);
                }
            }
            else if (typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                // Lists and dictionaries: Key__0, Key__1 or Key__Name.
                yield return new HostSetting(key, true, source);
            }
            else if (propertyType.IsClass)
            {
                foreach (var nested in Properties(propertyType, key, source))
                {
                    yield return nested;
                }
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(Uri) || type == typeof(Guid) || type == typeof(DateTimeOffset) || type == typeof(DateTime);

    private static IEnumerable<HostSetting> FromReadme(string readme)
    {
        var text = File.ReadAllText(readme);
        var start = text.IndexOf("\n## Configuration", StringComparison.Ordinal);
        if (start < 0)
        {
            yield break;
        }

        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        foreach (var line in text[start..(end < 0 ? text.Length : end)].Split('\n'))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 3 || cells[1].StartsWith("---", StringComparison.Ordinal) || cells[1] == "key")
            {
                continue;
            }

            foreach (Match key in ReadmeKey().Matches(cells[1]))
            {
                var value = key.Groups[1].Value;
                yield return value.EndsWith(":*", StringComparison.Ordinal)
                    ? new HostSetting(value[..^2], true, "README.md configuration table")
                    : new HostSetting(value, false, "README.md configuration table");
            }
        }
    }

    /// <summary>A string literal, or a constant such as TeamsOptions.SectionName read by reflection.</summary>
    private static string? SectionName(string argument, IReadOnlyDictionary<string, Type> types)
    {
        argument = argument.Trim();
        if (argument.Length >= 2 && argument[0] == '"' && argument[^1] == '"')
        {
            return argument[1..^1];
        }

        var parts = argument.Split('.');
        if (parts.Length >= 2 && types.TryGetValue(parts[^2], out var type))
        {
            return type.GetField(parts[^1], BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetRawConstantValue() as string;
        }

        return null;
    }

    private static string Simple(string typeName) => typeName[(typeName.LastIndexOf('.') + 1)..];

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();

    // AddOptions<T>()...BindConfiguration(arg), Configure<T>(...GetSection(arg)), GetSection(arg).Get<T>() / .Bind(new T())
    [GeneratedRegex(@"AddSettings<(?<type>[\w.]+)>\((?<arg>[^),]+)|AddOptions<(?<type>[\w.]+)>\(\)[^;]*?\.BindConfiguration\((?<arg>[^),]+)|Configure<(?<type>[\w.]+)>\([^;]*?GetSection\((?<arg>[^)]+)\)|GetSection\((?<arg>[^)]+)\)\s*\.(?:Get|GetValue)<(?<type2>[\w.]+)>\(")]
    private static partial Regex TypedBinding();

    [GeneratedRegex(@"GetConnectionString\(\s*""(?<conn>[^""]+)""\s*\)|\w*[Cc]onfig\w*\s*\.\s*(?<fn>GetRequiredSection|GetSection|GetValue(?:<[^>]+>)?)\(\s*(?<arg>""[^""]+""|[A-Z]\w*\.\w+)|\w*[Cc]onfig\w*\s*\[\s*(?<arg>""[^""]+"")\s*\]")]
    private static partial Regex DirectRead();

    [GeneratedRegex(@"`([A-Za-z][\w]*(?::[\w*]+)*)`")]
    private static partial Regex ReadmeKey();
}
