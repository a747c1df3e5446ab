namespace PartnerBot.Data.BotState;

/// <summary>
/// How one key's bot state becomes a stored JSON document and back. Every store (SQLite here, PostgreSQL for
/// scale-out) keeps the same documents, a document and an etag per key, and leaves their shape to this.
/// </summary>
public interface IBotStateFormat
{
    /// <summary>The document for what BotState hands the storage (its property bag).</summary>
    string Write(object state);

    /// <summary>The state a document holds; false, with what was wrong (never the content), when it cannot be read.</summary>
    bool TryRead(string document, out object? state, out string problem);

    /// <summary>
    /// The state stored under <paramref name="key"/> at <paramref name="etag"/> as <paramref name="document"/>: a format
    /// may answer without parsing when it knows that exact row (this instance wrote it); by default it parses.
    /// </summary>
    bool TryRead(string key, string etag, string document, out object? state, out string problem) =>
        TryRead(document, out state, out problem);

    /// <summary>What BotState gets in place of a document that could not be read and was put aside under <paramref name="reference"/>.</summary>
    object Unreadable(string problem, string reference);
}
