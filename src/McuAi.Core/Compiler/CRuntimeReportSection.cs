using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using McuAi.CodeGen;
using McuAi.Reports;

namespace McuAi.Compiler
{
    /// <summary>
    /// The "cRuntime" part of a model's report: the RAM and flash data of the model compiled to C (Runtime="c") next to
    /// TFLM's arena, the kernels it calls, and its memory plan (every block of the static buffer with its lifetime).
    /// </summary>
    public sealed class CRuntimeReportSection : IReportSection
    {
        private readonly CompiledModel _compiled;
        private readonly long _tflmArenaBytes;

        /// <param name="tflmArenaBytes">TFLM's planned arena for the same model and target (the report's arena plan).</param>
        public CRuntimeReportSection(CompiledModel compiled, long tflmArenaBytes)
        {
            _compiled = compiled;
            _tflmArenaBytes = tflmArenaBytes;
        }

        public string Name => "cRuntime";

        public void WriteJson(Utf8JsonWriter writer)
        {
            var plan = _compiled.Plan;
            writer.WriteStartObject();
            writer.WriteNumber("ramBytes", _compiled.RamBytes);
            writer.WriteNumber("activationBytes", plan.ArenaBytes);
            writer.WriteNumber("stateBytes", plan.StateBytes);
            writer.WriteNumber("tflmArenaBytes", _tflmArenaBytes);
            writer.WriteNumber("modelDataBytes", _compiled.WeightBytes);
            writer.WriteNumber("tableBytes", _compiled.ParameterBytes);
            writer.WriteNumber("layers", _compiled.Program.Layers.Count);
            writer.WriteStartArray("kernels");
            foreach (string kernel in _compiled.Program.Kernels) writer.WriteStringValue(kernel);
            writer.WriteEndArray();
            writer.WriteStartArray("plan");
            foreach (var slot in plan.Slots.OrderBy(s => s.Offset).ThenBy(s => s.FirstLayer))
            {
                writer.WriteStartObject();
                writer.WriteNumber("offset", slot.Offset);
                writer.WriteNumber("bytes", slot.Size);
                writer.WriteNumber("firstLayer", slot.FirstLayer);
                writer.WriteNumber("lastLayer", slot.LastLayer);
                if (slot.ScratchOfLayer is int layer) writer.WriteNumber("scratchOfLayer", layer);
                writer.WriteStartArray("tensors");
                foreach (int t in slot.Tensors) writer.WriteNumberValue(t);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        public void WriteMarkdown(StringBuilder md)
        {
            var inv = CultureInfo.InvariantCulture;
            var plan = _compiled.Plan;
            var program = _compiled.Program;
            md.Append("## C runtime (Runtime=\"c\")\n\n");
            md.Append("| | bytes |\n|---|---:|\n");
            md.Append("| RAM: activations and scratch | ").Append(plan.ArenaBytes.ToString("N0", inv)).Append(" |\n");
            md.Append("| RAM: state | ").Append(plan.StateBytes.ToString("N0", inv)).Append(" |\n");
            md.Append("| **RAM total** | **").Append(_compiled.RamBytes.ToString("N0", inv)).Append("** |\n");
            md.Append("| TFLM arena (the report's plan, without margin) | ").Append(_tflmArenaBytes.ToString("N0", inv)).Append(" |\n");
            md.Append("| flash: model data (weights, biases, per-channel multipliers and shifts) | ").Append(_compiled.WeightBytes.ToString("N0", inv)).Append(" |\n");
            md.Append("| flash: tables prepared per layer | ").Append(_compiled.ParameterBytes.ToString("N0", inv)).Append(" |\n\n");
            md.Append(program.Layers.Count.ToString(inv)).Append(" kernel calls (").Append(string.Join(", ", program.Kernels.Select(k => "`" + k + "`")))
              .Append("); views such as RESHAPE cost nothing.\n\n");
            md.Append("Memory plan (offsets in the static buffer; a block is alive from its first to its last layer):\n\n");
            md.Append("| offset | bytes | layers | holds |\n|---:|---:|---|---|\n");
            var tensors = program.Model.MainSubgraph.Tensors;
            foreach (var slot in plan.Slots.OrderBy(s => s.Offset).ThenBy(s => s.FirstLayer))
            {
                string holds = slot.ScratchOfLayer is int layer ? $"scratch of layer {layer}"
                    : string.Join(", ", slot.Tensors.Select(t => $"tensor {t} ({CText.Comment(tensors[t].Name).Replace("|", "/")})"));
                string last = slot.LastLayer >= program.Layers.Count ? "end" : slot.LastLayer.ToString(inv);
                md.Append("| ").Append(slot.Offset.ToString(inv)).Append(" | ").Append(slot.Size.ToString("N0", inv))
                  .Append(" | ").Append(slot.FirstLayer.ToString(inv)).Append('–').Append(last).Append(" | ").Append(holds).Append(" |\n");
            }
            md.Append('\n');
        }
    }
}
