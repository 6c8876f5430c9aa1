using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Data;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Quantization
{
    /// <summary>
    /// Float samples for the model's inputs, read from .npy/.npz files: per file either one sample or
    /// a batch [N, …input shape]; a .npz holds one array per input (matched by tensor name, else by
    /// order). Everything is checked against the model's inputs: shape, float type, finite values.
    /// </summary>
    public sealed class CalibrationData
    {
        private CalibrationData(List<float[][]> samples, IReadOnlyList<string> files)
        {
            Samples = samples;
            Files = files;
        }

        /// <summary>Samples in file order; each holds one float array per model input.</summary>
        public IReadOnlyList<float[][]> Samples { get; }

        /// <summary>The files the samples came from, in order (their bytes key the quantization cache).</summary>
        public IReadOnlyList<string> Files { get; }

        public int Count => Samples.Count;

        /// <summary>Reads the data a specification names (file, folder, glob; ';'-separated) for <paramref name="model"/>.</summary>
        public static CalibrationData Load(string specification, Model model, string? baseDirectory = null) =>
            Load(DataFileSet.Expand(specification, baseDirectory), model);

        /// <summary>Reads the given .npy/.npz files (the SDK passes the items its globs expanded to).</summary>
        public static CalibrationData Load(IReadOnlyList<string> files, Model model)
        {
            var inputs = model.MainSubgraph.Inputs.Select(i => model.MainSubgraph.Tensors[i]).ToArray();
            var samples = new List<float[][]>();
            foreach (string file in files)
            {
                if (file.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
                    AddArchive(NpzFile.Read(file), inputs, file, samples);
                else
                {
                    if (inputs.Length != 1)
                        throw new McuAiException(DiagnosticCodes.DataShapeMismatch, file,
                            $"the model has {inputs.Length} inputs; give each sample as a .npz with one array per input (named after the input tensors).");
                    var array = NpyFile.Read(file);
                    var batch = Split(array, inputs[0], file);
                    foreach (var s in batch) samples.Add(new[] { s });
                }
            }
            if (samples.Count == 0)
                throw new McuAiException(DiagnosticCodes.DataEmpty, files.Count == 1 ? files[0] : null,
                    files.Count == 0 ? "no .npy/.npz data files were found: check the path or glob." : "the data holds no samples (an array with 0 rows).");
            return new CalibrationData(samples, files);
        }

        /// <summary>Samples given in memory (tests, tools): one float array per input per sample.</summary>
        public static CalibrationData FromSamples(IEnumerable<float[][]> samples, Model model, string? name = null)
        {
            var inputs = model.MainSubgraph.Inputs.Select(i => model.MainSubgraph.Tensors[i]).ToArray();
            var list = samples.ToList();
            if (list.Count == 0) throw new McuAiException(DiagnosticCodes.DataEmpty, name, "the data holds no samples.");
            for (int s = 0; s < list.Count; s++)
            {
                if (list[s].Length != inputs.Length)
                    throw new McuAiException(DiagnosticCodes.DataShapeMismatch, name, $"sample {s} has {list[s].Length} arrays; the model has {inputs.Length} inputs.");
                for (int k = 0; k < inputs.Length; k++)
                {
                    if (list[s][k].Length != inputs[k].ElementCount)
                        throw new McuAiException(DiagnosticCodes.DataShapeMismatch, name,
                            $"sample {s}, input '{inputs[k].Name}': {list[s][k].Length} values, the input has {inputs[k].ElementCount}.");
                    CheckFinite(list[s][k], name, s);
                }
            }
            return new CalibrationData(list, Array.Empty<string>());
        }

        private static void AddArchive(NpzArchive archive, Tensor[] inputs, string file, List<float[][]> samples)
        {
            if (archive.Count != inputs.Length)
                throw new McuAiException(DiagnosticCodes.DataShapeMismatch, file,
                    $"the archive has {archive.Count} arrays ({string.Join(", ", archive.Entries.Select(e => e.Key))}); the model has {inputs.Length} input(s) ({string.Join(", ", inputs.Select(i => i.Name))}). Save one array per input.");
            var perInput = new List<float[]>[inputs.Length];
            for (int k = 0; k < inputs.Length; k++)
            {
                // By input tensor name when the archive uses those names; otherwise by position.
                var array = inputs[k].Name is { } n && archive.TryGet(n, out var named) ? named! : archive.Entries[k].Value;
                perInput[k] = Split(array, inputs[k], $"{file}[{archive.Entries[k].Key}]");
            }
            int count = perInput[0].Count;
            if (perInput.Any(p => p.Count != count))
                throw new McuAiException(DiagnosticCodes.DataShapeMismatch, file,
                    $"the arrays hold different numbers of samples ({string.Join(", ", perInput.Select(p => p.Count))}); every input needs the same count.");
            for (int s = 0; s < count; s++) samples.Add(perInput.Select(p => p[s]).ToArray());
        }

        /// <summary>One array as samples of an input: the input's own shape (one sample) or [N, …] (N samples).</summary>
        internal static List<float[]> Split(NpyArray array, Tensor input, string file)
        {
            if (!array.IsFloat)
                throw new McuAiException(DiagnosticCodes.DataTypeMismatch, file,
                    $"the array has dtype {array.DType}; input '{input.Name}' needs float data. Save it with arr.astype(numpy.float32).");
            int[] shape = input.Shape;
            int[] a = array.Shape;
            long perSample = input.ElementCount;
            int count;
            int[] inner = shape.Length > 0 && shape[0] == 1 ? shape.Skip(1).ToArray() : shape;
            if (a.SequenceEqual(shape) || a.SequenceEqual(inner)) count = 1;
            else if (a.Length == inner.Length + 1 && a.Skip(1).SequenceEqual(inner)) count = a[0];
            else if (a.Length == shape.Length + 1 && a.Skip(1).SequenceEqual(shape)) count = a[0];
            else if (a.Length == 1 && perSample == 1) count = a[0];
            else
                throw new McuAiException(DiagnosticCodes.DataShapeMismatch, file,
                    $"the array has shape ({string.Join(", ", a)}); input '{input.Name}' has shape ({string.Join(", ", shape)}). Give one sample of that shape or a batch (N, {string.Join(", ", inner)}).");
            var values = array.ToFloat32();
            var samples = new List<float[]>(count);
            for (int s = 0; s < count; s++)
            {
                var sample = new float[perSample];
                Array.Copy(values, s * perSample, sample, 0, perSample);
                CheckFinite(sample, file, s);
                samples.Add(sample);
            }
            return samples;
        }

        private static void CheckFinite(float[] values, string? file, int sample)
        {
            for (int i = 0; i < values.Length; i++)
                if (float.IsNaN(values[i]) || float.IsInfinity(values[i]))
                    throw new McuAiException(DiagnosticCodes.DataNotFinite, file,
                        $"sample {sample} holds {values[i].ToString(System.Globalization.CultureInfo.InvariantCulture)} at element {i}; calibration and validation data must be finite numbers.");
        }
    }
}
