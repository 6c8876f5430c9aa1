using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.Interpreter;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;

namespace McuAi.Tests.Interpreter
{
    /// <summary>The outcome of running one model on its golden vectors.</summary>
    public sealed record GoldenOutcome(string Model, string Status, string Detail, double WorstFloatError, bool Exact)
    {
        public bool Passed => Status is "bit-exact" or "within tolerance";
        public bool Skipped => Status == "skipped";
    }

    /// <summary>
    /// Runs a model from ../shared on every golden vector and compares with TFLM's outputs: integer
    /// outputs byte for byte, float outputs to 1e-5 × the largest magnitude of each reference tensor.
    /// A model is skipped only when it uses an op, or an op's type combination, that the interpreter does
    /// not implement yet (MCUAI1010, MCUAI1008); the reason is in the outcome.
    /// </summary>
    public static class GoldenRun
    {
        public const double FloatTolerance = 1e-5;

        public static IEnumerable<string> GoldenModels() =>
            SharedData.ModelNames().Where(n => SharedData.TflmRuns(n) && SharedData.Vectors(n).Any());

        /// <summary>Whether the interpreter prepares the model (all of its ops and type paths are implemented).</summary>
        public static bool IsRunnable(string name)
        {
            try
            {
                _ = new ModelInterpreter(ModelReader.ReadFile(SharedData.ModelPath(name)), fileName: name);
                return true;
            }
            catch (McuAiException e) when (e.Code is DiagnosticCodes.InterpreterUnsupportedOp or DiagnosticCodes.UnsupportedType)
            {
                return false;
            }
        }

        public static GoldenOutcome Run(string name)
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath(name));
            ModelInterpreter interpreter;
            try
            {
                interpreter = new ModelInterpreter(model, fileName: name);
            }
            catch (McuAiException e) when (e.Code == DiagnosticCodes.InterpreterUnsupportedOp)
            {
                var missing = model.MainSubgraph.Operators.Select(op => model.CodeOf(op))
                    .Where(code => KernelRegistry.Find(code) is null).Select(code => code.DisplayName).Distinct();
                return new GoldenOutcome(name, "skipped", "not implemented: " + string.Join(", ", missing), 0, false);
            }
            catch (McuAiException e) when (e.Code == DiagnosticCodes.UnsupportedType)
            {
                // An op whose kernel exists but not yet for these types (for instance the int16 paths).
                return new GoldenOutcome(name, "skipped", "type not implemented: " + e.Message, 0, false);
            }
            double worst = 0;
            bool exact = true;
            int k = 0;
            foreach (var (input, expected, kind) in SharedData.Vectors(name))
            {
                interpreter.ResetVariableTensors();
                interpreter.SetInputs(input);
                interpreter.Invoke();
                var actual = interpreter.GetOutputs();
                int offset = 0;
                for (int o = 0; o < interpreter.OutputCount; o++)
                {
                    var tensor = interpreter.Output(o);
                    var want = expected.AsSpan(offset, tensor.ByteSize);
                    var got = actual.AsSpan(offset, tensor.ByteSize);
                    offset += tensor.ByteSize;
                    if (tensor.Type == TensorType.FLOAT32)
                    {
                        double error = RelativeError(want, got);
                        worst = Math.Max(worst, error);
                        exact &= want.SequenceEqual(got);
                        if (!(error <= FloatTolerance))
                            return new GoldenOutcome(name, "FAILED", $"vector {k} ({kind}), output {o}: float error {error:E3} × max|ref| exceeds {FloatTolerance:E0}", worst, false);
                    }
                    else if (!want.SequenceEqual(got))
                    {
                        int first = 0;
                        while (want[first] == got[first]) first++;
                        int differing = 0;
                        for (int i = 0; i < want.Length; i++) if (want[i] != got[i]) differing++;
                        return new GoldenOutcome(name, "FAILED",
                            $"vector {k} ({kind}), output {o} ({tensor.Type}): {differing} of {want.Length} bytes differ, first at byte {first}: TFLM {want[first]}, interpreter {got[first]}", worst, false);
                    }
                }
                k++;
            }
            bool hasFloat = Enumerable.Range(0, interpreter.OutputCount).Any(o => interpreter.Output(o).Type == TensorType.FLOAT32);
            return new GoldenOutcome(name, hasFloat && !exact ? "within tolerance" : "bit-exact",
                $"{k} vectors" + (hasFloat ? $", worst float error {worst:E2} × max|ref|" : ""), worst, exact);
        }

        /// <summary>max |ref − x| / max |ref| over float32 values (absolute error when the reference is all zeros).</summary>
        public static double RelativeError(ReadOnlySpan<byte> reference, ReadOnlySpan<byte> actual)
        {
            var r = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(reference);
            var a = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(actual);
            double maxRef = 0, maxDiff = 0;
            for (int i = 0; i < r.Length; i++)
            {
                maxRef = Math.Max(maxRef, Math.Abs(r[i]));
                double diff = Math.Abs((double)r[i] - a[i]);
                if (double.IsNaN(diff)) return double.PositiveInfinity;
                maxDiff = Math.Max(maxDiff, diff);
            }
            return maxRef == 0 ? maxDiff : maxDiff / maxRef;
        }
    }
}
