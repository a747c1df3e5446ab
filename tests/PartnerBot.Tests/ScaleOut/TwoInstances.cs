using System.Net;
using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npgsql;
using PartnerBot.Data.Seed;
using PartnerBot.Testing;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.ScaleOut;

/// <summary>
/// Two PartnerBot processes (real Kestrel hosts, each its own process) on one fresh PostgreSQL database, as behind a
/// load balancer, started at the same moment so both migrate and seed the empty database at once. The server comes
/// from PARTNERBOT_TEST_POSTGRES (build/postgres.sh; build/test.sh and .ci/run start one).
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public const string Variable = "PARTNERBOT_TEST_POSTGRES";

    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };
    private string? _connectionString;
    private Dictionary<string, string?> _settings = [];

    /// <summary>With a server, and always under CI (where a missing server then fails instead of skipping).</summary>
    public static bool Enabled =>
        Server is not null || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    public BotProcess A { get; private set; } = null!;

    public BotProcess B { get; private set; } = null!;

    /// <summary>How long each instance took from start to answering /readyz (printed by the tests, for diagnosis).</summary>
    public TimeSpan StartedA { get; private set; }

    public TimeSpan StartedB { get; private set; }

    public string ConnectionString => _connectionString!;

    public async Task InitializeAsync()
    {
        if (!Enabled)
        {
            return;
        }

        var server = Server ?? throw new InvalidOperationException($"CI=true but {Variable} is not set: .ci/run starts PostgreSQL with build/postgres.sh.");
        var name = "pb_scaleout_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var settings = _settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:PartnerBot"] = _connectionString,
        };

        async Task<(BotProcess Bot, TimeSpan Took)> StartAsync()
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var bot = await BotProcess.StartAsync(settings);
            return (bot, clock.Elapsed);
        }

        // Started together: both migrate and seed the empty database at once, which the advisory lock makes safe.
        var a = StartAsync();
        var b = StartAsync();
        try
        {
            (A, StartedA) = await a;
        }
        finally
        {
            (B, StartedB) = await b;
        }
    }

    public async Task DisposeAsync()
    {
        if (A is not null)
        {
            await A.DisposeAsync();
        }

        if (B is not null)
        {
            await B.DisposeAsync();
        }

        if (_connectionString is not null)
        {
            await using var connection = new NpgsqlConnection(Server);
            await connection.OpenAsync();
            var name = new NpgsqlConnectionStringBuilder(_connectionString).Database;
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// One more instance on the same database, for a test that kills it (A and B serve the other tests). The caller
    /// disposes it, which kills the process if the test has not.
    /// </summary>
    public Task<BotProcess> StartAnotherAsync() => BotProcess.StartAsync(_settings);

    /// <summary>
    /// A new member of staff with <paramref name="role"/>, in the database every instance reads roles from: a person of
    /// their own, so no other test's submits count against their per-minute submit limit.
    /// </summary>
    public async Task<string> AddStaffAsync(string displayName, string role)
    {
        var aadObjectId = Guid.NewGuid().ToString();
        await ExecuteAsync(
            """
            INSERT INTO staff (aad_object_id, display_name, email) VALUES (@id, @name, NULL);
            INSERT INTO staff_roles (aad_object_id, role, granted_at) VALUES (@id, @role, now());
            """,
            ("id", aadObjectId),
            ("name", displayName),
            ("role", role));
        return aadObjectId;
    }

    /// <summary>A personal chat of one person with the bot, whose turns can go to either instance.</summary>
    public static Chat Open(string conversationId, string aadObjectId = DemoData.AlexWilberId, string name = "Alex Wilber", string locale = "en-US") =>
        new(conversationId, aadObjectId, name, locale);

    /// <summary>POSTs an activity as the channel would (expectReplies: the replies come back in the response).</summary>
    public static async Task<IReadOnlyList<Activity>> PostAsync(BotProcess instance, JObject activity)
    {
        using var content = new StringContent(activity.ToString(Formatting.None), Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(new Uri(instance.BaseAddress, "api/messages"), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }

        // A card press's answer (an invoke response) is shown as the card that replaced the pressed one.
        var replies = (JObject.Parse(body)["activities"] as JArray ?? []).OfType<JObject>().ToList();
        return [.. replies.Select(r => (string?)r["type"] == "invokeResponse" ? Replacement(r) : r.ToObject<Activity>()!)];
    }

    private static Activity Replacement(JObject invokeResponse)
    {
        var response = (JObject)invokeResponse["value"]!;
        var body = response.GetValue("body", StringComparison.OrdinalIgnoreCase)!;
        if ((string?)body["type"] == "application/vnd.microsoft.activity.message")
        {
            // A message answer: Teams shows the text and leaves the pressed card as it was.
            return (Activity)MessageFactory.Text((string?)body["value"]);
        }

        return (Activity)MessageFactory.Attachment(new Attachment(CardReader.CardContentType, content: body["value"]!));
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (parameterName, value) in parameters)
        {
            command.Parameters.AddWithValue(parameterName, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (parameterName, value) in parameters)
        {
            command.Parameters.AddWithValue(parameterName, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Makes the next <paramref name="times"/> saves of this conversation's state lose, whichever instance makes them,
    /// as when another instance saved it first: the database skips the update (a trigger the test adds, never part
    /// of the product's schema), so the instance's save finds no row at the version it read. The count lives in a
    /// sequence because the losing save's transaction is rolled back, and a sequence is not.
    /// </summary>
    public async Task RivalSavesAsync(string conversationId, int times)
    {
        await ExecuteAsync("""
            CREATE SEQUENCE IF NOT EXISTS test_rival_tick;
            CREATE TABLE IF NOT EXISTS test_rival_saves (conversation_id text PRIMARY KEY, until bigint NOT NULL);
            CREATE OR REPLACE FUNCTION test_rival_save() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                last_lost bigint;
            BEGIN
                SELECT until INTO last_lost FROM test_rival_saves WHERE strpos(NEW.key, '/' || conversation_id) > 0;
                IF last_lost IS NOT NULL THEN
                    IF nextval('test_rival_tick') <= last_lost THEN
                        RETURN NULL;
                    END IF;
                END IF;
                RETURN NEW;
            END $$;
            CREATE OR REPLACE TRIGGER test_rival_save BEFORE UPDATE ON bot_state FOR EACH ROW EXECUTE FUNCTION test_rival_save();
            """);
        await ExecuteAsync(
            """
            INSERT INTO test_rival_saves (conversation_id, until) VALUES (@id, nextval('test_rival_tick') + @times)
            ON CONFLICT (conversation_id) DO UPDATE SET until = excluded.until
            """,
            ("id", conversationId),
            ("times", (long)times));
    }

    /// <summary>How many of the saves made to lose have not been tried yet.</summary>
    public Task<long> RivalSavesLeftAsync(string conversationId) =>
        ScalarAsync<long>(
            "SELECT GREATEST(0, until - (SELECT last_value FROM test_rival_tick)) FROM test_rival_saves WHERE conversation_id = @id",
            ("id", conversationId));

    public sealed class Chat(string conversationId, string aadObjectId, string name, string locale)
    {
        public string ConversationId => conversationId;

        public JObject Message(string? text, JObject? value = null, string? replyToId = null)
        {
            var activity = new JObject
            {
                ["type"] = "message",
                ["id"] = Guid.NewGuid().ToString("N"),
                ["channelId"] = "msteams",
                ["serviceUrl"] = "https://smba.trafficmanager.net/emea/",
                ["deliveryMode"] = "expectReplies",
                ["locale"] = locale,
                ["from"] = new JObject { ["id"] = "29:" + aadObjectId, ["name"] = name, ["aadObjectId"] = aadObjectId },
                ["recipient"] = new JObject { ["id"] = TeamsActivities.BotId, ["name"] = "PartnerBot" },
                ["conversation"] = new JObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = DemoData.PlaygroundTenantId },
                ["channelData"] = new JObject { ["tenant"] = new JObject { ["id"] = DemoData.PlaygroundTenantId } },
            };
            if (text is not null)
            {
                activity["text"] = text;
            }

            if (value is not null)
            {
                activity["value"] = value;
                activity["replyToId"] = replyToId;
            }

            return activity;
        }

        public Task<IReadOnlyList<Activity>> SayAsync(BotProcess instance, string text) => PostAsync(instance, Message(text));

        /// <summary>The submit a press of <paramref name="title"/> on <paramref name="card"/> sends, inputs changed as given.</summary>
        public JObject Press(Activity card, string title, IReadOnlyDictionary<string, string>? inputs = null)
        {
            var content = CardReader.Content(card);
            var action = CardReader.Actions(content).FirstOrDefault(a => (string?)a["title"] == title)
                ?? throw new InvalidOperationException($"No button \"{title}\": {string.Join(", ", CardReader.Actions(content).Select(a => (string?)a["title"]))}");
            var value = new JObject();
            if ((string?)action["associatedInputs"] != "none")
            {
                foreach (var input in CardReader.Inputs(content))
                {
                    value[(string)input["id"]!] = (string?)input["value"] ?? string.Empty;
                }

                foreach (var (id, typed) in inputs ?? new Dictionary<string, string>())
                {
                    value[id] = typed;
                }
            }

            if (action["data"] is JObject data)
            {
                value.Merge(data);
            }

            var press = Message(null, value, card.Id);
            if ((string?)action["type"] == "Action.Execute")
            {
                press["type"] = "invoke";
                press["name"] = "adaptiveCard/action";
                press["value"] = new JObject
                {
                    ["action"] = new JObject { ["type"] = "Action.Execute", ["verb"] = action["verb"], ["data"] = value },
                    ["trigger"] = "manual",
                };
            }

            return press;
        }

        public Task<IReadOnlyList<Activity>> PressAsync(BotProcess instance, Activity card, string title, IReadOnlyDictionary<string, string>? inputs = null) =>
            PostAsync(instance, Press(card, title, inputs));
    }
}

/// <summary>A test that needs the PostgreSQL server: skipped without one, except under CI=true, where it runs and fails.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TwoInstances.Enabled)
        {
            Skip = $"No PostgreSQL server: set {TwoInstances.Variable} (eval \"$(build/postgres.sh start)\")";
        }
    }
}

/// <summary>As <see cref="PostgresFactAttribute"/>, for a theory.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (!TwoInstances.Enabled)
        {
            Skip = $"No PostgreSQL server: set {TwoInstances.Variable} (eval \"$(build/postgres.sh start)\")";
        }
    }
}
