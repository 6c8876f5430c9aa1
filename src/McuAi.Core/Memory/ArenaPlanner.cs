using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using McuAi.TfLite;

namespace McuAi.Memory
{
    /// <summary>
    /// Sizes the tensor arena the way TFLM's MicroInterpreter fills it, step by step
    /// (micro_interpreter.cc AllocateTensors, micro_allocator.cc, micro_interpreter_graph.cc):
    /// <list type="number">
    /// <item>MicroAllocator::Create puts the arena allocator, the greedy planner and the MicroAllocator in the tail;</item>
    /// <item>StartModelAllocation: builtin-data allocator, scratch-request area in the head, SubgraphAllocations,
    /// TfLiteEvalTensor and NodeAndRegistration arrays in the tail;</item>
    /// <item>each operator's parsed builtin options, then each kernel's Init op data (tail);</item>
    /// <item>each kernel's Prepare: temporary TfLiteTensors above the head, persistent buffers in the tail,
    /// scratch-buffer requests;</item>
    /// <item>FinishModelAllocation: scratch-buffer handles and variable tensors in the tail, then the memory
    /// plan, computed in the free space between head and tail (AllocationInfo array + 40 bytes per buffer
    /// for the greedy planner), becomes the head;</item>
    /// <item>the interpreter's persistent TfLiteTensors for the model inputs and outputs.</item>
    /// </list>
    /// The smallest arena is the largest need of any step.
    /// </summary>
    public static class ArenaPlanner
    {
        // Tail categories: each persistent allocation is charged to one, and each becomes a term.
        private const string RuntimeObjects = "runtime objects", EvalTensors = "eval tensors", Nodes = "nodes",
            BuiltinOptions = "builtin options", OpData = "op data", PrepareBuffers = "prepare buffers",
            ScratchHandles = "scratch handles", VariableTensors = "variable tensors", InputOutputTensors = "input/output tensors";

        public static ArenaPlan Plan(Model model, ArenaOptions? options = null, string? fileName = null)
        {
            options ??= new ArenaOptions();
            var layout = new TflmStructLayout(options.PointerSize, options.ShortEnums);
            int p = layout.PointerSize;
            var sim = new ArenaSimulation();
            var notes = new List<string>();

            // 1. MicroAllocator::Create.
            sim.Persistent(layout.SingleArenaBufferAllocator, p, RuntimeObjects, "creating the allocator");
            sim.Persistent(layout.GreedyMemoryPlannerObject, p, RuntimeObjects, "creating the allocator");
            sim.Persistent(layout.MicroAllocatorObject, p, RuntimeObjects, "creating the allocator");

            // 2. StartModelAllocation.
            sim.Persistent(layout.BuiltinDataAllocatorObject, p, RuntimeObjects, "starting allocation");
            int scratchCount = 0;
            sim.ResizeHead(layout.ScratchBufferRequest * (long)TflmStructLayout.MaxScratchBuffersPerOp, "starting allocation");
            sim.Persistent(layout.SubgraphAllocations * (long)model.Subgraphs.Count, p, RuntimeObjects, "starting allocation");
            foreach (var g in model.Subgraphs)
                sim.Persistent(layout.EvalTensor * (long)g.Tensors.Count, p, EvalTensors, "starting allocation");
            foreach (var g in model.Subgraphs)
                sim.Persistent(layout.NodeAndRegistration * (long)g.Operators.Count, p, Nodes, "starting allocation");

            // Kernel footprints, in TFLM's subgraph-by-subgraph operator order.
            var footprints = model.Subgraphs.Select(g => g.Operators
                .Select(op => TflmKernels.Describe(model, g, op, layout, options.Kernels, fileName)).ToList()).ToList();
            foreach (var f in footprints.SelectMany(x => x))
                if (f.Approximation is not null && !notes.Contains(f.Approximation)) notes.Add(f.Approximation);

            // 3. Builtin options (PrepareNodeAndRegistrationDataFromFlatbuffer), then Init.
            foreach (var f in footprints.SelectMany(x => x))
                if (f.BuiltinDataSize > 0)
                    sim.Persistent(f.BuiltinDataSize, f.BuiltinDataAlignment, BuiltinOptions, "parsing operator options");
            foreach (var f in footprints.SelectMany(x => x))
                foreach (var b in f.InitPersistent)
                    sim.Persistent(b.Bytes, TflmStructLayout.BufferAlignment, OpData, "kernel Init");

            // 4. Prepare, operator by operator.
            var scratchRequests = new List<(int Subgraph, int Op, KernelBuffer Buffer)>();
            for (int s = 0; s < model.Subgraphs.Count; s++)
            {
                var g = model.Subgraphs[s];
                for (int k = 0; k < g.Operators.Count; k++)
                {
                    var f = footprints[s][k];
                    string phase = $"Prepare of operator {k} ({model.CodeOf(g.Operators[k]).ShownName})";
                    foreach (int t in f.TempTensors)
                        TempTensor(sim, layout, g.Tensors[t], phase);
                    foreach (var b in f.PreparePersistent)
                        sim.Persistent(b.Bytes, TflmStructLayout.BufferAlignment, PrepareBuffers, phase);
                    foreach (var b in f.Scratch)
                        scratchRequests.Add((s, k, b));
                    scratchCount += f.Scratch.Count;
                    sim.ResetTemp();
                    sim.ResizeHead(layout.ScratchBufferRequest * (long)(scratchCount + TflmStructLayout.MaxScratchBuffersPerOp), phase);
                }
            }

            // 5. FinishModelAllocation.
            if (scratchCount > 0)
                sim.Persistent(layout.ScratchBufferHandle * (long)scratchCount, p, ScratchHandles, "allocating scratch-buffer handles");
            foreach (var g in model.Subgraphs)
                foreach (var t in g.Tensors)
                    if (t.IsVariable)
                        sim.Persistent(t.ByteSize, TflmStructLayout.BufferAlignment, VariableTensors, "allocating variable tensors");

            var lifetimes = new TflmLifetimes(model);
            var offline = OfflinePlan.Read(model, fileName ?? "");
            var (buffers, placements) = CollectBuffers(model, lifetimes, offline, scratchRequests);
            long totalTensors = model.Subgraphs.Sum(g => (long)g.Tensors.Count);
            const string planning = "computing the memory plan";
            sim.TempAllocate((long)p * model.Subgraphs.Count, p, planning);
            sim.TempAllocate(layout.AllocationInfo * (totalTensors + scratchCount), p, planning);
            sim.PlannerScratch(TflmStructLayout.GreedyPlannerBytesPerBuffer, buffers.Count, planning);

            var offsets = GreedyMemoryPlanner.Plan(buffers);
            long head = GreedyMemoryPlanner.MaximumSize(buffers, offsets);
            sim.ResetTemp();
            sim.ResizeHead(head, "committing the memory plan");

            // 6. The interpreter's input and output TfLiteTensors.
            var main = model.MainSubgraph;
            sim.Persistent((long)p * main.Inputs.Length, TflmStructLayout.BufferAlignment, InputOutputTensors, "allocating input/output tensors");
            foreach (int i in main.Inputs) PersistentTensor(sim, layout, main.Tensors[i]);
            sim.Persistent((long)p * main.Outputs.Length, TflmStructLayout.BufferAlignment, InputOutputTensors, "allocating input/output tensors");
            foreach (int o in main.Outputs) PersistentTensor(sim, layout, main.Tensors[o]);

            long arena = ArenaSimulation.AlignUp(sim.Required, TflmStructLayout.BufferAlignment);
            long used = head + sim.Tail;
            var placed = placements.Select((pl, i) => pl with { Offset = offsets[i] }).ToList();
            int peak = PeakOperator(model, lifetimes, buffers, offsets);
            // Preparation needed more than the final layout only if some earlier check asked for more.
            string limiting = sim.Required > used ? sim.RequiredBy : "holding the final layout (plan + persistent tail)";
            var terms = Terms(model, layout, sim, head, buffers.Count, arena, used, limiting);
            return new ArenaPlan(arena, head, sim.Tail, used, placed, peak, limiting, terms, notes, options);
        }

        private static void TempTensor(ArenaSimulation sim, TflmStructLayout layout, Tensor t, string phase)
        {
            sim.TempAllocate(layout.Tensor, layout.PointerSize, phase);
            if (HasQuantization(t))
            {
                sim.TempAllocate(layout.AffineQuantization, layout.PointerSize, phase);
                sim.TempAllocate(TflmStructLayout.IntArray(t.Quantization!.Scale.Length), 4, phase);
            }
        }

        private static void PersistentTensor(ArenaSimulation sim, TflmStructLayout layout, Tensor t)
        {
            const string phase = "allocating input/output tensors";
            sim.Persistent(layout.Tensor, layout.PointerSize, InputOutputTensors, phase);
            if (HasQuantization(t))
            {
                sim.Persistent(layout.AffineQuantization, layout.PointerSize, InputOutputTensors, phase);
                sim.Persistent(TflmStructLayout.IntArray(t.Quantization!.Scale.Length), 4, InputOutputTensors, phase);
            }
        }

        /// <summary>TFLM copies quantization only when both scale and zero point are non-empty.</summary>
        private static bool HasQuantization(Tensor t) =>
            t.Quantization is { Scale.Length: > 0, ZeroPoint.Length: > 0 };

        /// <summary>The planner's input, in TFLM's order: every tensor of every subgraph that needs
        /// allocating (no constant data, not variable, non-zero size), then the scratch buffers.</summary>
        private static (List<PlannerBuffer>, List<TensorPlacement>) CollectBuffers(Model model, TflmLifetimes lifetimes,
            int[]? offline, List<(int Subgraph, int Op, KernelBuffer Buffer)> scratch)
        {
            var buffers = new List<PlannerBuffer>();
            var placements = new List<TensorPlacement>();
            int flat = 0;
            for (int s = 0; s < model.Subgraphs.Count; s++)
            {
                var g = model.Subgraphs[s];
                for (int i = 0; i < g.Tensors.Count; i++, flat++)
                {
                    var t = g.Tensors[i];
                    if (model.IsConstant(t) || t.IsVariable || t.ByteSize == 0) continue;
                    long size = ArenaSimulation.AlignUp(t.ByteSize, TflmStructLayout.BufferAlignment);
                    long fixedOffset = offline is not null && offline[flat] >= 0 ? offline[flat] : GreedyMemoryPlanner.Online;
                    int first = lifetimes.First[s][i], last = lifetimes.Last[s][i];
                    buffers.Add(new PlannerBuffer(size, first, last, fixedOffset));
                    placements.Add(new TensorPlacement(i, t.Name is null ? $"tensor {i}" : t.ShownName, 0, size, lifetimes.OperatorAt(s, first), lifetimes.OperatorAt(s, last))
                    {
                        Subgraph = s,
                        OfflinePlanned = fixedOffset != GreedyMemoryPlanner.Online,
                    });
                }
            }
            foreach (var (s, k, b) in scratch)
            {
                int first = lifetimes.ScratchStart[s][k], last = lifetimes.OperatorScope[s][k];
                long size = ArenaSimulation.AlignUp(b.Bytes, TflmStructLayout.BufferAlignment);
                buffers.Add(new PlannerBuffer(size, first, last));
                placements.Add(new TensorPlacement(-1, $"scratch: {b.What} (operator {k})", 0, size, k, k)
                {
                    Kind = ArenaBufferKind.Scratch,
                    Subgraph = s,
                });
            }
            return (buffers, placements);
        }

        private static int PeakOperator(Model model, TflmLifetimes lifetimes, List<PlannerBuffer> buffers, long[] offsets)
        {
            int peak = 0;
            long best = -1;
            for (int k = 0; k < model.MainSubgraph.Operators.Count; k++)
            {
                int scope = lifetimes.OperatorScope[0][k];
                long top = 0;
                for (int b = 0; b < buffers.Count; b++)
                    if (buffers[b].FirstUsed <= scope && scope <= buffers[b].LastUsed)
                        top = Math.Max(top, offsets[b] + buffers[b].Size);
                if (top > best) { best = top; peak = k; }
            }
            return peak;
        }

        private static List<ArenaTerm> Terms(Model model, TflmStructLayout layout, ArenaSimulation sim, long head,
            int bufferCount, long arena, long used, string limiting)
        {
            string bits = layout.PointerSize == 8 ? "64-bit" : "32-bit";
            string I(long v) => v.ToString(CultureInfo.InvariantCulture);
            var terms = new List<ArenaTerm>
            {
                new($"activation tensors and scratch buffers: greedy plan of {I(bufferCount)} buffers (head)", head),
            };
            foreach (string c in sim.Categories)
            {
                long bytes = sim.TailBytesOf(c);
                string text = c switch
                {
                    RuntimeObjects => "TFLM runtime objects: arena allocator, greedy planner, MicroAllocator, builtin-data allocator, SubgraphAllocations",
                    EvalTensors => $"TfLiteEvalTensor × {I(model.Subgraphs.Sum(g => g.Tensors.Count))} ({I(layout.EvalTensor)} B each on {bits})",
                    Nodes => $"NodeAndRegistration × {I(model.Subgraphs.Sum(g => g.Operators.Count))} ({I(layout.NodeAndRegistration)} B each on {bits})",
                    BuiltinOptions => $"parsed builtin options × {I(sim.CountOf(c))}",
                    OpData => $"kernel op data from Init × {I(sim.CountOf(c))} (16-byte aligned)",
                    PrepareBuffers => $"buffers kernels keep from Prepare × {I(sim.CountOf(c))} (per-channel multipliers and shifts, lookup tables)",
                    ScratchHandles => $"ScratchBufferHandle array ({I(layout.ScratchBufferHandle)} B each)",
                    VariableTensors => $"variable (state) tensors × {I(sim.CountOf(c))}",
                    InputOutputTensors => $"interpreter's input/output TfLiteTensor ({I(layout.Tensor)} B each) with quantization and pointer arrays",
                    _ => c,
                };
                terms.Add(new ArenaTerm(text + " (tail)", bytes));
            }
            long required = Math.Max(sim.Required, used);
            if (required > used)
                terms.Add(new ArenaTerm($"temporary space while {limiting}, beyond the final layout", required - used));
            if (arena > required)
                terms.Add(new ArenaTerm("rounding the arena up to a multiple of 16 bytes", arena - required));
            return terms;
        }
    }
}
