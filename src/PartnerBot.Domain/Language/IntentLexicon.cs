using System.Collections.Frozen;
using PartnerBot.Domain.Search;

namespace PartnerBot.Domain.Language;

/// <summary>What a word says about the request, before the sentence as a whole is weighed.</summary>
internal enum Cue
{
    /// <summary>Says nothing about the intent or the customer ("to", "dla", "please").</summary>
    Filler,

    /// <summary>A word that joins parts of a company name ("Bank of Ireland", "Müller und Söhne").</summary>
    Connector,

    /// <summary>Switches purchases on whatever else the sentence says ("allow", "zezwól").</summary>
    Allow,

    /// <summary>Switches purchases on only when the sentence is about purchases ("give", "daj").</summary>
    AllowWeak,

    /// <summary>Switches purchases off whatever else the sentence says ("revoke", "zablokuj").</summary>
    Revoke,

    /// <summary>Switches purchases off only when the sentence is about purchases ("stop", "remove", "usuń").</summary>
    RevokeWeak,

    /// <summary>Turns an allow into a revoke just after it ("don't let", "nie pozwalaj").</summary>
    Negation,

    /// <summary>"turn", "switch": the "on" or "off" that follows decides the direction.</summary>
    Turn,

    On,

    Off,

    /// <summary>What the permission is about: buying, reservations, savings plans, "zakupy", "uprawnienia".</summary>
    Purchase,

    /// <summary>The state of the switch, not a command ("allowed", "włączone", "status").</summary>
    State,

    History,

    /// <summary>"what", "who", "co": with a change word asks for history ("what changed", "co zmieniono").</summary>
    What,

    /// <summary>"change", "zmień": an update, or history after a <see cref="What"/>.</summary>
    Change,

    Update,

    /// <summary>What an account update is about: billing, address, e-mail, "dane", "adres".</summary>
    UpdateObject,

    Help,

    Cancel,

    StartOver,

    Greeting,
}

/// <summary>
/// The English and Polish words the recognizer knows, folded (<see cref="TextFold"/>: "zezwól" is
/// "zezwol"), with how a typed word is matched to them.
/// </summary>
/// <remarks>
/// <para>
/// A form is matched exactly, or with a typo when it has five letters or more (one edit; two from eight
/// letters, the thresholds of the customer search). A form ending in <c>*</c> is a stem: every word that
/// starts with it matches, which covers Polish inflection ("zakup*": zakupy, zakupów, zakupach) without
/// listing every case. A form starting with <c>=</c> matches only exactly, for words whose typos would be
/// other words; fillers and connectors are matched only exactly. An exact match beats a stem, which beats a typo, so "wyłącz" (revoke) is never read as
/// "włącz" (allow) with a typo, and "włączone" (a state) is not the stem "włącz*" (a command).
/// </para>
/// <para>
/// Four-letter forms forgive only two swapped letters ("hepl"): any other single edit of a word that
/// short is too often another word or a company's.
/// </para>
/// </remarks>
internal static class IntentLexicon
{
    private static readonly (Cue Cue, string Forms)[] WordTable =
    [
        (Cue.Allow, "allow allows allowing enable permit grant unblock authorize authorise activate let letting "
            + "zezwol zezwolic zezwalaj zezw* pozwol pozwolic pozwalaj pozw* wlacz wlaczyc wlacz* odblokuj "
            + "odblokowac odblok* umozliw umozliwic umozliw* aktywuj aktywowac nadaj przyznaj"),
        (Cue.AllowWeak, "give =daj dac udziel niech"),
        (Cue.Revoke, "revoke disable disallow deny forbid prevent deactivate suspend withdraw prohibit block blocking "
            + "wylacz wylaczyc wylacz* zablokuj zablokowac zablok* cofnij cofnac cofn* zabron zabronic zabraniaj "
            + "odbierz odebrac dezaktywuj wycofaj zakaz zakazac"),
        (Cue.RevokeWeak, "=stop stopping remove =end usun usunac wstrzymaj zatrzymaj"),
        (Cue.Negation, "=not =dont =never =nie"),
        (Cue.Turn, "turn =set =put flip switch"),
        (Cue.On, "=on"),
        (Cue.Off, "=off"),
        (Cue.Purchase, "=buy buys buying =bought purchase purchases purchasing purchased purchas* reservation "
            + "reservations reserv* savings saving =plan plans product products self serve selfserve "
            + "azure permission permissions toggle "
            + "kupowac kupowania kupowanie kupowaniu kupow* kupic =kupi kupuje kupuja kupujemy zakup* "
            + "rezerwacji rezerwacje rezerwacj* oszczednosciow* plany planow planu produkty produktow produktami "
            + "=uslug samodzieln* wlasne wlasnych uprawnienia uprawnien* pozwolenie pozwolenia pozwolen zgoda zgode zgody"),
        (Cue.State, "allowed enabled disabled blocked permitted revoked denied forbidden active inactive status "
            + "state wlaczone wlaczona wlaczony wlaczonych wylaczone wylaczona wylaczony zablokowane "
            + "zablokowany zablokowana odblokowane dozwolone dozwolony aktywne aktywny aktywna =stan stanu statusu"),
        (Cue.History, "history histories historia historii historie histor* audit auditing =log =logs activity activities changes changed "
            + "changelog happened =logi audyt audytu dziennik rejestr zmiany =zmian zmianach zmianami zmieniono "
            + "zmienil zmienila zmienili zmienilo zmienily"),
        (Cue.What, "=what =whats =who =when =co =kto =kiedy"),
        (Cue.Change, "change changing zmien zmienic zmiana zmiane"),
        (Cue.Update, "update updates updating edit modify correct =fix amend aktualizuj zaktualizuj uaktualnij "
            + "aktualiz* zaktualiz* aktualizacja edytuj edytowac edycja edyt* popraw poprawic zmodyfikuj modyfikuj"),
        (Cue.UpdateObject, "billing address email =mail phone telephone contact details =name account profile "
            + "=info information =data number =dane danych adres adresu adresie telefon telefonu numer kontakt "
            + "kontaktowe kontaktowy rozliczeniowe rozliczeniowy rozliczeniowych rozlicze* nazwa nazwe nazwy "
            + "konto konta koncie profil informacje"),
        (Cue.Help, "help =hepl =hlep =halp commands pomoc pomocy pomoz komendy polecenia instrukcja umiesz potrafisz"),
        (Cue.Cancel, "cancel abort =quit =exit nevermind anuluj anulowac anul* przerwij przerwac zrezygnuj "
            + "rezygnuje niewazne koniec"),
        (Cue.StartOver, "restart reset restartuj"),
        (Cue.Greeting, "=hi hello =hey hiya howdy greetings hallo czesc =hej hejka witaj witam siema siemka =elo serwus"),
        (Cue.Connector, "=of =and =the =de =von =van =der =den =und =i =et =y =la =le =du =des =da"),
        (Cue.Filler, "=to =for =a =an =e =its =it =their =them =they =own =at =in =with =from =by about please =pls "
            + "=plz =me =my =us =we =our =you =your =can =cant =could would =will =may might =is =are =be been "
            + "=was were does =do =did =has =have =had shall should =any anything something some customer "
            + "customers client clients tenant company =show =see =list display =view =get tell =know want wants "
            + "need =like =im able anymore =now again also just =ok okay thanks thank =yes =no =last =week month "
            + "today yesterday recent recently latest =all =that =this these those there =here =how =why which "
            + "=lets check "
            + "=dla =na =do =w =we =z =ze =o =od =po przez =za =u oraz =lub albo klient klienta klientowi klientem "
            + "kliencie klienci klientow =firma firmy firmie firme spolka spolki spolce =ich jego =jej swoje swoich "
            + "sobie =sie =mi mnie =nam prosze pokaz pokazac wyswietl zobacz sprawdz sprawdzic =jaki =jaka jakie "
            + "=jest =sa =czy =moze =moga mozna mozesz mozecie wolno =ma =maja =mam =chce chcialbym chcialabym "
            + "potrzebuje teraz ostatnie ostatni ostatnio tydzien tygodniu miesiac dzisiaj wczoraj wszystkie =tego "
            + "=ten =ta =tam tutaj =jak dlaczego ktore ktory =juz jeszcze =tez takze dzieki dziekuje =tak "
            + "mozliwosc opcje opcja prawo prawa funkcje funkcja ustawienie ustawienia zacznij zacznijmy =start "
            + "begin"),
    ];

    private static readonly (Cue Cue, string Words)[] PhraseTable =
    [
        (Cue.StartOver, "start over"),
        (Cue.StartOver, "start again"),
        (Cue.StartOver, "begin again"),
        (Cue.StartOver, "from scratch"),
        (Cue.StartOver, "from the beginning"),
        (Cue.StartOver, "od nowa"),
        (Cue.StartOver, "od poczatku"),
        (Cue.Cancel, "never mind"),
        (Cue.Cancel, "forget it"),
        (Cue.Cancel, "nie wazne"),
        (Cue.Cancel, "daj spokoj"),
        (Cue.Help, "what can you do"),
        (Cue.Help, "what do you do"),
        (Cue.Help, "how does this work"),
        (Cue.Help, "how does it work"),
        (Cue.Help, "co umiesz"),
        (Cue.Help, "co potrafisz"),
        (Cue.Help, "co mozesz"),
        (Cue.Help, "jak to dziala"),
        (Cue.Help, "jak dzialasz"),
        (Cue.Help, "im lost"),
        (Cue.Help, "i am lost"),
        (Cue.Help, "nie wiem co robic"),
        (Cue.Help, "nie wiem co zrobic"),
        (Cue.History, "who edited"),
        (Cue.History, "kto edytowal"),
        (Cue.History, "kto ostatnio edytowal"),
        (Cue.Allow, "should be able to"),
        (Cue.Revoke, "must not"),
        (Cue.Revoke, "nie moze juz"),
        (Cue.Revoke, "nie moga juz"),
        (Cue.History, "what changed"),
        (Cue.History, "co sie zmienilo"),
        (Cue.History, "co sie dzialo"),
        (Cue.Greeting, "good morning"),
        (Cue.Greeting, "good afternoon"),
        (Cue.Greeting, "good evening"),
        (Cue.Greeting, "dzien dobry"),
        (Cue.Greeting, "dobry wieczor"),
        (Cue.Negation, "do not"),
        (Cue.Negation, "does not"),
        (Cue.RevokeWeak, "take away"),

        // "let me see", "let us know": not a permission for anyone.
        (Cue.Filler, "let me"),
        (Cue.Filler, "let us"),
    ];

    private static readonly FrozenDictionary<string, Cue> Exact;
    private static readonly (string Stem, Cue Cue)[] Stems;
    private static readonly (string Form, Cue Cue)[] Forgiving;

    static IntentLexicon()
    {
        var exact = new Dictionary<string, Cue>(StringComparer.Ordinal);
        var stems = new List<(string, Cue)>();
        var forgiving = new List<(string, Cue)>();
        foreach (var (cue, forms) in WordTable)
        {
            foreach (var form in forms.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (form.EndsWith('*'))
                {
                    stems.Add((form[..^1], cue));
                }
                else if (form.StartsWith('='))
                {
                    exact.TryAdd(form[1..], cue);
                }
                else
                {
                    exact.TryAdd(form, cue);

                    // A misspelt filler costs nothing (it is left to the customer search, which ignores what
                    // matches no name); a company word read as a misspelt filler would be lost ("World" is
                    // one letter from "would").
                    if (cue is not (Cue.Filler or Cue.Connector))
                    {
                        forgiving.Add((form, cue));
                    }
                }
            }
        }

        Exact = exact.ToFrozenDictionary(StringComparer.Ordinal);

        // The longest stem that fits is the most specific ("zaktualiz" before "aktualiz").
        Stems = [.. stems.OrderByDescending(s => s.Item1.Length)];
        Forgiving = [.. forgiving];
        Phrases = [.. PhraseTable
            .Select(p => new Phrase(p.Cue, p.Words.Split(' ')))
            .OrderByDescending(p => p.Words.Length)];
    }

    /// <summary>Multi-word cues, longest first so "from the beginning" wins over any shorter phrase inside it.</summary>
    public static IReadOnlyList<Phrase> Phrases { get; }

    /// <summary>Every form with the cue it was listed under, for checking the table itself.</summary>
    internal static IEnumerable<(string Form, Cue Cue)> AllForms() =>
        WordTable.SelectMany(w => w.Forms.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => (f, w.Cue)));

    /// <summary>The cue of one folded word, or null when the word is not in the lexicon (it may name a customer).</summary>
    public static Cue? Match(string word) => Match(word, out _);

    /// <summary>The cue of <paramref name="word"/>; <paramref name="typo"/> says it was found only as a typo of a form.</summary>
    public static Cue? Match(string word, out bool typo)
    {
        typo = false;
        if (Exact.TryGetValue(word, out var cue))
        {
            return cue;
        }

        foreach (var (stem, stemCue) in Stems)
        {
            if (word.StartsWith(stem, StringComparison.Ordinal))
            {
                return stemCue;
            }
        }

        Cue? best = null;
        var bestDistance = int.MaxValue;
        foreach (var (form, formCue) in Forgiving)
        {
            var distance = Distance(word, form);
            if (distance < bestDistance)
            {
                best = formCue;
                bestDistance = distance;
            }
        }

        typo = best is not null;
        return best;
    }

    /// <summary>True when <paramref name="word"/> is <paramref name="form"/> as typed, or with a forgivable typo.</summary>
    public static bool Matches(string word, string form) => word == form || Distance(word, form) != int.MaxValue;

    /// <summary>The number of typos between a word and a form, or <see cref="int.MaxValue"/> when not forgivable.</summary>
    private static int Distance(string word, string form)
    {
        if (form.Length == 4 && word.Length == 4)
        {
            return IsOneSwap(word, form) ? 1 : int.MaxValue;
        }

        if (form.Length < 5 || word.Length < 4)
        {
            return int.MaxValue;
        }

        var allowed = form.Length >= 8 ? 2 : 1;
        var distance = EditDistance.Osa(word, form, allowed);
        return distance <= allowed ? distance : int.MaxValue;
    }

    private static bool IsOneSwap(string word, string form)
    {
        var first = -1;
        for (var i = 0; i < word.Length; i++)
        {
            if (word[i] != form[i])
            {
                first = i;
                break;
            }
        }

        return first >= 0
            && first + 1 < word.Length
            && word[first] == form[first + 1]
            && word[first + 1] == form[first]
            && word.AsSpan(first + 2).SequenceEqual(form.AsSpan(first + 2));
    }

    /// <summary>A cue of several words, each matched like a single word.</summary>
    internal sealed record Phrase(Cue Cue, string[] Words);
}
