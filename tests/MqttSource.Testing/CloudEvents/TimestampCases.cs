using Xunit;

namespace MqttSource.Testing.CloudEvents;

/// <summary>
/// RFC 3339 timestamps as the CloudEvents SDK reads the <c>time</c> attribute: valid ones with their canonical form
/// (offset kept, fraction to 100 ns), invalid ones. The SDK also refuses a lower-case 't'/'z' (RFC 3339 allows them)
/// and takes an empty fraction ("00.Z"); both are its behaviour, stated here.
/// </summary>
public static class TimestampCases
{
    /// <summary>The text and its canonical form.</summary>
    public static TheoryData<string, string> Valid => new()
    {
        { "2018-04-05T17:31:00Z", "2018-04-05T17:31:00Z" },
        { "1985-04-12T23:20:50.52Z", "1985-04-12T23:20:50.520Z" },
        { "1996-12-19T16:39:57-08:00", "1996-12-19T16:39:57-08:00" },
        { "1937-01-01T12:00:27.87+00:20", "1937-01-01T12:00:27.870+00:20" },
        { "2024-02-29T00:00:00.0000001+14:00", "2024-02-29T00:00:00.0000001+14:00" },
        { "2024-01-01T00:00:00.123456789Z", "2024-01-01T00:00:00.1234567Z" },
        { "2024-01-01T00:00:00.000Z", "2024-01-01T00:00:00Z" },
        { "2024-01-01T00:00:00+00:00", "2024-01-01T00:00:00Z" },
        { "2024-01-01T00:00:00-00:00", "2024-01-01T00:00:00Z" },
        { "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z" },
        { "9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999Z" },
        { "2018-04-05T17:31:00.Z", "2018-04-05T17:31:00Z" },
    };

    /// <summary>Texts that are not a timestamp the SDK takes.</summary>
    public static TheoryData<string> Invalid => new()
    {
        "2018-04-05",
        "2018-04-05T17:31:00",
        "2018-04-05 17:31:00Z",
        "2018-04-05T17:31Z",
        "2018-13-05T17:31:00Z",
        "2018-02-30T17:31:00Z",
        "2018-04-05T24:00:00Z",
        "2018-04-05T17:60:00Z",
        "1990-12-31T23:59:60Z",
        "2018-04-05T17:31:00+0200",
        "2018-04-05T17:31:00+15:00",
        "2018-04-05T17:31:00+02:60",
        "2018-04-05T17:31:00ZZ",
        "0001-01-01T00:00:00+01:00",
        "18-04-05T17:31:00Z",
        "２０１８-04-05T17:31:00Z",
        "2018-04-05t17:31:00z",
        "yesterday",
    };
}
