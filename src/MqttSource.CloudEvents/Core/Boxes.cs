namespace MqttSource.CloudEvents.Core;

/// <summary>Cached boxes for common values, so typed attributes allocate less.</summary>
internal static class Boxes
{
    private static readonly object True = true;
    private static readonly object False = false;
    private static readonly object[] SmallIntegers = CreateSmallIntegers();

    public static object Boolean(bool value) => value ? True : False;

    public static object Int32(int value) =>
        value is >= 0 and < 256 ? SmallIntegers[value] : value;

    private static object[] CreateSmallIntegers()
    {
        var boxes = new object[256];
        for (var i = 0; i < boxes.Length; i++)
        {
            boxes[i] = i;
        }

        return boxes;
    }
}
