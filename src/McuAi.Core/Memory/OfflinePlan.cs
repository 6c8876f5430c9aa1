using System;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Memory
{
    /// <summary>
    /// The "OfflineMemoryAllocation" metadata (TFLM docs/memory_management.md, read by
    /// AllocationInfoBuilder::GetOfflinePlannedOffsets): uint32 version, subgraph, tensor count,
    /// then one int32 arena offset per tensor of every subgraph in order (-1: let the planner choose).
    /// </summary>
    public static class OfflinePlan
    {
        public const string MetadataName = "OfflineMemoryAllocation";

        /// <summary>The offsets, or null when the model has no offline plan.</summary>
        public static int[]? Read(Model model, string fileName = "")
        {
            var meta = model.FindMetadata(MetadataName);
            if (meta is null) return null;
            if (meta.Buffer >= model.Buffers.Count)
                throw new McuAiException(DiagnosticCodes.OfflinePlanInvalid, fileName,
                    $"metadata '{MetadataName}' refers to buffer {meta.Buffer}, which does not exist; re-export the model or remove the metadata");
            var data = model.Buffers[(int)meta.Buffer].Data.Span;
            int total = 0;
            foreach (var g in model.Subgraphs) total += g.Tensors.Count;
            if (data.Length < 12)
                throw new McuAiException(DiagnosticCodes.OfflinePlanInvalid, fileName,
                    $"metadata '{MetadataName}' is {data.Length} bytes, shorter than its 12-byte header; re-export the model or remove the metadata");
            long count = ReadUInt32(data, 8);
            if (count != total || data.Length < 12 + 4 * count)
                throw new McuAiException(DiagnosticCodes.OfflinePlanInvalid, fileName,
                    $"metadata '{MetadataName}' gives {count} tensor offsets but the model has {total} tensors (TFLM refuses such a model); re-export the model or remove the metadata");
            var offsets = new int[count];
            for (int i = 0; i < count; i++) offsets[i] = unchecked((int)ReadUInt32(data, 12 + 4 * i));
            return offsets;
        }

        private static uint ReadUInt32(ReadOnlySpan<byte> data, int at) =>
            (uint)(data[at] | data[at + 1] << 8 | data[at + 2] << 16 | data[at + 3] << 24);
    }
}
