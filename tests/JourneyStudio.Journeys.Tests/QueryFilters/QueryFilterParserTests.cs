using System.Text.Json.Nodes;
using JourneyStudio.Journeys.QueryFilters;

namespace JourneyStudio.Journeys.Tests.QueryFilters;

public sealed class QueryFilterParserTests
{
    private static readonly JsonObject User = JsonNode.Parse("""
        {"userName": "Bjensen", "mail": "bjensen@example.com", "loginCount": 3, "accountStatus": "active",
         "preferences": {"marketing": false, "updates": true}, "roles": ["admin", "staff"], "a/b": "slash", "nothing": null}
        """)!.AsObject();

    private static bool Matches(string filter) => QueryFilterParser.Parse(filter).Matches(User);

    [Theory]
    [InlineData("/userName eq \"bjensen\"", true)]           // strings: without regard to case, as IDM on a directory
    [InlineData("userName eq 'BJENSEN'", true)]              // bare names and single quotes are accepted too
    [InlineData("/userName eq \"bjensen2\"", false)]
    [InlineData("/mail co \"@EXAMPLE\"", true)]
    [InlineData("/mail co \"@example.org\"", false)]
    [InlineData("/mail sw \"bjen\"", true)]
    [InlineData("/mail sw \"jensen\"", false)]
    [InlineData("/loginCount gt 2", true)]
    [InlineData("/loginCount gt 3", false)]
    [InlineData("/loginCount ge 3", true)]
    [InlineData("/loginCount ge 3.5", false)]
    [InlineData("/loginCount lt 4", true)]
    [InlineData("/loginCount lt 3", false)]
    [InlineData("/loginCount le 3", true)]
    [InlineData("/loginCount le 2", false)]
    [InlineData("/loginCount eq 3", true)]
    [InlineData("/userName gt \"a\"", true)]
    [InlineData("/preferences/marketing eq false", true)]
    [InlineData("/preferences/updates eq false", false)]
    [InlineData("/preferences pr", true)]
    [InlineData("/telephoneNumber pr", false)]
    [InlineData("/nothing pr", false)]                       // null is not present
    [InlineData("/roles eq \"staff\"", true)]                 // any element of a multi-valued field
    [InlineData("/a~1b eq \"slash\"", true)]                  // JSON Pointer escapes
    [InlineData("/loginCount eq \"3\"", false)]               // another type never matches
    [InlineData("/preferences/marketing eq \"false\"", false)]
    [InlineData("/missing/deeper eq 1", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Comparison_MatchesAsIdm(string filter, bool expected) => Assert.Equal(expected, Matches(filter));

    [Theory]
    [InlineData("/loginCount eq 3 and /mail pr", true)]
    [InlineData("/loginCount eq 3 and /telephoneNumber pr", false)]
    [InlineData("/loginCount eq 4 or /mail pr", true)]
    [InlineData("/loginCount eq 4 or /telephoneNumber pr", false)]
    [InlineData("!(/telephoneNumber pr)", true)]
    [InlineData("! /mail pr", false)]
    [InlineData("/mail pr AND /loginCount EQ 3", true)]       // keywords and operators ignore case
    // and binds tighter than or: true or (false and false) = true; (true or false) and false would be false.
    [InlineData("/mail pr or /telephoneNumber pr and /missing pr", true)]
    [InlineData("(/mail pr or /telephoneNumber pr) and /missing pr", false)]
    // ! binds tighter than and: (!false) and true.
    [InlineData("!/telephoneNumber pr and /mail pr", true)]
    [InlineData("!(/telephoneNumber pr and /mail pr)", true)]
    [InlineData("!(/preferences pr) or /preferences/marketing eq false or /preferences/updates eq false", true)]
    [InlineData("((((/mail pr))))", true)]
    public void Logic_FollowsPrecedenceAndParentheses(string filter, bool expected) => Assert.Equal(expected, Matches(filter));

    [Fact]
    public void ProgressiveProfileFilter_IsFalse_ForAUserWhoAnsweredBothPreferences()
    {
        var filter = QueryFilterParser.Parse("!(/preferences pr) or /preferences/marketing eq false or /preferences/updates eq false");

        Assert.False(filter.Matches(JsonNode.Parse("""{"preferences": {"marketing": true, "updates": true}}""")));
        Assert.True(filter.Matches(JsonNode.Parse("""{"userName": "new"}""")));
    }

    [Fact]
    public void StringLiteral_TakesBackslashEscapes()
    {
        var filter = Assert.IsType<QueryFilter.Comparison>(QueryFilterParser.Parse("/givenName eq \"say \\\"hi\\\"\""));

        Assert.Equal("say \"hi\"", filter.Value);
        Assert.Equal(["givenName"], filter.Field.Segments);
    }

    [Theory]
    [InlineData("", 1, "The filter is empty")]
    [InlineData("   ", 1, "The filter is empty")]
    [InlineData("/mail", 6, "The filter ends after the field '/mail'; expected an operator (eq, co, sw, gt, ge, lt, le, pr)")]
    [InlineData("/mail is \"x\"", 7, "'is' is not an operator; expected eq, co, sw, gt, ge, lt, le or pr")]
    [InlineData("/mail eq", 9, "The filter ends after 'eq'; expected a value")]
    [InlineData("/mail eq bjensen", 10, "Expected a value after 'eq' (a quoted string, a number, true or false), found 'bjensen'")]
    [InlineData("/mail eq \"x", 10, "A string literal is not closed")]
    [InlineData("/loginCount co 3", 16, "'co' compares text; the value must be a quoted string")]
    [InlineData("(/mail pr", 10, "Expected ')' to close the '(' at character 1")]
    [InlineData("/mail pr)", 9, "A ')' has no matching '('")]
    [InlineData("/mail pr /sn pr", 10, "Expected 'and', 'or' or the end of the filter, found '/sn'")]
    [InlineData("/mail pr and", 13, "The filter ends where a condition was expected")]
    [InlineData("and /mail pr", 1, "'and' needs a condition before it")]
    [InlineData("/mail pr or or /sn pr", 13, "'or' needs a condition before it")]
    [InlineData("()", 2, "Expected a condition, found ')'")]
    [InlineData("!", 2, "The filter ends where a condition was expected")]
    [InlineData("/ pr", 1, "A field path needs at least one name after '/'")]
    [InlineData("/a//b pr", 1, "The field path '/a//b' has an empty segment")]
    [InlineData("/a~2 pr", 1, "The field path '/a~2' has a '~' that is not ~0 or ~1")]
    public void BadFilter_IsRefused_WithWhatAndWhere(string filter, int position, string message)
    {
        Assert.False(QueryFilterParser.TryParse(filter, out _, out var error));

        Assert.Equal(new QueryFilterError(position, message), error);
        Assert.Equal($"{message} (at character {position})", Assert.Throws<FormatException>(() => QueryFilterParser.Parse(filter)).Message);
    }

    [Fact]
    public void DeepNesting_IsRefused_NotAStackOverflow()
    {
        var filter = new string('(', 2000) + "/mail pr" + new string(')', 2000);

        Assert.False(QueryFilterParser.TryParse(filter, out _, out var error));
        Assert.Equal("The filter nests deeper than 64 levels", error!.Message);
    }

    [Fact]
    public void TooLongFilter_IsRefused()
    {
        Assert.False(QueryFilterParser.TryParse("/mail eq \"" + new string('x', 5000) + "\"", out _, out var error));
        Assert.Equal("The filter is longer than 4096 characters", error!.Message);
    }
}
