using System.Numerics;

namespace LoopedComputer.Assembly.Calc;

/// <summary>A calculator expression; Column is the 1-based position of its operator or first character.</summary>
public abstract record CalcExpression(int Column);

public sealed record CalcNumber(BigInteger Value, int Column) : CalcExpression(Column);

public sealed record CalcNegate(CalcExpression Operand, int Column) : CalcExpression(Column);

public sealed record CalcSqrt(CalcExpression Operand, int Column) : CalcExpression(Column);

public enum CalcOperator { Add, Subtract, Multiply, Divide, Modulo }

public sealed record CalcBinary(CalcOperator Operator, CalcExpression Left, CalcExpression Right, int Column) : CalcExpression(Column);

/// <summary>A problem with an expression at a column: a parse error, an overflow, a division by zero.</summary>
public sealed class CalcException(int column, string message) : Exception(message)
{
    public int Column { get; } = column;

    /// <summary>The message with the expression and a caret under the column.</summary>
    public string Format(string expression) =>
        $"error: {Message}\n  {expression}\n  {new string(' ', Math.Clamp(Column - 1, 0, expression.Length))}^";
}
