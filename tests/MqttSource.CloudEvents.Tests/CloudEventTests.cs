using Xunit;
using MqttSource.Testing.CloudEvents;

namespace MqttSource.CloudEvents.Tests;

public sealed class CloudEventTests
{
    [Fact]
    public void Validate_AllRequiredMissing_ReportsEveryMissingAttribute()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new CloudEvent().Validate());
        Assert.Contains("id, source, type", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SomeMissing_ReportsOnlyThose()
    {
        var cloudEvent = new CloudEvent { Id = "1" };
        Assert.Equal(["source", "type"], cloudEvent.GetMissingRequiredAttributes());
        Assert.False(cloudEvent.IsValid);
    }

    [Fact]
    public void Validate_Complete_ReturnsEvent()
    {
        var cloudEvent = TestEvents.Minimal();
        Assert.Same(cloudEvent, cloudEvent.Validate());
        Assert.True(cloudEvent.IsValid);
        Assert.Empty(cloudEvent.GetMissingRequiredAttributes());
    }

    [Theory]
    [InlineData("id")]
    [InlineData("type")]
    [InlineData("subject")]
    [InlineData("datacontenttype")]
    public void Indexer_EmptyCoreString_ThrowsNamingAttribute(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => new CloudEvent()[name] = "");
        Assert.Equal(name, ex.ParamName);
        Assert.Contains($"'{name}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Id_ControlCharacter_ThrowsNamingAttribute()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CloudEvent { Id = "a\nb" });
        Assert.Equal("id", ex.ParamName);
        Assert.Contains("U+000A", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_EmptyUri_ThrowsNamingAttribute()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CloudEvent { Source = new Uri("", UriKind.Relative) });
        Assert.Equal("source", ex.ParamName);
    }

    [Theory]
    [InlineData("/relative/path")]
    [InlineData("relative")]
    public void DataSchema_RelativeUri_Throws(string uri)
    {
        var ex = Assert.Throws<ArgumentException>(() => new CloudEvent { DataSchema = new Uri(uri, UriKind.RelativeOrAbsolute) });
        Assert.Equal("dataschema", ex.ParamName);
    }

    [Fact]
    public void Indexer_WrongClrTypeForCoreAttribute_ThrowsNamingAttribute()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CloudEvent()["source"] = "/not-a-uri-object");
        Assert.Equal("source", ex.ParamName);
        Assert.Contains("URI-reference", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_SpecVersionOtherThan10_Throws()
    {
        var cloudEvent = new CloudEvent();
        Assert.Throws<ArgumentException>(() => cloudEvent["specversion"] = "0.3");
        cloudEvent["specversion"] = "1.0";
        Assert.Equal("1.0", cloudEvent["specversion"]);
    }

    [Theory]
    [InlineData("UPPER")]
    [InlineData("with-dash")]
    [InlineData("with_underscore")]
    [InlineData("")]
    [InlineData("ümlaut")]
    public void Indexer_InvalidExtensionName_Throws(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => new CloudEvent()[name] = "x");
        Assert.Contains("a-z", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("data")]
    [InlineData("data_base64")]
    public void CreateExtension_ReservedName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => CloudEventAttribute.CreateExtension(name, CloudEventAttributeType.String));
    }

    [Theory]
    [InlineData("specversion")]
    [InlineData("id")]
    [InlineData("source")]
    [InlineData("type")]
    [InlineData("datacontenttype")]
    [InlineData("dataschema")]
    [InlineData("subject")]
    [InlineData("time")]
    public void CreateExtension_CoreAttributeName_ThrowsReserved(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => CloudEventAttribute.CreateExtension(name, CloudEventAttributeType.String));
        Assert.Contains("reserved", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_TypedExtensionValues_InferTypes()
    {
        var cloudEvent = TestEvents.Minimal();
        cloudEvent["ext1"] = "text";
        cloudEvent["ext2"] = -5;
        cloudEvent["ext3"] = false;
        cloudEvent["ext4"] = new byte[] { 1, 2, 3 };
        cloudEvent["ext5"] = new Uri("https://example.com/");
        cloudEvent["ext6"] = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero);
        Assert.Equal(
            ["ext1:String=text", "ext2:Integer=-5", "ext3:Boolean=false", "ext4:Binary=AQID",
             "ext5:URI-reference=https://example.com/", "ext6:Timestamp=2020-01-02T03:04:05Z"],
            TestEvents.Extensions(cloudEvent));
    }

    [Fact]
    public void Indexer_UnsupportedClrType_ThrowsNamingAttribute()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CloudEvent()["ext"] = 1.5);
        Assert.Contains("'ext'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_WrongTypeForExistingExtension_Throws()
    {
        var cloudEvent = new CloudEvent { ["count"] = 1 };
        var ex = Assert.Throws<ArgumentException>(() => cloudEvent["count"] = "one");
        Assert.Equal("count", ex.ParamName);
    }

    [Fact]
    public void Indexer_SetNull_RemovesExtension()
    {
        var cloudEvent = new CloudEvent { ["ext"] = "x" };
        cloudEvent["ext"] = null;
        Assert.Null(cloudEvent["ext"]);
        Assert.Empty(cloudEvent.ExtensionAttributes);
    }

    [Fact]
    public void Indexer_ReplaceExtension_KeepsOrder()
    {
        var cloudEvent = new CloudEvent { ["b"] = "1", ["a"] = "2" };
        cloudEvent["b"] = "3";
        Assert.Equal(["b", "a"], cloudEvent.ExtensionAttributes.Select(attribute => attribute.Name));
        Assert.Equal("3", cloudEvent["b"]);
    }

    [Fact]
    public void SetAttributeFromString_KnownExtension_ParsesTypedValue()
    {
        var count = CloudEventAttribute.CreateExtension("count", CloudEventAttributeType.Integer);
        var cloudEvent = new CloudEvent([count]);
        cloudEvent.SetAttributeFromString("count", "-2147483648");
        Assert.Equal(int.MinValue, cloudEvent["count"]);
        Assert.Same(count, cloudEvent.GetAttribute("count"));
    }

    [Fact]
    public void SetAttributeFromString_KnownExtensionBadValue_ThrowsNamingAttribute()
    {
        var cloudEvent = new CloudEvent([CloudEventAttribute.CreateExtension("count", CloudEventAttributeType.Integer)]);
        var ex = Assert.Throws<ArgumentException>(() => cloudEvent.SetAttributeFromString("count", "2147483648"));
        Assert.Contains("'count'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetAttributeFromString_UnknownExtension_BecomesString()
    {
        var cloudEvent = new CloudEvent();
        cloudEvent.SetAttributeFromString("ext", "42");
        Assert.Equal("42", cloudEvent["ext"]);
    }

    [Fact]
    public void SetAttributeFromString_CoreAttributes_AreTyped()
    {
        var cloudEvent = new CloudEvent();
        cloudEvent.SetAttributeFromString("source", "/a/b");
        cloudEvent.SetAttributeFromString("time", "2024-05-01T12:00:00.5+02:00");
        cloudEvent.SetAttributeFromString("dataschema", "urn:example:schema");
        Assert.Equal("/a/b", cloudEvent.Source!.OriginalString);
        Assert.Equal(TimeSpan.FromHours(2), cloudEvent.Time!.Value.Offset);
        Assert.Equal("urn:example:schema", cloudEvent.DataSchema!.OriginalString);
    }

    [Fact]
    public void TrySetAttributeFromString_BadSpecVersion_ReturnsError()
    {
        Assert.False(new CloudEvent().TrySetAttributeFromString("specversion", "0.3", out var error));
        Assert.Contains("0.3", error, StringComparison.Ordinal);
    }

    [Fact]
    public void GetPopulatedAttributes_FullEvent_SpecVersionFirstExtensionsLast()
    {
        var names = TestEvents.Full().GetPopulatedAttributes().Select(pair => pair.Key.Name).ToArray();
        Assert.Equal(
            ["specversion", "id", "source", "type", "datacontenttype", "dataschema", "subject", "time", "mqttqos", "mqttretain", "mqtttopic"],
            names);
    }

    [Fact]
    public void Constructor_CoreAttributeAsExtension_Throws()
    {
        Assert.Throws<ArgumentException>(() => new CloudEvent([CloudEventsSpecVersion.V1_0.IdAttribute]));
    }

    [Fact]
    public void SpecVersion_FromVersionId_OnlyKnows10()
    {
        Assert.Same(CloudEventsSpecVersion.V1_0, CloudEventsSpecVersion.FromVersionId("1.0"));
        Assert.Null(CloudEventsSpecVersion.FromVersionId("0.3"));
        Assert.Null(CloudEventsSpecVersion.V1_0.GetAttributeByName("data"));
    }
}
