using System;

namespace McuAi.Quantization
{
    /// <summary>The float range a tensor takes over the calibration samples.</summary>
    public readonly struct TensorRange : IEquatable<TensorRange>
    {
        public TensorRange(double min, double max)
        {
            Min = min;
            Max = max;
        }

        public double Min { get; }
        public double Max { get; }

        public TensorRange Union(TensorRange other) => new(Math.Min(Min, other.Min), Math.Max(Max, other.Max));

        public bool Equals(TensorRange other) => Min.Equals(other.Min) && Max.Equals(other.Max);
        public override bool Equals(object? obj) => obj is TensorRange r && Equals(r);
        public override int GetHashCode() => Min.GetHashCode() * 31 + Max.GetHashCode();
        public override string ToString() => FormattableString.Invariant($"[{Min:G6}, {Max:G6}]");
    }
}
