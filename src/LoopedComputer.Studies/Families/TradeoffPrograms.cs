using System.Text;
using LoopedComputer.Isa;

namespace LoopedComputer.Studies.Families;

/// <summary>The programs of study 5: the same computation written for less machine capacity.</summary>
public static class TradeoffPrograms
{
    /// <summary>Bits per limb on N-bit words: a limb product plus two limbs, 2^(2h) − 1, must stay below 2^(N−1).</summary>
    public static int LimbBits(int wordBits) => (wordBits - 1) / 2;

    /// <summary>
    /// a·b for <paramref name="operandBits"/>-bit a and b on N-bit words, as schoolbook multiplication
    /// of h-bit limbs (unrolled: mul, two adds, and, shr per limb pair): r holds the product's limbs,
    /// least significant first. With words wide enough for the whole product it is one limb.
    /// </summary>
    public static SizedProgram LimbProduct(int wordBits, int operandBits, long a, long b)
    {
        int h = LimbBits(wordBits);
        if (h < 1) throw new ArgumentException("limb products need words of at least 3 bits");
        int limbs = (operandBits + h - 1) / h;
        long mask = (1L << h) - 1;
        long[] Limbs(long value, int count) => Enumerable.Range(0, count).Select(i => (value >> (h * i)) & mask).ToArray();
        var source = new StringBuilder($"""
            .bits {wordBits}
            a:      .word {string.Join(", ", Limbs(a, limbs))}
            b:      .word {string.Join(", ", Limbs(b, limbs))}
            r:      .space {2 * limbs}
            carry:  .word 0
            t:      .word 0
            mask:   .word {mask}
            shift:  .word {h}

            """);
        for (int i = 0; i < limbs; i++)
        {
            source.Append("        clr carry\n");
            for (int j = 0; j < limbs; j++)
                source.Append($"""
                            mul t, a+{i}, b+{j}
                            add t, r+{i + j}
                            add t, carry
                            and r+{i + j}, t, mask
                            shr carry, t, shift

                    """);
            source.Append($"        mov r+{i + limbs}, carry\n");
        }
        source.Append("        halt\n");
        var program = ProgramFamilies.Assemble(source.ToString(), $"limb_product_N{wordBits}");
        return new SizedProgram(program, program.InitialMemory.ToArray(), [new NamedValues("r", Limbs(a * b, 2 * limbs))]);
    }

    /// <summary>x·y by shift-and-add on the FLEQ machine without its mul: one pass per bit of y; words as the multiply family's.</summary>
    public static SizedProgram ShiftAddMultiply(int operandBits)
    {
        long x = (1L << operandBits) - 1;
        var program = ProgramFamilies.Assemble($"""
            .bits {ProgramFamilies.ProductWordBits(operandBits)}
            x:      .word {x}
            y:      .word {x}
            result: .word 0
            bit:    .word 0
                    clr result
            loop:   jle y, done
                    and bit, y, #1
                    jle bit, skip
                    add result, x
            skip:   shl x, x, #1
                    shr y, y, #1
                    jmp loop
            done:   halt
            """, $"shift_add_{operandBits}");
        return new SizedProgram(program, program.InitialMemory.ToArray(), [new NamedValues("result", [x * x])]);
    }
}
