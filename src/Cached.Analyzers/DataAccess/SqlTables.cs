using System;
using System.Collections.Generic;

namespace Cached.Analyzers.DataAccess;

/// <summary>
/// The tables one piece of SQL text reads (<c>FROM</c>, <c>JOIN</c>, <c>USING</c>) and writes (the target of
/// <c>INSERT</c>, <c>UPDATE</c>, <c>DELETE</c>, <c>MERGE</c>, <c>REPLACE</c>), found by a tokenizer that knows quoting,
/// comments, schemas, aliases and common table expressions, in the dialects of SQL Server, PostgreSQL, SQLite and MySQL.
/// </summary>
/// <remarks>
/// This is not a SQL parser: it reads table names in the positions that name tables and ignores everything else, so
/// that it never mistakes a column for a table. A name it cannot read (a parameter, an interpolation hole) is skipped.
/// </remarks>
internal sealed class SqlTables
{
    /// <summary>Marks where a non-constant value was interpolated into the text.</summary>
    public const char Hole = '\u0001';

    private static readonly HashSet<string> NotAnAlias = new(StringComparer.OrdinalIgnoreCase)
    {
        "where", "set", "on", "join", "inner", "left", "right", "full", "outer", "cross", "natural", "group", "order", "having",
        "limit", "offset", "union", "except", "intersect", "using", "when", "values", "output", "returning", "select", "from",
        "with", "as", "lateral", "apply", "for", "option", "window", "fetch", "into", "default", "straight_join",
    };

    private SqlTables(List<string> reads, List<string> writes)
    {
        Reads = reads;
        Writes = writes;
    }

    /// <summary>Tables read, as written (without quotes or schema).</summary>
    public IReadOnlyList<string> Reads { get; }

    /// <summary>Tables written, as written (without quotes or schema).</summary>
    public IReadOnlyList<string> Writes { get; }

    /// <summary>The comparable form of a table name: lower case, without underscores (so <c>order_lines</c> is <c>OrderLines</c>).</summary>
    public static string Normalize(string name) => name.Replace("_", string.Empty).ToLowerInvariant();

    public static SqlTables Parse(string sql)
    {
        var reads = new List<string>();
        var writes = new List<string>();
        foreach (var statement in Statements(Tokenize(sql)))
        {
            ParseStatement(statement, reads, writes);
        }

        return new SqlTables(reads, writes);
    }

    private static void ParseStatement(List<Token> tokens, List<string> reads, List<string> writes)
    {
        var cteNames = CommonTableExpressions(tokens);
        var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var read = new List<string>();

        // First pass: every table in a FROM, JOIN or USING position, with its alias (UPDATE/DELETE may target an alias).
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].IsKeyword("from") || tokens[i].IsKeyword("join") || tokens[i].IsKeyword("using"))
            {
                var isFrom = tokens[i].IsKeyword("from");
                var j = i + 1;
                while (true)
                {
                    j = SkipKeywords(tokens, j, "only", "lateral");
                    if (ReadName(tokens, ref j, source: true) is not { } name)
                    {
                        break;
                    }

                    read.Add(name);
                    if (ReadAlias(tokens, ref j) is { } alias)
                    {
                        aliases[alias] = name;
                    }

                    // FROM a, b, c: a comma after a table (and its alias) introduces another table.
                    if (!isFrom || j >= tokens.Count || !tokens[j].Is(","))
                    {
                        break;
                    }

                    j++;
                }
            }
        }

        // Second pass: write targets.
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            string? target = null;
            var j = i + 1;
            if (token.IsKeyword("insert") || token.IsKeyword("replace") && i + 1 < tokens.Count && tokens[i + 1].IsKeyword("into"))
            {
                j = SkipKeywords(tokens, j, "or", "replace", "ignore", "abort", "fail", "rollback", "low_priority", "delayed", "high_priority", "into");
                target = ReadName(tokens, ref j);
            }
            else if (token.IsKeyword("merge"))
            {
                j = SkipTop(tokens, j);
                j = SkipKeywords(tokens, j, "into");
                target = ReadName(tokens, ref j);
            }
            else if (token.IsKeyword("update") && !IsUpsertClause(tokens, i))
            {
                j = SkipTop(tokens, j);
                j = SkipKeywords(tokens, j, "only", "low_priority", "ignore", "or", "replace", "abort", "fail", "rollback");
                target = ReadName(tokens, ref j);
            }
            else if (token.IsKeyword("delete"))
            {
                j = SkipTop(tokens, j);
                j = SkipKeywords(tokens, j, "low_priority", "quick", "ignore", "from", "only");
                target = ReadName(tokens, ref j);
            }

            if (target is null)
            {
                continue;
            }

            // UPDATE p SET ... FROM Products p / DELETE p FROM Products p: the target is an alias.
            if (aliases.TryGetValue(target, out var aliased))
            {
                target = aliased;
            }

            if (!cteNames.Contains(target))
            {
                writes.Add(target);
            }
        }

        foreach (var name in read)
        {
            if (!cteNames.Contains(name))
            {
                reads.Add(name);
            }
        }
    }

    /// <summary>The <c>UPDATE</c> of <c>ON CONFLICT ... DO UPDATE</c> and <c>ON DUPLICATE KEY UPDATE</c> targets the insert's table.</summary>
    private static bool IsUpsertClause(List<Token> tokens, int update) =>
        update > 0 && (tokens[update - 1].IsKeyword("do") || tokens[update - 1].IsKeyword("key"));

    private static HashSet<string> CommonTableExpressions(List<Token> tokens)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            // WITH [RECURSIVE] name [(columns)] AS ( ... ) [, name AS ( ... )]
            if (tokens[i].Kind == TokenKind.Identifier && (i > 0 && (tokens[i - 1].IsKeyword("with") || tokens[i - 1].IsKeyword("recursive") || tokens[i - 1].Is(","))))
            {
                var j = i + 1;
                if (tokens[j].Is("("))
                {
                    j = SkipParentheses(tokens, j);
                }

                if (j + 1 < tokens.Count && tokens[j].IsKeyword("as") && tokens[j + 1].Is("("))
                {
                    names.Add(tokens[i].Text);
                }
            }
        }

        return names;
    }

    /// <summary>
    /// Reads <c>[schema.]name</c> at <paramref name="i"/>; returns the last part, or <c>null</c> (a subquery, a parameter, a
    /// hole, or — in a FROM position, <paramref name="source"/> — a table-valued function).
    /// </summary>
    private static string? ReadName(List<Token> tokens, ref int i, bool source = false)
    {
        string? last = null;
        while (i < tokens.Count && (tokens[i].Kind == TokenKind.Identifier || tokens[i].Kind == TokenKind.Quoted))
        {
            if (tokens[i].Kind == TokenKind.Identifier && IsReserved(tokens[i].Text))
            {
                break;
            }

            last = tokens[i].Text;
            i++;
            if (i < tokens.Count && tokens[i].Is(".") )
            {
                i++;
                continue;
            }

            break;
        }

        // A name continued by a hole ("Products_{0}") is not a table we can name; nor is a function in a FROM position.
        if (last is not null && i < tokens.Count && (tokens[i].Kind == TokenKind.Hole || source && tokens[i].Is("(")))
        {
            return null;
        }

        return last;
    }

    private static string? ReadAlias(List<Token> tokens, ref int i)
    {
        if (i < tokens.Count && tokens[i].IsKeyword("as"))
        {
            i++;
        }

        if (i < tokens.Count && (tokens[i].Kind == TokenKind.Quoted || tokens[i].Kind == TokenKind.Identifier && !NotAnAlias.Contains(tokens[i].Text) && !IsReserved(tokens[i].Text)))
        {
            return tokens[i++].Text;
        }

        return null;
    }

    private static bool IsReserved(string word) =>
        NotAnAlias.Contains(word) || string.Equals(word, "select", StringComparison.OrdinalIgnoreCase);

    private static int SkipKeywords(List<Token> tokens, int i, params string[] keywords)
    {
        while (i < tokens.Count && Array.Exists(keywords, k => tokens[i].IsKeyword(k)))
        {
            i++;
        }

        return i;
    }

    /// <summary>Skips <c>TOP (n)</c> / <c>TOP n [PERCENT]</c> of SQL Server.</summary>
    private static int SkipTop(List<Token> tokens, int i)
    {
        if (i < tokens.Count && tokens[i].IsKeyword("top"))
        {
            i++;
            i = i < tokens.Count && tokens[i].Is("(") ? SkipParentheses(tokens, i) : i + 1;
            i = SkipKeywords(tokens, i, "percent");
        }

        return i;
    }

    private static int SkipParentheses(List<Token> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            if (tokens[i].Is("("))
            {
                depth++;
            }
            else if (tokens[i].Is(")") && --depth == 0)
            {
                return i + 1;
            }
        }

        return tokens.Count;
    }

    private static IEnumerable<List<Token>> Statements(List<Token> tokens)
    {
        var current = new List<Token>();
        foreach (var token in tokens)
        {
            if (token.Is(";"))
            {
                if (current.Count > 0)
                {
                    yield return current;
                }

                current = new List<Token>();
            }
            else
            {
                current.Add(token);
            }
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }

    private static List<Token> Tokenize(string sql)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && At(sql, i + 1) == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && At(sql, i + 1) == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
            }
            else if (c == '\'')
            {
                // A string literal: '' is an escaped quote.
                i++;
                while (i < sql.Length && !(sql[i] == '\'' && At(sql, i + 1) != '\''))
                {
                    i += sql[i] == '\'' ? 2 : 1;
                }

                i++;
                tokens.Add(new Token(TokenKind.Literal, "'"));
            }
            else if (c == '"' || c == '[' || c == '`')
            {
                var close = c == '[' ? ']' : c;
                var end = sql.IndexOf(close, i + 1);
                end = end < 0 ? sql.Length : end;
                tokens.Add(new Token(TokenKind.Quoted, sql.Substring(i + 1, end - i - 1)));
                i = end + 1;
            }
            else if (c == Hole || c == '@' || c == ':' && IsWordChar(At(sql, i + 1)) || c == '$' && char.IsDigit(At(sql, i + 1)) || c == '?')
            {
                // A parameter (@id, :id, $1, ?) or an interpolation hole: a value, never a table name.
                i++;
                while (i < sql.Length && IsWordChar(sql[i]))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Hole, "?"));
            }
            else if (IsWordChar(c) || c == '#')
            {
                var start = i;
                while (i < sql.Length && (IsWordChar(sql[i]) || sql[i] == '#' || sql[i] == '$'))
                {
                    i++;
                }

                var word = sql.Substring(start, i - start);
                tokens.Add(new Token(char.IsDigit(word[0]) ? TokenKind.Literal : TokenKind.Identifier, word));
            }
            else
            {
                tokens.Add(new Token(TokenKind.Punctuation, c.ToString()));
                i++;
            }
        }

        return tokens;
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private enum TokenKind
    {
        Identifier,
        Quoted,
        Literal,
        Hole,
        Punctuation,
    }

    private readonly struct Token
    {
        public Token(TokenKind kind, string text)
        {
            Kind = kind;
            Text = text;
        }

        public TokenKind Kind { get; }

        public string Text { get; }

        public bool Is(string punctuation) => Kind == TokenKind.Punctuation && Text == punctuation;

        public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

        public override string ToString() => Text;
    }
}
