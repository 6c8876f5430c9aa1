namespace McuAi.FlatBuffers
{
    /// <summary>
    /// The value types of the FlexBuffers format (the schema-less sibling of FlatBuffers that TFLite uses
    /// for custom operator options). The number is the upper six bits of a packed type byte; the lower two
    /// bits give the value's byte width.
    /// </summary>
    public enum FlexBufferType : byte
    {
        Null = 0,
        Int = 1,
        UInt = 2,
        Float = 3,
        Key = 4,
        String = 5,
        IndirectInt = 6,
        IndirectUInt = 7,
        IndirectFloat = 8,
        Map = 9,
        Vector = 10,
        VectorInt = 11,
        VectorUInt = 12,
        VectorFloat = 13,
        VectorKey = 14,
        VectorStringDeprecated = 15,
        VectorInt2 = 16,
        VectorUInt2 = 17,
        VectorFloat2 = 18,
        VectorInt3 = 19,
        VectorUInt3 = 20,
        VectorFloat3 = 21,
        VectorInt4 = 22,
        VectorUInt4 = 23,
        VectorFloat4 = 24,
        Blob = 25,
        Bool = 26,
        VectorBool = 36,
    }
}
