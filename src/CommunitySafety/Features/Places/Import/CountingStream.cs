namespace CommunitySafety.Features.Places.Import;

/// <summary>
/// Read-only pass-through stream that counts bytes read (for progress) and, when asked, computes the
/// SHA-256 of everything read, so a file is hashed in the same pass that parses it.
/// </summary>
internal sealed class CountingStream(Stream inner, bool hash = false) : Stream
{
    private long _read;
    private readonly System.Security.Cryptography.IncrementalHash? _hash =
        hash ? System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256) : null;

    private string? _finalSha256;

    /// <summary>Lower-case hex SHA-256 of the bytes read (only when constructed with hashing); still available after disposal.</summary>
    public string Sha256 => _finalSha256 ?? Convert.ToHexStringLower(_hash!.GetCurrentHash());

    public long BytesRead => Interlocked.Read(ref _read);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _hash?.AppendData(buffer[..n]);
        return Add(n);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        _hash?.AppendData(buffer.Span[..n]);
        return Add(n);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Add(int n)
    {
        Interlocked.Add(ref _read, n);
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            if (_hash is not null && _finalSha256 is null)
            {
                _finalSha256 = Convert.ToHexStringLower(_hash.GetHashAndReset());
                _hash.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
