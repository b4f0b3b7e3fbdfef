using System.Runtime.CompilerServices;
using Sprache;

namespace LoopedComputer.Assembly;

/// <summary>
/// The .lasm grammar, one line at a time (a comment runs from ';' to the end of the line):
/// <code>
/// line        := label* statement?
/// label       := name ':'
/// statement   := '.macro' name args                 macro definition (parameters after the name)
///              | '.' name args ('=>' args)?        directive
///              | name args                          instruction, pseudo-instruction or macro call
/// args        := arg (',' arg)*
/// arg         := name ('[' expr ']')? '=' value     assignment (.const, .expect)
///              | operand
/// value       := '[' operand (',' operand)* ']' | operand
/// operand     := '#' expr                           a literal, placed in the constant pool
///              | expr
/// expr        := term (('+' | '-') term)*
/// term        := unary ('*' unary)*
/// unary       := '-' unary | '&amp;' name | name | number | '(' expr ')'
/// name        := '@'? (letter | '_') (letter | digit | '_')*      '@' marks a macro-local name
/// number      := digits | '0x' hexdigits | '0b' bits
/// </code>
/// </summary>
public static class Grammar
{
    // Any whitespace separates tokens (a line holds no '\n'), so a stray '\r' or form feed is not an error.
    static readonly Parser<string> Space = Parse.WhiteSpace.Many().Text();

    static Parser<T> Token<T>(Parser<T> parser) => from _ in Space from value in parser from __ in Space select value;

    static readonly Parser<int> Column = input => Result.Success(input.Column, input);

    static Parser<char> Symbol(char c) => Token(Parse.Char(c));

    public static readonly Parser<string> Name =
        from at in Parse.Char('@').Optional()
        from first in Parse.Letter.Or(Parse.Char('_'))
        from rest in Parse.LetterOrDigit.Or(Parse.Char('_')).Many().Text()
        select (at.IsDefined ? "@" : "") + first + rest;

    static readonly Parser<string> NumberText =
        Parse.String("0x").Or(Parse.String("0X")).Or(Parse.String("0b")).Or(Parse.String("0B")).Text()
            .Then(prefix => Parse.LetterOrDigit.Or(Parse.Char('_')).AtLeastOnce().Text().Select(digits => prefix + digits))
            .Or(Parse.Digit.AtLeastOnce().Then(digits =>
                Parse.LetterOrDigit.Or(Parse.Char('_')).Many().Text().Select(more => new string(digits.ToArray()) + more)));

    static Parser<Expr> Located(Func<int, Parser<Expr>> make) =>
        from _ in Space from column in Column from value in make(column) from __ in Space select value;

    static readonly Parser<Expr> Number = Located(column => NumberText.Select(text => (Expr)new NumberExpr(text, column)));

    static readonly Parser<Expr> NameReference = Located(column => Name.Select(name => (Expr)new NameExpr(name, column)));

    static readonly Parser<Expr> AddressOf = Located(column =>
        from _ in Parse.Char('&') from __ in Space from name in Name select (Expr)new AddressOfExpr(name, column));

    static readonly Parser<Expr> Negate = Located(column =>
        from _ in Parse.Char('-') from operand in Nested(Parse.Ref(() => Unary)) select (Expr)new NegateExpr(operand, column));

    static readonly Parser<Expr> Parenthesised =
        from _ in Symbol('(') from inner in Nested(Parse.Ref(() => Expression)) from __ in Symbol(')') select inner;

    /// <summary>
    /// A recursive step of the grammar, with a stack check: a line like '((((…' or '----…' thousands deep
    /// must become a diagnostic (see <see cref="TryParseLine"/>), not a stack overflow that ends the process.
    /// </summary>
    static Parser<T> Nested<T>(Parser<T> parser) =>
        input =>
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return parser(input);
        };

    static readonly Parser<Expr> Unary = Negate.Or(AddressOf).Or(Number).Or(NameReference).Or(Parenthesised);

    static Parser<Expr> Chain(Parser<char> op, Parser<Expr> operand) =>
        Parse.ChainOperator(op, operand, (o, left, right) => new BinaryExpr(o, left, right, left.Column));

    static readonly Parser<Expr> Term = Chain(Symbol('*'), Unary);

    public static readonly Parser<Expr> Expression = Chain(Symbol('+').Or(Symbol('-')), Term);

    static readonly Parser<Expr> Operand = Located(column =>
        from _ in Parse.Char('#') from value in Expression select (Expr)new LiteralExpr(value, column)).Or(Expression);

    static readonly Parser<Expr> List = Located(column =>
        from _ in Parse.Char('[')
        from items in Operand.DelimitedBy(Symbol(',')).Optional()
        from __ in Symbol(']')
        select (Expr)new ListExpr(items.GetOrElse([]).ToArray(), column));

    static readonly Parser<Arg> Assignment =
        from _ in Space
        from column in Column
        from name in Name
        from index in (from open in Symbol('[') from i in Expression from close in Symbol(']') select i).Optional()
        from eq in Symbol('=')
        from notArrow in Parse.Not(Parse.Char('>'))
        from value in List.Or(Operand)
        select (Arg)new AssignArg(name, index.GetOrDefault(), value, column);

    static readonly Parser<Arg> Argument = Assignment.Or(Operand.Select(e => (Arg)new ExprArg(e)));

    static readonly Parser<IReadOnlyList<Arg>> Arguments =
        Argument.DelimitedBy(Symbol(',')).Optional().Select(a => (IReadOnlyList<Arg>)a.GetOrElse([]).ToArray());

    static readonly Parser<Statement> DirectiveStatement =
        from _ in Space
        from column in Column
        from dot in Parse.Char('.')
        from name in Name
        from args in Arguments
        from results in (from arrow in Token(Parse.String("=>")) from r in Arguments select r).Optional()
        select (Statement)new Directive(name.ToLowerInvariant(), column, args, results.GetOrDefault());

    /// <summary><c>.macro name p1, p2</c>: the name is separated from the parameters by space, not a comma.</summary>
    static readonly Parser<Statement> MacroDefinition =
        from _ in Space
        from column in Column
        from keyword in Parse.Char('.').Then(_ => Parse.IgnoreCase("macro")).Text()
        from gap in Parse.WhiteSpace.AtLeastOnce()
        from nameColumn in Column
        from name in Name
        from args in Arguments
        select (Statement)new Directive("macro", column, [new ExprArg(new NameExpr(name, nameColumn)), .. args], null);

    static readonly Parser<Statement> Instruction =
        from _ in Space
        from column in Column
        from name in Name
        from args in Arguments
        select (Statement)new InstructionStatement(name, column, args);

    static readonly Parser<LabelDef> Label =
        from _ in Space from column in Column from name in Name from colon in Symbol(':') select new LabelDef(name, column);

    static readonly Parser<Line> LineParser =
        from labels in Label.Many()
        from statement in MacroDefinition.Or(DirectiveStatement).Or(Instruction).Optional()
        from _ in Space
        from end in Parse.LineEnd.Or(Parse.Return(""))
        select new Line(labels.ToArray(), statement.GetOrDefault());

    /// <summary>Parses one line (comment already removed). On failure gives the column and a message.</summary>
    public static bool TryParseLine(string text, out Line line, out int errorColumn, out string error)
    {
        line = new Line([], null);
        try
        {
            var result = LineParser.End().TryParse(text);
            if (result.WasSuccessful)
            {
                line = result.Value;
                errorColumn = 0;
                error = "";
                return true;
            }
            errorColumn = FailureColumn(text, result.Remainder.Column);
            error = Describe(text, errorColumn);
        }
        catch (InsufficientExecutionStackException)
        {
            errorColumn = SkipSpace(text, 1);
            error = "this line nests expressions too deeply";
        }
        return false;
    }

    /// <summary>
    /// Sprache backtracks to the start of the alternative that failed, which is where the line stops
    /// making sense; the caret should show the first character that cannot be read from there.
    /// </summary>
    static int FailureColumn(string text, int sprachColumn)
    {
        int column = SkipSpace(text, Math.Max(1, sprachColumn));
        // A ',' that stopped the argument list is fine itself when what follows cannot be read: that is
        // the problem ('mov x, , y'). When an argument does follow, the ',' is ('mov , x').
        if (CharAt(text, column) == ',' && !Argument.TryParse(text[column..]).WasSuccessful)
            column = SkipSpace(text, column + 1);
        // Likewise an operator with no operand after it ('1 +', '#', '1 + * 2'): the caret goes past it.
        if (CharAt(text, column) is '+' or '-' or '*' or '#' or '&' && !Operand.TryParse(text[column..]).WasSuccessful)
            column = SkipSpace(text, column + 1);
        return column;
    }

    static char CharAt(string text, int column) => column <= text.Length ? text[column - 1] : '\n';

    static int SkipSpace(string text, int column)
    {
        while (column <= text.Length && char.IsWhiteSpace(text[column - 1])) column++;
        return column;
    }

    static string Describe(string text, int column)
    {
        if (column > text.Length) return "unexpected end of line; expected an operand";
        char c = text[column - 1];
        return c switch
        {
            ',' => "unexpected ','; expected an operand",
            '(' when !IsClosed(text, column) => "unexpected '(' without a matching ')'",
            ')' => "unexpected ')'; no '(' is open",
            ']' => "unexpected ']'",
            '"' or '\'' => "strings are not part of .lasm; use numbers",
            _ when char.IsControl(c) => $"unexpected control character U+{(int)c:X4}",
            _ => $"unexpected '{c}'; expected an operand, ',' or the end of the line",
        };
    }

    /// <summary>Whether the '(' at <paramref name="column"/> has a matching ')' later on the line.</summary>
    static bool IsClosed(string text, int column)
    {
        int depth = 0;
        for (int i = column - 1; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0) return true;
        }
        return false;
    }
}
