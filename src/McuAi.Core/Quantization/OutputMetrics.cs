using System;

namespace McuAi.Quantization
{
    /// <summary>
    /// Agreement between a reference (float) output and a quantized model's output over all validation
    /// samples, accumulated in double precision. Cosine, L2 and RMSE are computed over all samples'
    /// values together; top-1 agreement compares the arg-max of each row (last dimension).
    /// </summary>
    public sealed class OutputMetrics
    {
        private double _dot, _refSquares, _squares, _diffSquares;
        private long _count, _rows, _agreeingRows;

        public OutputMetrics(string name, bool isClassifier)
        {
            Name = name;
            IsClassifier = isClassifier;
        }

        public string Name { get; }
        /// <summary>Whether top-1 agreement applies (output ends in SOFTMAX, or marked Classifier).</summary>
        public bool IsClassifier { get; }
        public double MaxAbsError { get; private set; }
        public long Samples { get; private set; }

        public double Cosine => _refSquares == 0 && _squares == 0 ? 1 : _refSquares == 0 || _squares == 0 ? 0 : _dot / Math.Sqrt(_refSquares * _squares);
        /// <summary>‖ref − x‖₂ / ‖ref‖₂.</summary>
        public double L2RelativeError => _refSquares == 0 ? (_diffSquares == 0 ? 0 : double.PositiveInfinity) : Math.Sqrt(_diffSquares / _refSquares);
        public double Rmse => _count == 0 ? 0 : Math.Sqrt(_diffSquares / _count);
        /// <summary>Fraction of rows whose arg-max agrees, or null for outputs that are not classifiers.</summary>
        public double? Top1Agreement => IsClassifier && _rows > 0 ? (double)_agreeingRows / _rows : null;

        /// <summary>Adds one sample's output; <paramref name="classes"/> is the size of the last dimension.</summary>
        public void Add(ReadOnlySpan<float> reference, ReadOnlySpan<float> actual, int classes)
        {
            if (reference.Length != actual.Length) throw new ArgumentException("outputs differ in length");
            for (int i = 0; i < reference.Length; i++)
            {
                double r = reference[i], x = actual[i], d = r - x;
                _dot += r * x;
                _refSquares += r * r;
                _squares += x * x;
                _diffSquares += d * d;
                if (Math.Abs(d) > MaxAbsError) MaxAbsError = Math.Abs(d);
            }
            _count += reference.Length;
            Samples++;
            if (!IsClassifier || classes <= 0) return;
            for (int row = 0; row + classes <= reference.Length; row += classes)
            {
                _rows++;
                if (ArgMax(reference.Slice(row, classes)) == ArgMax(actual.Slice(row, classes))) _agreeingRows++;
            }
        }

        private static int ArgMax(ReadOnlySpan<float> values)
        {
            int best = 0;
            for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
            return best;
        }

        public override string ToString() => FormattableString.Invariant(
            $"{Diagnostics.MessageText.Quote(Name)}: cosine {Cosine:F6}, L2 rel {L2RelativeError:F5}, RMSE {Rmse:G4}, max abs {MaxAbsError:G4}{(Top1Agreement is { } t ? $", top-1 {t:P2}" : "")} ({Samples} samples)");
    }
}
