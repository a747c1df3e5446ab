using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Domain.Language;

/// <summary>
/// The project's own recognizer: English and Polish phrasings, their inflections and typos, no cloud
/// service. Each word is looked up in <see cref="IntentLexicon"/>; the sentence's cues decide the intent;
/// the words no cue claims are the customer mention, found through the customer search.
/// </summary>
/// <remarks>
/// <para>
/// Deciding: start over, cancel, history, then the permission switch (a command to allow or revoke,
/// else a question about its state), then an account update, help, a greeting. A command word wins over a
/// question, so "can you allow Contoso to buy?" allows while "can Contoso buy?" asks; a negated allow
/// ("don't let", "nie pozwalaj", "niech Fabrikam nie kupuje") revokes. Weak words ("give", "stop", "remove", "cancel")
/// switch only in a sentence about purchases: "stop" alone cancels the dialog.
/// </para>
/// <para>
/// The mention: the runs of words left over, each searched on its own and all together, the best found
/// winning, so a word the lexicon does not know ("allow Contoso to buy stuff") costs nothing. A Polish
/// case ending ("dla Zakładów Mięsnych") is cut back to the stem when that finds a better match.
/// </para>
/// </remarks>
public sealed class RuleBasedIntentRecognizer(ICustomerDirectory directory) : IIntentRecognizer
{
    // A searched mention is one phrase; a sentence with more word runs than this is not naming a customer
    // in each, and every search costs a directory call.
    private const int MaxRunsSearched = 3;

    // Searches for a name's leading words (when no candidate matched exactly): a few, each a directory call.
    private const int MaxLeadingSearched = 6;

    // How much better a part of the words must match than all of them together to be the mention.
    private const double PartMargin = 0.2;

    // A best match at least this good accounts for every word typed (each found, most of them as typed: one
    // typo in a two-word name scores 0.84): neither the words cut to their Polish stems nor the name's leading
    // words alone are searched.
    private const double StrongScore = 0.8;

    // A stretch of the name's words under StrongScore still names the customers it finds this well, when the words
    // picked instead leave a wider choice; matches within ClearLead of the first are a choice (issue 13).
    private const double NameScore = 0.7;
    private const double ClearLead = 0.15;

    // Two connectors in a row still join ("Bank of the West"); more is a sentence, not a name.
    private const int MaxConnectorGap = 2;

    // How far after "turn" or "switch" its "on" or "off" may come: "turn purchases for Contoso off".
    private const int TurnReach = 4;

    // How far after an allow a "not" still negates it: "let Tailspin Toys not buy".
    private const int NegationReach = 4;

    public async Task<Recognition> RecognizeAsync(string utterance, AuthorizedRead? read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        var tokens = UtteranceTokenizer.Tokenize(utterance);
        if (tokens.Count == 0)
        {
            return new Recognition(utterance.Trim() == "?" ? Intent.Help : Intent.None, null, []);
        }

        var cues = Classify(tokens, out var typos);
        var intent = Decide(cues);
        if (intent is Intent.Greeting or Intent.Help or Intent.Cancel or Intent.StartOver)
        {
            return new Recognition(intent, null, []);
        }

        var candidates = MentionCandidates(utterance, tokens, cues);
        if (candidates.Count == 0)
        {
            return new Recognition(intent, null, []);
        }

        if (read is null)
        {
            // No search for a person who may not view accounts: the longest run of leftover words stands
            // as the mention (the conversation refuses before it would use it), and no customer is named.
            return intent == Intent.None
                ? new Recognition(Intent.None, null, [])
                : new Recognition(intent, candidates[0].Text, []);
        }

        var (mention, customers) = await FindCustomerAsync(read, candidates, cancellationToken).ConfigureAwait(false);
        if (NameStretch(tokens, cues, typos) is { } stretch)
        {
            var text = utterance[tokens[stretch.First].Start..tokens[stretch.Last].End];
            var matches = text == mention ? [] : await SearchAsync(read, text, cancellationToken).ConfigureAwait(false);
            var found = customers.Count > 0 ? customers[0].Score : 0;

            // "Zakad Poligraficzny Piasecki": the name's own words alone ("Poligraficzny Piasecki") may score above
            // the whole stretch with its typo, yet when both name the same customer the typo was the name's too.
            var sameCustomer = matches.Count > 0 && customers.Count > 0 && matches[0].CustomerId == customers[0].CustomerId;
            // "Zakład Usług Leśnych Socha spxj.": a typo in the legal form keeps the stretch under a strong score, while
            // its first word alone ("Zakład") begins many names equally well. The stretch that leaves the narrower choice
            // (three Sochas at 100,000 customers, the one meant first) says more than the word that leaves many.
            var narrower = matches.Count > 0 && matches[0].Score >= NameScore && NearTop(matches) < NearTop(customers);
            if (matches.Count > 0 && ((matches[0].Score >= StrongScore && (matches[0].Score > found || sameCustomer)) || narrower))
            {
                // The words were the customer's name: the sentence asks only for what the words around it say.
                Array.Fill(cues, null, stretch.First, stretch.Last - stretch.First + 1);
                (intent, mention, customers) = (Decide(cues), text, matches);
            }
        }

        if (intent == Intent.None && customers.Count == 0)
        {
            // Words that neither ask for anything nor name a customer are not a mention.
            return new Recognition(Intent.None, null, []);
        }

        return new Recognition(intent, mention, customers);
    }

    /// <summary>How many matches are not clearly behind the first: the choice a person would be left with (none found: any).</summary>
    private static int NearTop(IReadOnlyList<CustomerMatch> matches) =>
        matches.Count == 0 ? int.MaxValue : matches.Count(m => matches[0].Score - m.Score < ClearLead);

    /// <summary>
    /// The cue of each token; null for a token the lexicon does not know (a name, a domain). <paramref name="typos"/>
    /// marks the tokens whose cue was found only as a typo of a form.
    /// </summary>
    private static Cue?[] Classify(List<UtteranceToken> tokens, out bool[] typos)
    {
        var cues = new Cue?[tokens.Count];
        typos = new bool[tokens.Count];
        var claimed = new bool[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            if (claimed[i] || tokens[i].Kind != TokenKind.Word)
            {
                continue;
            }

            foreach (var phrase in IntentLexicon.Phrases)
            {
                if (PhraseAt(tokens, claimed, i, phrase.Words))
                {
                    for (var k = 0; k < phrase.Words.Length; k++)
                    {
                        cues[i + k] = phrase.Cue;
                        claimed[i + k] = true;
                    }

                    break;
                }
            }
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            if (claimed[i])
            {
                continue;
            }

            cues[i] = tokens[i].Kind switch
            {
                TokenKind.Word => IntentLexicon.Match(tokens[i].Folded, out typos[i]),
                TokenKind.Email => Cue.Filler,
                _ => null,
            };

            // "Lakeside Textiles Co. zmień dane": right after a name, "Co." is its legal form, not the Polish "co".
            if (cues[i] == Cue.What && i > 0 && cues[i - 1] is null && tokens[i - 1].Kind == TokenKind.Word
                && SearchTokenizer.IsLegalForm(tokens[i].Folded))
            {
                cues[i] = null;
            }
        }

        return cues;
    }

    private static bool PhraseAt(List<UtteranceToken> tokens, bool[] claimed, int start, string[] words)
    {
        if (start + words.Length > tokens.Count)
        {
            return false;
        }

        for (var k = 0; k < words.Length; k++)
        {
            var token = tokens[start + k];
            if (claimed[start + k] || token.Kind != TokenKind.Word || !IntentLexicon.Matches(token.Folded, words[k]))
            {
                return false;
            }
        }

        return true;
    }

    private static Intent Decide(Cue?[] cues)
    {
        bool Has(Cue cue) => Array.IndexOf(cues, cue) >= 0;

        var aboutPurchases = Has(Cue.Purchase) || Has(Cue.State);
        if (Has(Cue.StartOver))
        {
            return Intent.StartOver;
        }

        if (Has(Cue.Cancel) && !aboutPurchases)
        {
            return Intent.Cancel;
        }

        if (Has(Cue.History) || AsksWhatChanged(cues))
        {
            return Intent.History;
        }

        if (Direction(cues, aboutPurchases) is { } allow)
        {
            return allow ? Intent.AllowPurchases : Intent.RevokePurchases;
        }

        if (aboutPurchases)
        {
            return Intent.AskPurchaseState;
        }

        if (Has(Cue.Update) || Has(Cue.Change) || Has(Cue.UpdateObject))
        {
            return Intent.UpdateAccount;
        }

        if (Has(Cue.Help))
        {
            return Intent.Help;
        }

        if (Has(Cue.Greeting))
        {
            return Intent.Greeting;
        }

        // "stop", "end" on their own: the user wants out of the dialog, not to revoke anything.
        return Has(Cue.RevokeWeak) ? Intent.Cancel : Intent.None;
    }

    /// <summary>
    /// "co zmieniono", "who changed": the question word comes before the change word. After it, the word is
    /// not asking: "zmień dane Lakeside Textiles Co." ends with a legal form that folds to the Polish "co".
    /// </summary>
    private static bool AsksWhatChanged(Cue?[] cues)
    {
        var what = Array.IndexOf(cues, Cue.What);
        return what >= 0 && Array.IndexOf(cues, Cue.Change, what + 1) > what;
    }

    /// <summary>True to allow, false to revoke, null when the sentence gives no command. The last command wins.</summary>
    private static bool? Direction(Cue?[] cues, bool aboutPurchases)
    {
        bool? direction = null;
        for (var i = 0; i < cues.Length; i++)
        {
            switch (cues[i])
            {
                case Cue.Allow:
                case Cue.AllowWeak when aboutPurchases:
                    direction = !NegatedAt(cues, i);
                    break;
                case Cue.Revoke:
                case Cue.RevokeWeak when aboutPurchases:
                case Cue.Cancel when aboutPurchases:
                    direction = false;
                    break;
                case Cue.Turn:
                    for (var j = i + 1; j < cues.Length && j <= i + TurnReach; j++)
                    {
                        if (cues[j] is Cue.On or Cue.Off)
                        {
                            direction = cues[j] == Cue.On;
                            i = j;
                            break;
                        }
                    }

                    break;
            }
        }

        return direction;
    }

    /// <summary>
    /// A negation just before the allow ("don't let", "nie pozwalaj"), or between it and what it allows
    /// ("let Contoso not buy", "niech Fabrikam nie kupuje").
    /// </summary>
    private static bool NegatedAt(Cue?[] cues, int index)
    {
        if ((index >= 1 && cues[index - 1] == Cue.Negation) || (index >= 2 && cues[index - 2] == Cue.Negation))
        {
            return true;
        }

        for (var j = index + 1; j < cues.Length && j <= index + NegationReach; j++)
        {
            if (cues[j] == Cue.Purchase)
            {
                return false;
            }

            if (cues[j] == Cue.Negation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The texts to search, as typed: every run of words no cue claimed (a domain on its own), and, when
    /// there are several, all of them together, and the whole stretch from the first to the last when only
    /// fillers lie between them.
    /// </summary>
    private static List<Candidate> MentionCandidates(string utterance, List<UtteranceToken> tokens, Cue?[] cues)
    {
        var runs = new List<(int First, int Last)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (cues[i] is not null)
            {
                continue;
            }

            if (tokens[i].Kind == TokenKind.Domain)
            {
                runs.Add((i, i));
                continue;
            }

            var last = i;
            while (last + 1 < tokens.Count && cues[last + 1] is null && tokens[last + 1].Kind == TokenKind.Word)
            {
                last++;
            }

            // A legal form after a name belongs to it even when it is also a filler ("Sp. z o.o."), but a
            // connector that joins the next name word is left to join it: the "i" of "Jnaik i Dąbrowski" is a
            // lone letter, which the search drops like a legal form, and taking it here would split the name.
            while (last + 1 < tokens.Count
                && tokens[last + 1].Kind == TokenKind.Word
                && cues[last + 1] is null or Cue.Filler or Cue.Connector or Cue.What
                && SearchTokenizer.IsLegalForm(tokens[last + 1].Folded)
                && !(cues[last + 1] == Cue.Connector && NameWordAt(tokens, cues, last + 2)))
            {
                last++;
            }

            runs.Add((i, last));
            i = last;
        }

        runs = JoinAcrossConnectors(runs, tokens, cues);
        var texts = runs
            .Take(MaxRunsSearched)
            .Select(r => utterance[tokens[r.First].Start..tokens[r.Last].End])
            .ToList();
        if (texts.Count <= 1)
        {
            return texts.ConvertAll(t => new Candidate(t, IsPart: false));
        }

        // The runs together first, then each run as a part of them.
        var candidates = texts.ConvertAll(t => new Candidate(t, IsPart: true));
        candidates.Insert(0, new Candidate(string.Join(' ', texts), IsPart: false));

        // "Best For You Organics": fillers inside a name are part of it when nothing but fillers
        // separates its words.
        var (first, end) = (runs[0].First, runs[^1].Last);
        var onlyFillersBetween = Enumerable.Range(first, end - first + 1)
            .All(k => tokens[k].Kind == TokenKind.Word && (cues[k] is null or Cue.Filler or Cue.Connector));
        if (onlyFillersBetween)
        {
            candidates.Insert(0, new Candidate(utterance[tokens[first].Start..tokens[end].End], IsPart: false));
        }

        return candidates;
    }

    /// <summary>
    /// "Zakład Usług Leśnych Bór": a customer's name may hold words the lexicon knows ("usług" is a purchase word,
    /// "leśnych" a typo of "własnych"). The stretch around the unknown words that takes in the words read only as
    /// a typo, and the nouns between them and the name ("usług", "Azure", "data"), is searched as a whole name
    /// too; null when it would be just the words no cue claimed.
    /// </summary>
    private static (int First, int Last)? NameStretch(List<UtteranceToken> tokens, Cue?[] cues, bool[] typos)
    {
        bool Soft(int k) => k >= 0 && k < tokens.Count && tokens[k].Kind == TokenKind.Word && (cues[k] is null || typos[k]);
        var inName = new bool[tokens.Count];
        for (var k = 0; k < tokens.Count; k++)
        {
            inName[k] = Soft(k);
        }

        for (var k = 1; k + 1 < tokens.Count; k++)
        {
            // A noun between two words of the name, itself or as a run of nouns: "Usług" of "Zakad Usług Leśnych".
            if (!inName[k] && cues[k] is Cue.Purchase or Cue.UpdateObject or Cue.State && inName[k - 1])
            {
                var end = k;
                while (end + 1 < tokens.Count && !inName[end + 1] && cues[end + 1] is Cue.Purchase or Cue.UpdateObject or Cue.State)
                {
                    end++;
                }

                if (end + 1 < tokens.Count && inName[end + 1] && tokens[end + 1].Folded.Any(char.IsLetter))
                {
                    Array.Fill(inName, true, k, end - k + 1);
                }

                k = end;
            }
        }

        (int First, int Last)? best = null;
        for (var k = 0; k < tokens.Count; k++)
        {
            if (!inName[k])
            {
                continue;
            }

            var last = k;
            while (last + 1 < tokens.Count && inName[last + 1])
            {
                last++;
            }

            var absorbs = Enumerable.Range(k, last - k + 1).Any(j => cues[j] is not null);
            var hasName = Enumerable.Range(k, last - k + 1).Any(j => cues[j] is null);
            if (absorbs && hasName && (best is null || last - k > best.Value.Last - best.Value.First))
            {
                best = (k, last);
            }

            k = last;
        }

        return best;
    }

    private static bool NameWordAt(List<UtteranceToken> tokens, Cue?[] cues, int index) =>
        index < tokens.Count && tokens[index].Kind == TokenKind.Word && cues[index] is null;

    /// <summary>"Bank of Ireland": two runs with only connectors between them are one name.</summary>
    private static List<(int First, int Last)> JoinAcrossConnectors(
        List<(int First, int Last)> runs, List<UtteranceToken> tokens, Cue?[] cues)
    {
        var joined = new List<(int First, int Last)>(runs.Count);
        foreach (var run in runs)
        {
            if (joined.Count > 0)
            {
                var previous = joined[^1];
                var gap = run.First - previous.Last - 1;
                var bothWords = tokens[previous.Last].Kind == TokenKind.Word && tokens[run.First].Kind == TokenKind.Word;
                if (bothWords && gap is > 0 and <= MaxConnectorGap
                    && Enumerable.Range(previous.Last + 1, gap).All(k => cues[k] == Cue.Connector))
                {
                    joined[^1] = (previous.First, run.Last);
                    continue;
                }
            }

            joined.Add(run);
        }

        return joined;
    }

    /// <summary>
    /// The candidate whose search found the best match, and its matches worth showing. A part of the words
    /// ("Dąbrowski S.A." of "Jnaik i Dąbrowski S.A.") must beat them all together by a clear margin: a part
    /// matched exactly scores above the whole name with a typo, yet the whole is what was typed.
    /// </summary>
    private async Task<(string Mention, IReadOnlyList<CustomerMatch> Customers)> FindCustomerAsync(
        AuthorizedRead read, List<Candidate> candidates, CancellationToken cancellationToken)
    {
        var bestMention = candidates[0].Text;
        IReadOnlyList<CustomerMatch> bestMatches = [];
        var bestScore = 0.0;
        var wholeScore = 0.0;
        foreach (var candidate in candidates)
        {
            if (candidate.IsPart && wholeScore >= StrongScore)
            {
                // No part can beat a whole matched this well by the margin.
                break;
            }

            var matches = await SearchAsync(read, candidate.Text, cancellationToken).ConfigureAwait(false);
            var score = matches.Count > 0 ? matches[0].Score : 0;
            if (score < StrongScore && !IsDomain(candidate.Text))
            {
                var folded = TextFold.Fold(candidate.Text);
                var stemmed = PolishInflection.StemWords(folded);
                if (stemmed != folded)
                {
                    var stemMatches = await SearchAsync(read, stemmed, cancellationToken).ConfigureAwait(false);
                    if (stemMatches.Count > 0 && stemMatches[0].Score > score)
                    {
                        matches = stemMatches;
                        score = stemMatches[0].Score;
                    }
                }
            }

            if (!candidate.IsPart)
            {
                wholeScore = Math.Max(wholeScore, score);
            }

            var needed = candidate.IsPart ? Math.Max(bestScore, wholeScore + PartMargin) : bestScore;
            if (score > needed)
            {
                (bestMention, bestMatches, bestScore) = (candidate.Text, matches, score);
            }

            if (bestScore >= CustomerSearchIndex.ExactScore)
            {
                break;
            }
        }

        // "Contoso Ltd moved offices": words the lexicon does not know after a name. The name's leading words
        // count only when they are a customer's exact name, so a shorter fuzzy guess never beats the words typed;
        // a match that already accounts for every word typed needs no such guess.
        if (bestScore < StrongScore)
        {
            foreach (var leading in candidates.SelectMany(c => LeadingWords(c.Text)).Take(MaxLeadingSearched))
            {
                var matches = await SearchAsync(read, leading, cancellationToken).ConfigureAwait(false);
                if (matches.Count > 0 && matches[0].Score >= CustomerSearchIndex.ExactScore)
                {
                    return (leading, matches);
                }
            }
        }

        return (bestMention, bestMatches);
    }

    /// <summary>The candidate's first words, longest first, without the whole: "Contoso Ltd moved" … "Contoso".</summary>
    private static IEnumerable<string> LeadingWords(string candidate)
    {
        var words = candidate.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var count = words.Length - 1; count >= 1; count--)
        {
            yield return string.Join(' ', words.Take(count));
        }
    }

    // A domain has no case endings to cut.
    private static bool IsDomain(string candidate) =>
        candidate.Contains('.', StringComparison.Ordinal) && !candidate.Any(char.IsWhiteSpace);

    /// <summary>A text to search for the customer; a part is one run of words out of several.</summary>
    private sealed record Candidate(string Text, bool IsPart);

    private async Task<IReadOnlyList<CustomerMatch>> SearchAsync(AuthorizedRead read, string query, CancellationToken cancellationToken)
    {
        var found = await directory.SearchAsync(read, query, SearchDecision.DefaultMaxChoices, cancellationToken).ConfigureAwait(false);
        return [.. found.Where(m => m.Score >= SearchDecision.MinimumScore).OrderByDescending(m => m.Score)];
    }
}
