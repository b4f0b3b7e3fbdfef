using System.Numerics;

namespace LoopedComputer.Assembly.Calc;

/// <summary>
/// Reads a calculator expression by recursive descent:
/// <code>
/// expr    := term (('+' | '-') term)*
/// term    := unary (('*' | '×' | '/' | '÷' | '%' | 'mod') unary)*
/// unary   := '-' unary | primary
/// primary := integer | '(' expr ')' | 'sqrt' '(' expr ')'
/// </code>
/// '−' (U+2212) is a minus too. Errors are <see cref="CalcException"/>s at the offending character.
/// </summary>
public sealed class CalcParser
{
    const int MaxDepth = 200;
    readonly string text;
    int position;   // 0-based
    int depth;

    CalcParser(string text) => this.text = text;

    public static CalcExpression Parse(string text)
    {
        var parser = new CalcParser(text);
        parser.SkipSpace();
        if (parser.AtEnd) throw new CalcException(1, "the expression is empty; write one such as \"(2 + 3) * 4\"");
        var expression = parser.Expression();
        parser.SkipSpace();
        if (!parser.AtEnd)
            throw new CalcException(parser.Column, parser.Peek == ')' ? "unexpected ')': no '(' is open" : $"unexpected '{parser.Peek}'; expected an operator (+ - * / % mod) or the end");
        return expression;
    }

    bool AtEnd => position >= text.Length;
    char Peek => text[position];
    int Column => position + 1;

    void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(Peek)) position++;
    }

    bool Accept(string token)
    {
        SkipSpace();
        if (string.CompareOrdinal(text, position, token, 0, token.Length) != 0) return false;
        // A word operator must not run into a following letter ('modx').
        if (char.IsLetter(token[0]) && position + token.Length < text.Length && char.IsLetterOrDigit(text[position + token.Length])) return false;
        position += token.Length;
        return true;
    }

    CalcExpression Expression()
    {
        if (++depth > MaxDepth) throw new CalcException(Column, $"the expression nests more than {MaxDepth} deep");
        var left = Term();
        while (true)
        {
            SkipSpace();
            int column = Column;
            if (Accept("+")) left = new CalcBinary(CalcOperator.Add, left, Term(), column);
            else if (Accept("-") || Accept("−")) left = new CalcBinary(CalcOperator.Subtract, left, Term(), column);
            else break;
        }
        depth--;
        return left;
    }

    CalcExpression Term()
    {
        var left = Unary();
        while (true)
        {
            SkipSpace();
            int column = Column;
            CalcOperator? op = Accept("*") || Accept("×") ? CalcOperator.Multiply
                : Accept("/") || Accept("÷") ? CalcOperator.Divide
                : Accept("%") || Accept("mod") ? CalcOperator.Modulo
                : null;
            if (op is null) return left;
            left = new CalcBinary(op.Value, left, Unary(), column);
        }
    }

    CalcExpression Unary()
    {
        SkipSpace();
        int column = Column;
        if (Accept("-") || Accept("−"))
        {
            if (++depth > MaxDepth) throw new CalcException(column, $"the expression nests more than {MaxDepth} deep");
            var operand = Unary();
            depth--;
            return new CalcNegate(operand, column);
        }
        return Primary();
    }

    CalcExpression Primary()
    {
        SkipSpace();
        int column = Column;
        if (AtEnd) throw new CalcException(column, "unexpected end; expected a number, '(' or sqrt(");
        if (char.IsAsciiDigit(Peek))
        {
            while (!AtEnd && (char.IsAsciiDigit(Peek) || Peek == '_')) position++;
            if (!AtEnd && (char.IsLetter(Peek) || Peek == '.'))
                throw new CalcException(Column, Peek == '.' ? "only integers in the expression: fixed point comes from sqrt (see --frac)" : $"unexpected '{Peek}' in a number");
            return new CalcNumber(BigInteger.Parse(text[(column - 1)..position].Replace("_", "")), column);
        }
        if (Accept("("))
        {
            var inner = Expression();
            SkipSpace();
            if (!Accept(")")) throw new CalcException(Column, $"expected ')' to close the '(' at column {column}");
            return inner;
        }
        if (Accept("sqrt"))
        {
            SkipSpace();
            int open = Column;
            if (!Accept("(")) throw new CalcException(open, "expected '(' after sqrt");
            var operand = Expression();
            if (!Accept(")")) throw new CalcException(Column, $"expected ')' to close the '(' at column {open}");
            return new CalcSqrt(operand, column);
        }
        string what = char.IsLetter(Peek) ? $"unknown name starting at '{Peek}'; the only function is sqrt" : $"unexpected '{Peek}'; expected a number, '(' or sqrt(";
        throw new CalcException(column, what);
    }
}
