using System;
using System.Collections.Generic;
using System.Linq;

namespace McuAi.TfLite
{
    /// <summary>What <see cref="ModelStripper.Strip"/> removed, and the smaller model.</summary>
    public sealed class StripResult
    {
        internal StripResult(Model model, IReadOnlyList<string> removedMetadata, int removedBuffers, long removedBufferBytes,
            IReadOnlyList<string> removedOperatorCodes)
        {
            Model = model;
            RemovedMetadata = removedMetadata;
            RemovedBuffers = removedBuffers;
            RemovedBufferBytes = removedBufferBytes;
            RemovedOperatorCodes = removedOperatorCodes;
        }

        /// <summary>The stripped copy; the input model is unchanged.</summary>
        public Model Model { get; }
        /// <summary>Names of the metadata entries dropped, escaped for printing (<see cref="Diagnostics.MessageText.Quote"/>).</summary>
        public IReadOnlyList<string> RemovedMetadata { get; }
        /// <summary>Buffers dropped (unused ones, and those of dropped metadata).</summary>
        public int RemovedBuffers { get; }
        /// <summary>Data bytes of the dropped buffers: the bulk of the flash saved.</summary>
        public long RemovedBufferBytes { get; }
        /// <summary>Display names of the operator codes no operator used, escaped for printing.</summary>
        public IReadOnlyList<string> RemovedOperatorCodes { get; }
    }

    /// <summary>
    /// Drops what firmware never reads, to save flash: metadata (except <see cref="OfflineMemoryAllocation"/>,
    /// which TFLM's memory planner uses) and the debug-metadata indices into it, buffers no tensor or
    /// kept metadata refers to, and operator codes no operator uses. Tensor buffer indices and operator
    /// opcode indices are renumbered; buffer 0, the empty sentinel, always stays. Operators, tensors and
    /// their data are untouched.
    /// Expects a validated model (as <see cref="ModelReader"/> returns).
    /// </summary>
    public static class ModelStripper
    {
        /// <summary>The metadata entry holding TFLM's offline tensor placement: kept by <see cref="Strip"/>.</summary>
        public const string OfflineMemoryAllocation = "OfflineMemoryAllocation";

        public static StripResult Strip(Model model)
        {
            var m = ModelCopier.Copy(model);

            // Names for people to read (they come from the model): escaped and capped.
            var removedMetadata = m.Metadata.Where(x => x.Name != OfflineMemoryAllocation).Select(x => Diagnostics.MessageText.Quote(x.Name)).ToList();
            m.Metadata = m.Metadata.Where(x => x.Name == OfflineMemoryAllocation).ToList();
            var keptMetadataBuffers = new HashSet<uint>(m.Metadata.Select(x => x.Buffer));
            m.MetadataBuffer = m.MetadataBuffer.Where(b => keptMetadataBuffers.Contains((uint)b)).ToArray();
            // Debug metadata indices point into the debug metadata just dropped.
            foreach (var g in m.Subgraphs)
            {
                g.DebugMetadataIndex = -1;
                foreach (var op in g.Operators) op.DebugMetadataIndex = -1;
            }

            var (removedBuffers, removedBytes) = DropUnusedBuffers(m);
            var removedCodes = DropUnusedOperatorCodes(m);
            return new StripResult(m, removedMetadata, removedBuffers, removedBytes, removedCodes);
        }

        private static (int Count, long Bytes) DropUnusedBuffers(Model m)
        {
            var used = new bool[m.Buffers.Count];
            if (used.Length > 0) used[0] = true;
            foreach (var g in m.Subgraphs)
                foreach (var t in g.Tensors) used[t.Buffer] = true;
            foreach (var meta in m.Metadata) used[meta.Buffer] = true;

            var newIndex = new uint[m.Buffers.Count];
            var kept = new List<Buffer>();
            int removed = 0;
            long bytes = 0;
            for (int i = 0; i < m.Buffers.Count; i++)
            {
                if (used[i])
                {
                    newIndex[i] = (uint)kept.Count;
                    kept.Add(m.Buffers[i]);
                }
                else
                {
                    removed++;
                    bytes += m.Buffers[i].Data.Length;
                }
            }
            m.Buffers = kept;
            foreach (var g in m.Subgraphs)
                foreach (var t in g.Tensors) t.Buffer = newIndex[t.Buffer];
            foreach (var meta in m.Metadata) meta.Buffer = newIndex[meta.Buffer];
            for (int i = 0; i < m.MetadataBuffer.Length; i++) m.MetadataBuffer[i] = (int)newIndex[m.MetadataBuffer[i]];
            return (removed, bytes);
        }

        private static List<string> DropUnusedOperatorCodes(Model m)
        {
            var used = new bool[m.OperatorCodes.Count];
            foreach (var g in m.Subgraphs)
                foreach (var op in g.Operators) used[op.OpcodeIndex] = true;

            var newIndex = new uint[m.OperatorCodes.Count];
            var kept = new List<OperatorCode>();
            var removed = new List<string>();
            for (int i = 0; i < m.OperatorCodes.Count; i++)
            {
                if (used[i])
                {
                    newIndex[i] = (uint)kept.Count;
                    kept.Add(m.OperatorCodes[i]);
                }
                else
                {
                    removed.Add(Diagnostics.MessageText.Quote(m.OperatorCodes[i].DisplayName));
                }
            }
            m.OperatorCodes = kept;
            foreach (var g in m.Subgraphs)
                foreach (var op in g.Operators) op.OpcodeIndex = newIndex[op.OpcodeIndex];
            return removed;
        }
    }
}
