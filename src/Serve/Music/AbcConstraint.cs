namespace MusicPile.Serve.Music;

/// <summary>
/// Masks the vocabulary so that a generation stays inside <see cref="AbcGrammar"/> and ends as a complete tune: the
/// end-of-sequence token is allowed only where a tune may end, and when the token budget runs low the constraint
/// steers into the grammar's shortest closing text.
/// </summary>
internal sealed class AbcConstraint
{
    /// <summary>Extra tokens kept in reserve for closing texts that grow by one token's choice (a tempo line, a chord).</summary>
    private const int Reserve = 12;

    private readonly AbcGrammar _grammar = AbcGrammar.Instance;
    private readonly TokenTextTable _texts;
    private readonly int _eosId;
    private AbcGrammarState _state;
    private string? _forced;

    public AbcConstraint(TokenTextTable texts, int eosId)
    {
        _texts = texts;
        _eosId = eosId;
    }

    /// <summary>True once the text so far is a complete tune.</summary>
    public bool CanEnd => AbcGrammar.CanEnd(_state);

    /// <summary>The ids allowed next, given that at most <paramref name="tokensLeft"/> tokens (this one included) remain.</summary>
    public bool[] Allowed(int tokensLeft)
    {
        var allowed = new bool[Math.Max(_texts.Count, _eosId + 1)];
        if (_forced is null)
        {
            var closing = _grammar.Closing(_state);
            if (tokensLeft <= closing.Length + 1 + Reserve) _forced = closing;
        }
        if (_forced is { } forced)
        {
            if (forced.Length == 0)
                allowed[_eosId] = true;
            for (var id = 0; id < _texts.Count && forced.Length > 0; id++)
                allowed[id] = _texts[id] is { } t && forced.StartsWith(t, StringComparison.Ordinal);
            return allowed;
        }
        allowed[_eosId] = CanEnd;
        for (var id = 0; id < _texts.Count; id++)
        {
            if (id == _eosId || _texts[id] is not { } text) continue;
            var probe = _state;
            var ok = true;
            foreach (var c in text)
            {
                if (!_grammar.Step(ref probe, c))
                {
                    ok = false;
                    break;
                }
            }
            allowed[id] = ok;
        }
        return allowed;
    }

    /// <summary>Moves past a chosen token (which must have been allowed).</summary>
    public void Accept(int id)
    {
        if (id == _eosId) return;
        var text = _texts[id] ?? throw new InvalidOperationException($"token {id} has no text and cannot be constrained");
        foreach (var c in text)
        {
            if (!_grammar.Step(ref _state, c))
                throw new InvalidOperationException($"token {id} ('{text}') leaves the ABC grammar");
        }
        if (_forced is not null) _forced = _forced[text.Length..];
    }
}
