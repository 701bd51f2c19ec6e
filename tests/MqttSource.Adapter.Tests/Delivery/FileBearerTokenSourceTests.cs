using System.Buffers.Text;
using System.Text;
using MqttSource.Adapter.Delivery;
using MqttSource.Adapter.Tests.Support;
using MqttSource.Testing.Time;

namespace MqttSource.Adapter.Tests.Delivery;

/// <summary>PRODUCT.md §6: the OIDC token is re-read from its file (kubelet rotates it) before it expires.</summary>
public sealed class FileBearerTokenSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mqttsource-token-").FullName;
    private readonly ManualTimeProvider _time = new();
    private readonly TestLogs _logs = new();

    private string TokenPath => Path.Combine(_directory, "token");

    private FileBearerTokenSource Source() => new(TokenPath, _time, _logs.CreateLogger("test"));

    /// <summary>Replaces the file the way kubelet does: a new file renamed over the old one.</summary>
    private void WriteToken(string token)
    {
        var next = TokenPath + ".new";
        File.WriteAllText(next, token + "\n");
        File.Move(next, TokenPath, overwrite: true);
    }

    private string Jwt(string subject, DateTimeOffset expires)
    {
        static string Part(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
        return $"{Part("""{"alg":"RS256","typ":"JWT"}""")}.{Part($$"""{"aud":"http://sink.example","sub":"{{subject}}","exp":{{expires.ToUnixTimeSeconds()}}}""")}.c2lnbmF0dXJl";
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void GetToken_FileReplaced_NewTokenUsedAfterTheRefreshInterval()
    {
        WriteToken("token-1");
        var source = Source();
        Assert.Equal("token-1", source.GetToken());

        WriteToken("token-2");
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("token-1", source.GetToken());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("token-2", source.GetToken());
    }

    [Fact]
    public void GetToken_JwtFarFromExpiry_ReReadEveryMinute()
    {
        WriteToken(Jwt("first", _time.GetUtcNow().AddHours(1)));
        var source = Source();
        Assert.Contains('.', source.GetToken()!);

        var second = Jwt("second", _time.GetUtcNow().AddHours(2));
        WriteToken(second);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(second, source.GetToken());
    }

    [Fact]
    public void GetToken_JwtExpiringSoon_ReReadFiveMinutesBeforeItsExp()
    {
        // exp in 5 min 20 s: the regular minute would be too late, the source comes back at exp − 5 min = 20 s.
        var first = Jwt("first", _time.GetUtcNow() + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(20));
        WriteToken(first);
        var source = Source();
        Assert.Equal(first, source.GetToken());

        var second = Jwt("second", _time.GetUtcNow().AddHours(1));
        WriteToken(second);
        _time.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(first, source.GetToken());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(second, source.GetToken());
    }

    [Fact]
    public void GetToken_JwtAlreadyInsideTheMargin_ReReadWithinSeconds()
    {
        var first = Jwt("first", _time.GetUtcNow() + TimeSpan.FromMinutes(2));
        WriteToken(first);
        var source = Source();
        Assert.Equal(first, source.GetToken());

        WriteToken("rotated");
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("rotated", source.GetToken());
    }

    [Fact]
    public void GetToken_FileUnreadable_KeepsTheLastTokenAndLogs()
    {
        WriteToken("token-1");
        var source = Source();
        Assert.Equal("token-1", source.GetToken());

        File.Delete(TokenPath);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("token-1", source.GetToken());
        Assert.True(_logs.Contains(30), _logs.ToString());

        WriteToken("token-2");
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("token-2", source.GetToken());
    }

    [Fact]
    public void GetToken_NoFileFromTheStart_NoTokenAndLogs()
    {
        var source = Source();

        Assert.Null(source.GetToken());
        Assert.True(_logs.Contains(30), _logs.ToString());
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b")]
    [InlineData("a.!!!.c")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln")]
    public void ExpiresAt_NotAJwtOrNoExp_Null(string token) => Assert.Null(FileBearerTokenSource.ExpiresAt(token));

    [Fact]
    public void ExpiresAt_Jwt_TheExpClaim()
    {
        var exp = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(exp, FileBearerTokenSource.ExpiresAt(Jwt("x", exp)));
    }
}
