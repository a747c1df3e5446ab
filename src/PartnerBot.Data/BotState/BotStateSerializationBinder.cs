using Newtonsoft.Json.Serialization;

namespace PartnerBot.Data.BotState;

/// <summary>
/// Restricts the types that <c>$type</c> names in stored bot state may turn into. Bot state is written only by
/// this bot, so this is defence in depth: a tampered row must not become an arbitrary .NET object.
/// Allowed: PartnerBot.*, Microsoft.Bot.*, System.* and Newtonsoft.* assemblies, minus namespaces that hold
/// the classic deserialization gadgets (processes, files, reflection, code DOM, XAML, data sets).
/// </summary>
public sealed class BotStateSerializationBinder : ISerializationBinder
{
    private static readonly string[] AllowedAssemblyPrefixes =
        ["PartnerBot.", "Microsoft.Bot.", "System.", "Newtonsoft."];

    private static readonly string[] AllowedAssemblies = ["PartnerBot", "System", "mscorlib", "netstandard"];

    private static readonly string[] DeniedNamespacePrefixes =
    [
        "System.Diagnostics", "System.IO", "System.Reflection", "System.CodeDom", "System.Configuration",
        "System.Data", "System.Management", "System.Runtime.Serialization", "System.Security", "System.Web",
        "System.Windows", "System.Xml", "System.Resources", "System.Net",
    ];

    private readonly DefaultSerializationBinder inner = new();

    public Type BindToType(string? assemblyName, string typeName)
    {
        var type = inner.BindToType(assemblyName, typeName);
        EnsureAllowed(type, typeName);
        return type;
    }

    public void BindToName(Type serializedType, out string? assemblyName, out string? typeName)
    {
        ArgumentNullException.ThrowIfNull(serializedType);
        // Refuse on the way in too: writing a type that could never be read back would lose the state later.
        EnsureAllowed(serializedType, serializedType.FullName ?? serializedType.Name);
        inner.BindToName(serializedType, out assemblyName, out typeName);
    }

    /// <summary>True when the type and every type it is built from (generic arguments, array elements) may be bound.</summary>
    public static bool IsAllowed(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.HasElementType)
        {
            return IsAllowed(type.GetElementType()!);
        }

        if (type.IsConstructedGenericType && !type.GetGenericArguments().All(IsAllowed))
        {
            return false;
        }

        var assembly = type.Assembly.GetName().Name ?? string.Empty;
        var assemblyAllowed = AllowedAssemblies.Contains(assembly, StringComparer.Ordinal)
            || AllowedAssemblyPrefixes.Any(prefix => assembly.StartsWith(prefix, StringComparison.Ordinal));
        var ns = type.Namespace ?? string.Empty;
        var namespaceDenied = DeniedNamespacePrefixes.Any(prefix =>
            ns.Equals(prefix, StringComparison.Ordinal) || ns.StartsWith(prefix + ".", StringComparison.Ordinal));
        return assemblyAllowed && !namespaceDenied;
    }

    private static void EnsureAllowed(Type type, string typeName)
    {
        if (!IsAllowed(type))
        {
            throw new Newtonsoft.Json.JsonSerializationException(
                $"Type '{typeName}' is not allowed in stored bot state.");
        }
    }
}
