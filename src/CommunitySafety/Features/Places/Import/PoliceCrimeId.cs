using System.Buffers.Binary;

namespace CommunitySafety.Features.Places.Import;

/// <summary>
/// A police.uk Crime ID: 64 hexadecimal characters, i.e. a 32-byte hash (reference 2.9). Held as four
/// 64-bit words so a row carries it without allocating a string; stored as a 32-byte blob.
/// </summary>
public readonly record struct PoliceCrimeId(ulong A, ulong B, ulong C, ulong D)
{
    public const int ByteLength = 32;

    /// <summary>Parses exactly 64 hexadecimal characters (UTF-8 bytes, either case).</summary>
    public static bool TryParseHex(ReadOnlySpan<byte> utf8, out PoliceCrimeId id)
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        if (utf8.Length != ByteLength * 2
            || Convert.FromHexString(utf8, bytes, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != ByteLength)
        {
            id = default;
            return false;
        }

        id = FromBytes(bytes);
        return true;
    }

    private static PoliceCrimeId FromBytes(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt64BigEndian(bytes),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));

    /// <summary>Writes the 32 bytes in their published order.</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, A);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], B);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], C);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], D);
    }

    /// <summary>The 64 lower-case hexadecimal characters police.uk publishes.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
