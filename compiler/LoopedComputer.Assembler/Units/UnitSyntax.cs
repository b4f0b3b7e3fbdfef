namespace LoopedComputer.Assembly.Units;

// The syntax tree of a .func definition. Columns are 1-based positions in the source line, so an
// input where the expression is undefined is reported with a caret at the operator that fails.

/// <summary>An integer expression over the unit's arguments and the program's constants.</summary>
public abstract record UnitExpr(int Column);

public sealed record UnitNumber(string Text, int Column) : UnitExpr(Column);

/// <summary>An argument (x, y) or a constant.</summary>
public sealed record UnitName(string Name, int Column) : UnitExpr(Column);

/// <summary><c>-a</c>, <c>~a</c>, <c>!a</c>.</summary>
public sealed record UnitUnary(string Operator, UnitExpr Operand, int Column) : UnitExpr(Column);

/// <summary><c>a op b</c>; the column is the operator's.</summary>
public sealed record UnitBinary(string Operator, UnitExpr Left, UnitExpr Right, int Column) : UnitExpr(Column);

/// <summary><c>c ? a : b</c>: only the chosen branch is evaluated, so it can guard an undefined input.</summary>
public sealed record UnitConditional(UnitExpr Condition, UnitExpr WhenTrue, UnitExpr WhenFalse, int Column) : UnitExpr(Column);

/// <summary><c>min(a, b)</c>, <c>sigmoid(x, F)</c>, ...</summary>
public sealed record UnitCall(string Function, IReadOnlyList<UnitExpr> Arguments, int Column) : UnitExpr(Column);

/// <summary>What a unit computes: an expression, or a table of values from an input on.</summary>
public abstract record UnitBody;

public sealed record ExpressionBody(UnitExpr Expression) : UnitBody;

/// <summary><c>table FROM: v0, v1, ... [default V]</c>: v_i for x = FROM + i; other inputs give V, or are an error without one.</summary>
public sealed record TableBody(Expr From, IReadOnlyList<Expr> Values, Expr? Default, int Column) : UnitBody;

/// <summary>An argument of the definition, <c>x</c> in <c>.func f(x) = ...</c>.</summary>
public sealed record UnitParameter(string Name, int Column);

/// <summary><c>.func NAME(x[, y]) = body</c>; <see cref="Statement.Name"/> is "func", <see cref="UnitName"/> the unit's.</summary>
public sealed record FuncDirective(string UnitName, int NameColumn, IReadOnlyList<UnitParameter> Parameters, UnitBody Body, string Text, int Column)
    : Statement("func", Column, []);
