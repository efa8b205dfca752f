using System.Globalization;
using System.Text;

namespace JourneyStudio.Journeys.QueryFilters;

/// <summary>Why a query filter could not be parsed, and where (1-based character position).</summary>
public sealed record QueryFilterError(int Position, string Message)
{
    public override string ToString() => $"{Message} (at character {Position})";
}

/// <summary>
/// Parses IDM's query-filter syntax: <c>eq co sw gt ge lt le</c> comparisons with a string (<c>"…"</c> or <c>'…'</c>,
/// backslash escapes), number or boolean literal; <c>pr</c>; <c>and</c>, <c>or</c>, <c>!</c>; parentheses; the filters
/// <c>true</c> and <c>false</c>. <c>!</c> binds tighter than <c>and</c>, which binds tighter than <c>or</c>. Operators and
/// keywords are case-insensitive, as in IDM.
/// </summary>
public static class QueryFilterParser
{
    /// <summary>The longest filter accepted: deep nesting must not be a way to exhaust the stack.</summary>
    public const int MaxLength = 4096;

    private const int MaxDepth = 64;

    public static bool TryParse(string? text, out QueryFilter filter, out QueryFilterError? error)
    {
        filter = new QueryFilter.Literal(false);
        error = null;
        if (string.IsNullOrWhiteSpace(text)) { error = new QueryFilterError(1, "The filter is empty"); return false; }
        if (text.Length > MaxLength) { error = new QueryFilterError(MaxLength, $"The filter is longer than {MaxLength} characters"); return false; }
        try
        {
            var parser = new Parser(Tokenize(text));
            filter = parser.ParseAll();
            return true;
        }
        catch (ParseException e)
        {
            error = e.Error;
            return false;
        }
    }

    /// <exception cref="FormatException">The filter is not valid; the message says why and where.</exception>
    public static QueryFilter Parse(string text) =>
        TryParse(text, out var filter, out var error) ? filter : throw new FormatException(error!.ToString());

    private enum TokenKind { Open, Close, Not, Word, String, End }

    private readonly record struct Token(TokenKind Kind, string Text, int Position);

    private sealed class ParseException(QueryFilterError error) : Exception(error.Message)
    {
        public QueryFilterError Error { get; } = error;
    }

    private static ParseException Fail(int position, string message) => new(new QueryFilterError(position, message));

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            var position = i + 1;
            switch (c)
            {
                case '(': tokens.Add(new Token(TokenKind.Open, "(", position)); i++; continue;
                case ')': tokens.Add(new Token(TokenKind.Close, ")", position)); i++; continue;
                case '!': tokens.Add(new Token(TokenKind.Not, "!", position)); i++; continue;
                case '"' or '\'':
                {
                    var value = new StringBuilder();
                    i++;
                    while (true)
                    {
                        if (i >= text.Length) throw Fail(position, "A string literal is not closed");
                        if (text[i] == c) { i++; break; }
                        if (text[i] == '\\')
                        {
                            if (i + 1 >= text.Length) throw Fail(i + 1, "A backslash ends the filter inside a string literal");
                            value.Append(text[i + 1]);
                            i += 2;
                            continue;
                        }
                        value.Append(text[i++]);
                    }
                    tokens.Add(new Token(TokenKind.String, value.ToString(), position));
                    continue;
                }
            }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '"' or '\'')) i++;
            tokens.Add(new Token(TokenKind.Word, text[start..i], position));
        }
        tokens.Add(new Token(TokenKind.End, "", text.Length + 1));
        return tokens;
    }

    private sealed class Parser(List<Token> tokens)
    {
        private int _next;
        private int _depth;

        private Token Peek => tokens[_next];

        public QueryFilter ParseAll()
        {
            var filter = ParseOr();
            if (Peek.Kind != TokenKind.End)
                throw Fail(Peek.Position, Peek.Kind == TokenKind.Close
                    ? "A ')' has no matching '('"
                    : $"Expected 'and', 'or' or the end of the filter, found '{Peek.Text}'");
            return filter;
        }

        private QueryFilter ParseOr()
        {
            var left = ParseAnd();
            while (IsKeyword(Peek, "or"))
            {
                _next++;
                left = new QueryFilter.Or(left, ParseAnd());
            }
            return left;
        }

        private QueryFilter ParseAnd()
        {
            var left = ParseUnary();
            while (IsKeyword(Peek, "and"))
            {
                _next++;
                left = new QueryFilter.And(left, ParseUnary());
            }
            return left;
        }

        private QueryFilter ParseUnary()
        {
            var token = Peek;
            if (++_depth > MaxDepth) throw Fail(token.Position, $"The filter nests deeper than {MaxDepth} levels");
            try
            {
                switch (token.Kind)
                {
                    case TokenKind.Not:
                        _next++;
                        return new QueryFilter.Not(ParseUnary());
                    case TokenKind.Open:
                        _next++;
                        var inner = ParseOr();
                        if (Peek.Kind != TokenKind.Close) throw Fail(Peek.Position, $"Expected ')' to close the '(' at character {token.Position}");
                        _next++;
                        return inner;
                    case TokenKind.Word:
                        return ParseSimple();
                    case TokenKind.End:
                        throw Fail(token.Position, "The filter ends where a condition was expected");
                    default:
                        throw Fail(token.Position, $"Expected a condition, found '{token.Text}'");
                }
            }
            finally { _depth--; }
        }

        private QueryFilter ParseSimple()
        {
            var field = tokens[_next++];
            if (IsKeyword(field, "true")) return new QueryFilter.Literal(true);
            if (IsKeyword(field, "false")) return new QueryFilter.Literal(false);
            if (IsKeyword(field, "and") || IsKeyword(field, "or"))
                throw Fail(field.Position, $"'{field.Text}' needs a condition before it");
            var path = ParsePath(field);

            var op = Peek;
            if (op.Kind != TokenKind.Word)
                throw Fail(op.Position, op.Kind == TokenKind.End
                    ? $"The filter ends after the field '{field.Text}'; expected an operator (eq, co, sw, gt, ge, lt, le, pr)"
                    : $"Expected an operator (eq, co, sw, gt, ge, lt, le, pr) after '{field.Text}', found '{op.Text}'");
            _next++;
            QueryFilterOperator comparison;
            switch (op.Text.ToLowerInvariant())
            {
                case "pr": return new QueryFilter.Present(path);
                case "eq": comparison = QueryFilterOperator.Equals; break;
                case "co": comparison = QueryFilterOperator.Contains; break;
                case "sw": comparison = QueryFilterOperator.StartsWith; break;
                case "gt": comparison = QueryFilterOperator.GreaterThan; break;
                case "ge": comparison = QueryFilterOperator.GreaterOrEqual; break;
                case "lt": comparison = QueryFilterOperator.LessThan; break;
                case "le": comparison = QueryFilterOperator.LessOrEqual; break;
                default: throw Fail(op.Position, $"'{op.Text}' is not an operator; expected eq, co, sw, gt, ge, lt, le or pr");
            }

            var literal = Peek;
            _next++;
            object value = literal.Kind switch
            {
                TokenKind.String => literal.Text,
                TokenKind.Word when IsKeyword(literal, "true") => true,
                TokenKind.Word when IsKeyword(literal, "false") => false,
                TokenKind.Word when decimal.TryParse(literal.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
                TokenKind.End => throw Fail(literal.Position, $"The filter ends after '{op.Text}'; expected a value"),
                _ => throw Fail(literal.Position,
                    $"Expected a value after '{op.Text}' (a quoted string, a number, true or false), found '{literal.Text}'"),
            };
            if (comparison is QueryFilterOperator.Contains or QueryFilterOperator.StartsWith && value is not string)
                throw Fail(literal.Position, $"'{op.Text}' compares text; the value must be a quoted string");
            return new QueryFilter.Comparison(path, comparison, value);
        }

        private static JsonPointerPath ParsePath(Token token)
        {
            var text = token.Text;
            if (text.StartsWith('/')) text = text[1..];
            if (text.Length == 0) throw Fail(token.Position, "A field path needs at least one name after '/'");
            var segments = new List<string>();
            foreach (var raw in text.Split('/'))
            {
                if (raw.Length == 0) throw Fail(token.Position, $"The field path '{token.Text}' has an empty segment");
                if (raw.Replace("~0", "").Replace("~1", "").Contains('~'))
                    throw Fail(token.Position, $"The field path '{token.Text}' has a '~' that is not ~0 or ~1");
                if (raw.Any(c => char.IsControl(c) || c == '!'))
                    throw Fail(token.Position, $"The field path '{token.Text}' has a character a field name cannot have");
                segments.Add(raw.Replace("~1", "/").Replace("~0", "~"));
            }
            return new JsonPointerPath(segments);
        }

        private static bool IsKeyword(Token token, string keyword) =>
            token.Kind == TokenKind.Word && string.Equals(token.Text, keyword, StringComparison.OrdinalIgnoreCase);
    }
}
