using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.FlatBuffers;

namespace McuAi.Fuzz.Flex
{
    /// <summary>
    /// A FlexBuffer value as a tree (custom options of TFLite operators are a map of these), decoded from
    /// the shared models with the project's reader and written back by <see cref="FlexWriter"/> after a
    /// mutation: a rebuilt map, a huge integer, a value of the wrong type, keys out of order.
    /// </summary>
    public abstract class FlexNode
    {
        public abstract FlexBufferType Type { get; }

        /// <summary>Decodes a trusted FlexBuffer value.</summary>
        public static FlexNode From(FlexValue value)
        {
            switch (value.Type)
            {
                case FlexBufferType.Null: return new FlexScalar(FlexBufferType.Null, 0);
                case FlexBufferType.Int:
                case FlexBufferType.IndirectInt: return FlexScalar.Int(value.AsInt64());
                case FlexBufferType.UInt:
                case FlexBufferType.IndirectUInt: return FlexScalar.UInt((ulong)value.AsInt64());
                case FlexBufferType.Bool: return FlexScalar.Bool(value.AsBool());
                case FlexBufferType.Float:
                case FlexBufferType.IndirectFloat: return FlexScalar.Float(value.AsDouble());
                case FlexBufferType.String: return new FlexString(System.Text.Encoding.UTF8.GetBytes(value.AsString()));
                case FlexBufferType.Key: return new FlexString(System.Text.Encoding.UTF8.GetBytes(value.AsString()), key: true);
                case FlexBufferType.Map:
                {
                    var map = value.AsMap();
                    var result = new FlexMapNode();
                    for (int i = 0; i < map.Count; i++) result.Entries.Add((map.KeyAt(i), From(map.ValueAt(i))));
                    return result;
                }
                case FlexBufferType.Vector:
                    return new FlexVectorNode(value.Elements().Select(From).ToList());
                default:
                    var elements = value.Elements();
                    return new FlexTypedVector(value.Type, elements.Select(e => e.Type == FlexBufferType.Float ? BitConverter.DoubleToInt64Bits(e.AsDouble()) : e.AsInt64()).ToList());
            }
        }
    }

    /// <summary>Null, Int, UInt, Float (bits of a double in <see cref="Bits"/>) or Bool, stored inline.</summary>
    public sealed class FlexScalar : FlexNode
    {
        public FlexScalar(FlexBufferType type, long bits)
        {
            Type = type;
            Bits = bits;
        }

        public override FlexBufferType Type { get; }
        public long Bits { get; }

        public static FlexScalar Int(long v) => new(FlexBufferType.Int, v);
        public static FlexScalar UInt(ulong v) => new(FlexBufferType.UInt, unchecked((long)v));
        public static FlexScalar Float(double v) => new(FlexBufferType.Float, BitConverter.DoubleToInt64Bits(v));
        public static FlexScalar Bool(bool v) => new(FlexBufferType.Bool, v ? 1 : 0);
    }

    public sealed class FlexString : FlexNode
    {
        public FlexString(byte[] utf8, bool key = false)
        {
            Utf8 = utf8;
            IsKey = key;
        }

        public byte[] Utf8 { get; }
        public bool IsKey { get; }
        public override FlexBufferType Type => IsKey ? FlexBufferType.Key : FlexBufferType.String;
    }

    public sealed class FlexMapNode : FlexNode
    {
        /// <summary>Entries in the order they are written; FlexBuffers wants them sorted by key, a mutation may not.</summary>
        public List<(string Key, FlexNode Value)> Entries { get; } = new();
        public override FlexBufferType Type => FlexBufferType.Map;
    }

    public sealed class FlexVectorNode : FlexNode
    {
        public FlexVectorNode(List<FlexNode> items) => Items = items;
        public List<FlexNode> Items { get; }
        public override FlexBufferType Type => FlexBufferType.Vector;
    }

    /// <summary>A typed vector (VectorInt, VectorFloat, VectorInt2 …): elements as integer bits.</summary>
    public sealed class FlexTypedVector : FlexNode
    {
        public FlexTypedVector(FlexBufferType type, List<long> elements)
        {
            Type = type;
            Elements = elements;
        }

        public override FlexBufferType Type { get; }
        public List<long> Elements { get; }
    }
}
