namespace LoopedComputer.Assembly;

// The syntax tree of one .lasm line. Columns are 1-based positions in the source line, so every
// diagnostic can point its caret at the exact token.

/// <summary>An expression; its meaning (cell, instruction, value) depends on where it stands.</summary>
public abstract record Expr(int Column);

/// <summary>A number as written (decimal, 0x hex, 0b binary); converted when evaluated.</summary>
public sealed record NumberExpr(string Text, int Column) : Expr(Column);

/// <summary>A bare name: a cell, a code label or a constant, depending on the context.</summary>
public sealed record NameExpr(string Name, int Column) : Expr(Column);

/// <summary><c>&amp;name</c>: the address of a cell (or the index of a code label) as a value.</summary>
public sealed record AddressOfExpr(string Name, int Column) : Expr(Column);

/// <summary><c>#value</c>: a cell in the constant pool that holds the value.</summary>
public sealed record LiteralExpr(Expr Value, int Column) : Expr(Column);

public sealed record NegateExpr(Expr Operand, int Column) : Expr(Column);

public sealed record BinaryExpr(char Operator, Expr Left, Expr Right, int Column) : Expr(Column);

/// <summary><c>[v1, v2, ...]</c>, used for array values in <c>.expect</c>.</summary>
public sealed record ListExpr(IReadOnlyList<Expr> Items, int Column) : Expr(Column);

/// <summary>An argument: an expression, or <c>name=value</c> / <c>name[i]=value</c>.</summary>
public abstract record Arg(int Column);

public sealed record ExprArg(Expr Expr) : Arg(Expr.Column);

public sealed record AssignArg(string Name, Expr? Index, Expr Value, int Column) : Arg(Column);

public sealed record LabelDef(string Name, int Column);

public abstract record Statement(string Name, int Column, IReadOnlyList<Arg> Args);

/// <summary><c>.name args [=&gt; args]</c>; only <c>.expect</c> uses the second group.</summary>
public sealed record Directive(string Name, int Column, IReadOnlyList<Arg> Args, IReadOnlyList<Arg>? Results)
    : Statement(Name, Column, Args);

/// <summary>A machine instruction, a pseudo-instruction or a macro call.</summary>
public sealed record InstructionStatement(string Name, int Column, IReadOnlyList<Arg> Args)
    : Statement(Name, Column, Args);

public sealed record Line(IReadOnlyList<LabelDef> Labels, Statement? Statement);
