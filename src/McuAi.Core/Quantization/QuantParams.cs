using System;

namespace McuAi.Quantization
{
    /// <summary>
    /// An activation's affine parameters. The scale is kept in double precision, as the converter
    /// keeps it while deriving bias scales; the file stores it as float.
    /// </summary>
    internal readonly struct QuantParams : IEquatable<QuantParams>
    {
        public QuantParams(double scale, int zeroPoint)
        {
            Scale = scale;
            ZeroPoint = zeroPoint;
        }

        public double Scale { get; }
        public int ZeroPoint { get; }
        public float FileScale => (float)Scale;

        public bool Equals(QuantParams other) => FileScale.Equals(other.FileScale) && ZeroPoint == other.ZeroPoint;
        public override bool Equals(object? obj) => obj is QuantParams p && Equals(p);
        public override int GetHashCode() => FileScale.GetHashCode() * 31 + ZeroPoint;
    }
}
