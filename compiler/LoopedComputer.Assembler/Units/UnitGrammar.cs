using System.Runtime.CompilerServices;
using Sprache;

namespace LoopedComputer.Assembly.Units;

/// <summary>
/// The grammar of a function unit, one line (read before the line grammar, like .include):
/// <code>
/// func        := '.func' name '(' param (',' param)? ')' '=' body
/// body        := 'table' expr ':' expr (',' expr)* ('default' expr)?     the values for x = FROM, FROM + 1, ...
///              | cond
/// cond        := or ('?' cond ':' cond)?
/// or          := and ('||' and)*            and := bitor ('&amp;&amp;' bitor)*
/// bitor       := bitxor ('|' bitxor)*       bitxor := bitand ('^' bitand)*      bitand := equality ('&amp;' equality)*
/// equality    := relation (('==' | '!=') relation)*
/// relation    := shift (('&lt;=' | '&gt;=' | '&lt;' | '&gt;') shift)*
/// shift       := sum (('&lt;&lt;' | '&gt;&gt;') sum)*
/// sum         := product (('+' | '-') product)*
/// product     := unary (('*' | '/' | '%') unary)*
/// unary       := ('-' | '~' | '!') unary | number | name '(' cond (',' cond)* ')' | name | '(' cond ')'
/// </code>
/// The precedence is C's. Table values are the assembler's own expressions (numbers and constants).
/// </summary>
public static class UnitGrammar
{
    static readonly Parser<string> Space = Parse.WhiteSpace.Many().Text();

    static Parser<T> Token<T>(Parser<T> parser) => from _ in Space from value in parser from __ in Space select value;

    static readonly Parser<int> Column = input => Result.Success(input.Column, input);

    static readonly Parser<string> NumberText =
        Parse.String("0x").Or(Parse.String("0X")).Or(Parse.String("0b")).Or(Parse.String("0B")).Text()
            .Then(prefix => Parse.LetterOrDigit.Or(Parse.Char('_')).AtLeastOnce().Text().Select(digits => prefix + digits))
            .Or(Parse.Digit.AtLeastOnce().Then(digits =>
                Parse.LetterOrDigit.Or(Parse.Char('_')).Many().Text().Select(more => new string(digits.ToArray()) + more)));

    static readonly Parser<string> Identifier =
        from first in Parse.Letter.Or(Parse.Char('_'))
        from rest in Parse.LetterOrDigit.Or(Parse.Char('_')).Many().Text()
        select first + rest;

    /// <summary>An operator token that is not the start of a longer one (<c>&lt;</c> is not <c>&lt;&lt;</c> or <c>&lt;=</c>).</summary>
    static Parser<(string Operator, int Column)> Operator(string text, params string[] notFollowedBy) =>
        from _ in Space
        from column in Column
        from op in Parse.String(text).Text()
        from __ in notFollowedBy.Aggregate(Parse.Return(0), (parser, next) => parser.Then(v => Parse.Not(Parse.String(next)).Return(v)))
        from ___ in Space
        select (op, column);

    static Parser<(string Operator, int Column)> AnyOf(params Parser<(string, int)>[] operators) =>
        operators.Aggregate((a, b) => a.Or(b));

    static readonly Parser<UnitExpr> Number =
        from _ in Space from column in Column from text in NumberText from __ in Space select (UnitExpr)new UnitNumber(text, column);

    static readonly Parser<UnitExpr> NameOrCall =
        from _ in Space
        from column in Column
        from name in Identifier
        from __ in Space
        from arguments in (
            from open in Token(Parse.Char('('))
            from list in Parse.Ref(() => Conditional).DelimitedBy(Token(Parse.Char(',')))
            from close in Token(Parse.Char(')'))
            select list.ToArray()).Optional()
        select arguments.IsDefined ? new UnitCall(name, arguments.Get(), column) : (UnitExpr)new UnitName(name, column);

    /// <summary>A recursive step with a stack check, so that a line nested thousands deep is a diagnostic, not a crash.</summary>
    static Parser<T> Nested<T>(Func<Parser<T>> parser) =>
        input =>
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return parser()(input);
        };

    static readonly Parser<UnitExpr> Parenthesised =
        from _ in Token(Parse.Char('(')) from inner in Nested(() => Conditional) from __ in Token(Parse.Char(')')) select inner;

    static readonly Parser<UnitExpr> Unary =
        (from op in AnyOf(Operator("-"), Operator("~"), Operator("!", "="))
         from operand in Nested(() => Unary)
         select (UnitExpr)new UnitUnary(op.Operator, operand, op.Column))
        .Or(Number).Or(NameOrCall).Or(Parenthesised);

    static Parser<UnitExpr> Chain(Parser<(string Operator, int Column)> op, Parser<UnitExpr> operand) =>
        Parse.ChainOperator(op, operand, (o, left, right) => new UnitBinary(o.Operator, left, right, o.Column));

    static readonly Parser<UnitExpr> Product = Chain(AnyOf(Operator("*"), Operator("/"), Operator("%")), Unary);
    static readonly Parser<UnitExpr> Sum = Chain(AnyOf(Operator("+"), Operator("-")), Product);
    static readonly Parser<UnitExpr> Shift = Chain(AnyOf(Operator("<<"), Operator(">>")), Sum);
    static readonly Parser<UnitExpr> Relation = Chain(AnyOf(Operator("<="), Operator(">="), Operator("<", "<"), Operator(">", ">")), Shift);
    static readonly Parser<UnitExpr> Equality = Chain(AnyOf(Operator("=="), Operator("!=")), Relation);
    static readonly Parser<UnitExpr> BitAnd = Chain(Operator("&", "&"), Equality);
    static readonly Parser<UnitExpr> BitXor = Chain(Operator("^"), BitAnd);
    static readonly Parser<UnitExpr> BitOr = Chain(Operator("|", "|"), BitXor);
    static readonly Parser<UnitExpr> And = Chain(Operator("&&"), BitOr);
    static readonly Parser<UnitExpr> Or = Chain(Operator("||"), And);

    static readonly Parser<UnitExpr> Conditional =
        from condition in Or
        from rest in (
            from question in Operator("?")
            from whenTrue in Parse.Ref(() => Conditional)
            from colon in Token(Parse.Char(':'))
            from whenFalse in Parse.Ref(() => Conditional)
            select (question.Column, whenTrue, whenFalse)).Optional()
        select rest.IsDefined ? new UnitConditional(condition, rest.Get().whenTrue, rest.Get().whenFalse, rest.Get().Column) : condition;

    static readonly Parser<UnitBody> Table =
        from _ in Space
        from column in Column
        from keyword in Parse.IgnoreCase("table").Text()
        from gap in Parse.WhiteSpace.AtLeastOnce()
        from start in Grammar.Expression
        from colon in Token(Parse.Char(':'))
        from values in Grammar.Expression.DelimitedBy(Token(Parse.Char(',')))
        from fallback in (from word in Token(Parse.IgnoreCase("default")) from value in Grammar.Expression select value).Optional()
        select (UnitBody)new TableBody(start, values.ToArray(), fallback.GetOrDefault(), column);

    static readonly Parser<UnitParameter> Parameter =
        from _ in Space from column in Column from name in Identifier from __ in Space select new UnitParameter(name, column);

    static Parser<FuncDirective> Definition(string text) =>
        from _ in Space
        from column in Column
        from keyword in Parse.Char('.').Then(_ => Parse.IgnoreCase("func")).Text()
        from gap in Parse.WhiteSpace.AtLeastOnce()
        from nameColumn in Column
        from name in Identifier
        from open in Token(Parse.Char('('))
        from parameters in Parameter.DelimitedBy(Token(Parse.Char(',')))
        from close in Token(Parse.Char(')'))
        from equalsSign in Token(Parse.Char('='))
        from body in Table.Or(Conditional.Select(e => (UnitBody)new ExpressionBody(e)))
        from end in Space
        select new FuncDirective(name, nameColumn, parameters.ToArray(), body, text.Trim(), column);

    /// <summary>Whether the line is a .func definition (which this grammar reads, not the line grammar).</summary>
    public static bool IsDefinition(string code) =>
        code.TrimStart().StartsWith(".func", StringComparison.OrdinalIgnoreCase) && (code.TrimStart().Length == 5 || !char.IsLetterOrDigit(code.TrimStart()[5]) && code.TrimStart()[5] != '_');

    public const string Forms = ".func NAME(x) = expression, .func NAME(x, y) = expression or .func NAME(x) = table FROM: v0, v1, ... [default V]";

    /// <summary>Parses a .func line (comment removed); on failure gives the column where reading stopped.</summary>
    public static bool TryParse(string code, out FuncDirective? definition, out int errorColumn, out string error)
    {
        definition = null;
        errorColumn = 0;
        error = "";
        try
        {
            var result = Definition(code).End().TryParse(code);
            if (result.WasSuccessful)
            {
                definition = result.Value;
                return true;
            }
            errorColumn = Math.Max(1, result.Remainder.Column);
            while (errorColumn <= code.Length && char.IsWhiteSpace(code[errorColumn - 1])) errorColumn++;
        }
        catch (InsufficientExecutionStackException)
        {
            errorColumn = 1;
        }
        string found = errorColumn > code.Length ? "the end of the line" : $"'{code[errorColumn - 1]}'";
        error = $"cannot read this function definition at {found}; expected {Forms}";
        return false;
    }
}
