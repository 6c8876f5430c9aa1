using System.Collections.Generic;
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
    /// It adds the estimated Cortex-M4 instructions of each operator to the report's per-layer table
    /// (<see cref="Cost.InstructionCostModel"/>: a build-time estimate, not a measurement).
    /// </summary>
    public sealed class CRuntimeReportSection : ILayerColumnSection
    {
        private readonly CompiledModel _compiled;
        private readonly long _tflmArenaBytes;
        private readonly IReadOnlyList<long?> _estimates;
        private readonly long? _estimatedTotal;

        /// <param name="tflmArenaBytes">TFLM's planned arena for the same model and target (the report's arena plan).</param>
        public CRuntimeReportSection(CompiledModel compiled, long tflmArenaBytes)
        {
            _compiled = compiled;
            _tflmArenaBytes = tflmArenaBytes;
            (_estimates, _estimatedTotal) = Cost.InstructionCostModel.Estimate(compiled.Program);
        }

        public string Name => "cRuntime";

        public string ColumnHeader => "est. M4 instructions";

        public string ColumnJsonName => "estimatedM4Instructions";

        /// <summary>The estimate of the operator's kernel calls (0 for a view such as RESHAPE: no call).</summary>
        public long? ColumnValue(int operatorIndex)
        {
            long sum = 0;
            var layers = _compiled.Program.Layers;
            for (int i = 0; i < layers.Count; i++)
            {
                if (layers[i].OperatorIndex != operatorIndex) continue;
                if (_estimates[i] is not long e) return null;
                sum += e;
            }
            return sum;
        }

        public long? ColumnTotal => _estimatedTotal;

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
            if (_estimatedTotal is long total) writer.WriteNumber("estimatedM4Instructions", total);
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
            if (_estimatedTotal is long total)
                md.Append("Estimated instructions per invoke on a Cortex-M4 (DSP kernels, arm-none-eabi-gcc 12.2 -O2): **").Append(total.ToString("N0", inv))
                  .Append("**, the sum of the per-layer table's \"est. M4 instructions\" column. A build-time estimate from the kernels' instruction cost model, ")
                  .Append("calibrated under QEMU (within 10 % of the measured count on the models of docs/c-backend.md); measure on the target for exact figures.\n\n");
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
