namespace McuAi.CodeGen.NanoFramework
{
    /// <summary>The element types the interop methods use, named as nanoCLR's DATATYPE_* (without the prefix).</summary>
    public enum NanoElement
    {
        Void,
        Boolean,
        I1,
        U1,
        I2,
        U2,
        I4,
        U4,
        I8,
        U8,
        R4,
        R8,
    }

    /// <summary>
    /// A parameter or return type of an interop method: a primitive or a one-dimensional array of one.
    /// Its <see cref="Token"/> is how the MetadataProcessor spells it in a native method name
    /// (<c>I4</c>, <c>SZARRAY_U1</c>), and hence in the checksum.
    /// </summary>
    public readonly struct NanoType
    {
        public NanoType(NanoElement element, bool isArray = false)
        {
            Element = element;
            IsArray = isArray;
        }

        public NanoElement Element { get; }
        /// <summary>A single-dimension, zero-based array (the CLR's SZARRAY).</summary>
        public bool IsArray { get; }

        public static NanoType Void => new(NanoElement.Void);
        public static NanoType Of(NanoElement element) => new(element);
        public static NanoType ArrayOf(NanoElement element) => new(element, isArray: true);

        /// <summary>The MetadataProcessor's token: the DATATYPE_ name without its prefix, arrays as SZARRAY_&lt;element&gt;.</summary>
        public string Token => IsArray ? "SZARRAY_" + Element.ToString().ToUpperInvariant() : Element.ToString().ToUpperInvariant();

        /// <summary>The C# spelling (<c>sbyte[]</c>).</summary>
        public string CSharp => CSharpElement(Element) + (IsArray ? "[]" : "");

        private static string CSharpElement(NanoElement element) => element switch
        {
            NanoElement.Void => "void",
            NanoElement.Boolean => "bool",
            NanoElement.I1 => "sbyte",
            NanoElement.U1 => "byte",
            NanoElement.I2 => "short",
            NanoElement.U2 => "ushort",
            NanoElement.I4 => "int",
            NanoElement.U4 => "uint",
            NanoElement.I8 => "long",
            NanoElement.U8 => "ulong",
            NanoElement.R4 => "float",
            _ => "double",
        };
    }
}
