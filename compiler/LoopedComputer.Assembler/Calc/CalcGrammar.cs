using System.Numerics;
using Sprache;

namespace LoopedComputer.Assembly.Calc;

/// <summary>
/// The calculator's grammar (docs/calc.md):
/// <code>
/// calculation := expr end
/// expr        := term (('+' | '-' | '−') term)*
/// term        := unary (('*' | '×' | '/' | '÷' | '%' | 'mod') unary)*
/// unary       := ('-' | '−') unary | primary
/// primary     := integer | '(' expr ')' | 'sqrt' '(' expr ')'
/// integer     := digit (digit | '_')*
/// </code>
/// Space may stand between any two tokens; a word ('mod', 'sqrt') does not run into a following
/// letter or digit. The grammar commits as soon as a token decides what follows (an operand after
/// an operator, ')' after '(' expr), so an error is a <see cref="CalcException"/> at the first
/// character that cannot be read, saying what was expected there.
/// </summary>
public static class CalcGrammar
{
    /// <summary>How deep expressions (in parentheses or sqrt) and negations may nest.</summary>
    const int MaxDepth = 200;

    public static CalcExpression ParseExpression(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new CalcException(1, "the expression is empty; write one such as \"(2 + 3) * 4\"");
        return Calculation.Parse(text);
    }

    // Tokens first: static fields are initialised in order, and the rules below use these.

    static readonly Parser<string> Space = Parse.WhiteSpace.Many().Text();

    static readonly Parser<int> Column = input => Result.Success(input.Position + 1, input);

    /// <summary>The column of the next token, after the space before it.</summary>
    static readonly Parser<int> TokenColumn = from _ in Space from column in Column select column;

    /// <summary>A word that is not the start of a longer name ('modx', 'sqrt2').</summary>
    static Parser<string> Word(string word) =>
        from text in Parse.String(word).Text() from _ in Parse.Not(Parse.LetterOrDigit) select text;

    /// <summary>One of the spellings of an operator, with its column.</summary>
    static Parser<(CalcOperator, int)> Operator(CalcOperator op, params string[] spellings) =>
        from column in TokenColumn
        from _ in spellings.Select(s => char.IsLetter(s[0]) ? Word(s) : Parse.String(s).Text()).Aggregate((a, b) => a.Or(b))
        select (op, column);

    /// <summary>operand (operator operand)*, grouped to the left; each operator's node has its column.</summary>
    static Parser<CalcExpression> LeftAssociative(Parser<(CalcOperator Operator, int Column)> op, Parser<CalcExpression> operand) =>
        from first in operand
        from rest in (from o in op from right in operand select (o, right)).Many()
        select rest.Aggregate(first, (left, next) => new CalcBinary(next.o.Operator, left, next.right, next.o.Column));

    /// <summary>The character <paramref name="expected"/> after any space, or the error <paramref name="message"/> where it should be.</summary>
    static Parser<char> Expect(char expected, string message) =>
        from _ in Space
        from c in Parse.Char(expected).Or(Refuse<char>(_ => message))
        select c;

    /// <summary>
    /// Reads nothing; throws a <see cref="CalcException"/> at the next character when
    /// <paramref name="problem"/> names one for it (null: at the end of the text).
    /// </summary>
    static Parser<T?> Refuse<T>(Func<char?, string?> problem) =>
        input => problem(input.AtEnd ? null : input.Current) is { } message
            ? throw new CalcException(input.Position + 1, message)
            : Result.Success<T?>(default, input);

    static Parser<object?> Refuse(Func<char?, string?> problem) => Refuse<object>(problem);

    static Parser<T> TooDeep<T>(int? column = null) =>
        input => throw new CalcException(column ?? input.Position + 1, $"the expression nests more than {MaxDepth} deep");

    // ---- rules --------------------------------------------------------------------------------------

    /// <summary>An expression at nesting depth <paramref name="depth"/> (the whole calculation is at 1).</summary>
    static Parser<CalcExpression> Expression(int depth) =>
        depth > MaxDepth ? TooDeep<CalcExpression>() : LeftAssociative(AddOperator, Term(depth));

    static Parser<CalcExpression> Term(int depth) => LeftAssociative(MultiplyOperator, Unary(depth));

    static Parser<CalcExpression> Unary(int depth) =>
        (from column in TokenColumn
         from minus in Minus
         from operand in depth + 1 > MaxDepth ? TooDeep<CalcExpression>(column) : Parse.Ref(() => Unary(depth + 1))
         select (CalcExpression)new CalcNegate(operand, column))
        .Or(Primary(depth));

    static Parser<CalcExpression> Primary(int depth) =>
        from _ in Space
        from primary in Integer.Or(Parenthesised(depth)).Or(Sqrt(depth)).Or(NoOperand)
        select primary;

    static readonly Parser<CalcExpression> Integer =
        from column in Column
        from first in Parse.Char(char.IsAsciiDigit, "digit")
        from rest in Parse.Char(c => char.IsAsciiDigit(c) || c == '_', "digit").Many().Text()
        from end in Refuse(next => next switch
        {
            '.' => "only integers in the expression: fixed point comes from sqrt (see --frac)",
            char c when char.IsLetter(c) => $"unexpected '{c}' in a number",
            _ => null,
        })
        select (CalcExpression)new CalcNumber(BigInteger.Parse((first + rest).Replace("_", "")), column);

    static Parser<CalcExpression> Parenthesised(int depth) =>
        from open in Column
        from _ in Parse.Char('(')
        from inner in Parse.Ref(() => Expression(depth + 1))
        from close in Expect(')', $"expected ')' to close the '(' at column {open}")
        select inner;

    static Parser<CalcExpression> Sqrt(int depth) =>
        from column in Column
        from _ in Word("sqrt")
        from open in TokenColumn
        from paren in Expect('(', "expected '(' after sqrt")
        from operand in Parse.Ref(() => Expression(depth + 1))
        from close in Expect(')', $"expected ')' to close the '(' at column {open}")
        select (CalcExpression)new CalcSqrt(operand, column);

    static readonly Parser<CalcExpression> NoOperand = Refuse<CalcExpression>(next => next switch
    {
        null => "unexpected end; expected a number, '(' or sqrt(",
        char c when char.IsLetter(c) => $"unknown name starting at '{c}'; the only function is sqrt",
        char c => $"unexpected '{c}'; expected a number, '(' or sqrt(",
    });

    static readonly Parser<(CalcOperator, int)> AddOperator =
        Operator(CalcOperator.Add, "+").Or(Operator(CalcOperator.Subtract, "-", "−"));

    static readonly Parser<(CalcOperator, int)> MultiplyOperator =
        Operator(CalcOperator.Multiply, "*", "×").Or(Operator(CalcOperator.Divide, "/", "÷")).Or(Operator(CalcOperator.Modulo, "%", "mod"));

    static readonly Parser<string> Minus = Parse.String("-").Or(Parse.String("−")).Text();

    // Last, as it uses every rule above.
    static readonly Parser<CalcExpression> Calculation =
        from expression in Expression(1)
        from _ in Space
        from end in Refuse(next => next switch
        {
            null => null,
            ')' => "unexpected ')': no '(' is open",
            _ => $"unexpected '{next}'; expected an operator (+ - * / % mod) or the end",
        })
        select expression;
}
