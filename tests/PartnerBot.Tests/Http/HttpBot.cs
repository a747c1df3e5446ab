namespace PartnerBot.Tests.Http;

/// <summary>
/// The real host on its own demo database in a temporary folder, with a client to post to it. Dispose deletes the
/// folder once SQLite has let go of the file.
/// </summary>
internal sealed class HttpBot : IDisposable
{
    public HttpBot(string folderPrefix)
    {
        Folder = Directory.CreateTempSubdirectory(folderPrefix);
        App = new BotApplication(Path.Combine(Folder.FullName, "partnerbot.db"));
        Client = App.CreateClient();
    }

    public DirectoryInfo Folder { get; }

    public BotApplication App { get; }

    public HttpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        App.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Folder.Delete(recursive: true);
    }
}
