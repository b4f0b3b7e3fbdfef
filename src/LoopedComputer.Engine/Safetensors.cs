using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace LoopedComputer.Engine;

/// <summary>One tensor of a safetensors file: its values row-major, stored as F32 or F64.</summary>
public sealed record NamedTensor(string Name, long[] Shape, double[] Values, bool Float64)
{
    public string Dtype => Float64 ? "F64" : "F32";

    public static NamedTensor Matrix(string name, double[,] matrix, bool float64)
    {
        var values = new double[matrix.Length];
        Buffer.BlockCopy(matrix, 0, values, 0, values.Length * sizeof(double));
        return new(name, [matrix.GetLength(0), matrix.GetLength(1)], values, float64);
    }

    public static NamedTensor Vector(string name, double[] vector, bool float64) => new(name, [vector.Length], vector, float64);

    public double[,] ToMatrix()
    {
        if (Shape.Length != 2) throw new InvalidDataException($"tensor '{Name}' has shape [{string.Join(", ", Shape)}], not a matrix");
        var matrix = new double[Shape[0], Shape[1]];
        Buffer.BlockCopy(Values, 0, matrix, 0, Values.Length * sizeof(double));
        return matrix;
    }
}

/// <summary>
/// The safetensors format: an 8-byte little-endian header length, a JSON header
/// {name: {dtype, shape, data_offsets: [begin, end)}, "__metadata__": {string: string}} padded with
/// spaces to a multiple of 8 bytes, then the tensors' raw little-endian bytes back to back
/// (offsets count from the end of the header).
/// </summary>
public static class Safetensors
{
    public static byte[] Encode(IReadOnlyList<NamedTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var header = new JsonObject { ["__metadata__"] = new JsonObject(metadata.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))) };
        long offset = 0;
        foreach (var tensor in tensors)
        {
            long expected = tensor.Shape.Aggregate(1L, (a, b) => a * b);
            if (expected != tensor.Values.Length) throw new ArgumentException($"tensor '{tensor.Name}': shape holds {expected} values, not {tensor.Values.Length}");
            long size = tensor.Values.Length * (tensor.Float64 ? 8L : 4L);
            header[tensor.Name] = new JsonObject
            {
                ["dtype"] = tensor.Dtype,
                ["shape"] = new JsonArray(tensor.Shape.Select(s => (JsonNode?)s).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + size),
            };
            offset += size;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (json.Length + 7) / 8 * 8;
        var bytes = new byte[8 + padded + offset];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)padded);
        json.CopyTo(bytes, 8);
        bytes.AsSpan(8 + json.Length, padded - json.Length).Fill((byte)' ');
        int at = 8 + padded;
        foreach (var tensor in tensors)
            foreach (double value in tensor.Values)
            {
                if (tensor.Float64) { BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(at), value); at += 8; }
                else { BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(at), (float)value); at += 4; }
            }
        return bytes;
    }

    /// <summary>Reads a file written by any safetensors writer (F32 and F64 only). Throws <see cref="InvalidDataException"/> for a malformed one.</summary>
    public static (List<NamedTensor> Tensors, Dictionary<string, string> Metadata) Decode(byte[] bytes)
    {
        if (bytes.Length < 8) throw new InvalidDataException("not a safetensors file: shorter than its 8-byte header length");
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (length > (ulong)(bytes.Length - 8)) throw new InvalidDataException($"not a safetensors file: header length {length} exceeds the file");
        var dataStart = 8 + (int)length;
        var header = JsonNode.Parse(bytes.AsSpan(8, (int)length)) as JsonObject
            ?? throw new InvalidDataException("not a safetensors file: the header is not a JSON object");
        var metadata = new Dictionary<string, string>();
        var tensors = new List<NamedTensor>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                foreach (var (key, value) in node!.AsObject()) metadata[key] = value!.GetValue<string>();
                continue;
            }
            string dtype = node!["dtype"]!.GetValue<string>();
            var shape = node["shape"]!.AsArray().Select(s => s!.GetValue<long>()).ToArray();
            var offsets = node["data_offsets"]!.AsArray().Select(s => s!.GetValue<long>()).ToArray();
            int width = dtype switch
            {
                "F64" => 8,
                "F32" => 4,
                _ => throw new InvalidDataException($"tensor '{name}': dtype {dtype} is not supported (F32 or F64)"),
            };
            long count = shape.Aggregate(1L, (a, b) => a * b);
            if (offsets[1] - offsets[0] != count * width || dataStart + offsets[1] > bytes.Length)
                throw new InvalidDataException($"tensor '{name}': data_offsets [{offsets[0]}, {offsets[1]}) do not hold shape [{string.Join(", ", shape)}] of {dtype}");
            var values = new double[count];
            var data = bytes.AsSpan(dataStart + (int)offsets[0]);
            for (int i = 0; i < count; i++)
                values[i] = width == 8 ? BinaryPrimitives.ReadDoubleLittleEndian(data[(i * 8)..]) : BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]);
            tensors.Add(new NamedTensor(name, shape, values, width == 8));
        }
        return (tensors, metadata);
    }
}
