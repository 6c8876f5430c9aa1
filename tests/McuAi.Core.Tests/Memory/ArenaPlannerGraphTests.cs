using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.Memory;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Memory
{
    /// <summary>The planner on small hand-made graphs whose offsets are worked out by hand below.</summary>
    public class ArenaPlannerGraphTests
    {
        /// <summary>
        /// t0 (input, 256 B) → op0 ADD → t1 (512 B); two branches op1 → t2 (128 B), op2 → t3 (64 B);
        /// op3 merges them into t4 (512 B); op4 adds the input back (residual) into t5 (output, 256 B).
        /// TFLM lifetimes in scopes (op k = scope k + 1): t0 [0,5], t1 [1,3], t2 [2,4], t3 [3,4],
        /// t4 [4,5], t5 [5,5].
        /// </summary>
        internal static Model BranchAndResidual()
        {
            var m = new Model();
            m.Buffers.Add(new McuAi.TfLite.Buffer());
            m.OperatorCodes.Add(new OperatorCode { BuiltinCode = (int)BuiltinOperator.ADD });
            var g = new SubGraph();
            foreach (var (name, floats) in new[] { ("input", 64), ("trunk", 128), ("branch_a", 32), ("branch_b", 16), ("merge", 128), ("residual<out>", 64) })
                g.Tensors.Add(new Tensor { Name = name, Type = TensorType.FLOAT32, Shape = new[] { 1, floats } });
            void Add(int a, int b, int output) => g.Operators.Add(new Operator { OpcodeIndex = 0, Inputs = new[] { a, b }, Outputs = new[] { output } });
            Add(0, 0, 1);
            Add(1, 1, 2);
            Add(1, 1, 3);
            Add(2, 3, 4);
            Add(4, 0, 5);
            g.Inputs = new[] { 0 };
            g.Outputs = new[] { 5 };
            m.Subgraphs.Add(g);
            return m;
        }

        [Fact]
        public void Branches_and_residual_add_get_the_offsets_TFLM_would_give()
        {
            // Order: sizes descending, equal sizes latest-added first (TFLM reverses the online list
            // before its stable sort): t4 512, t1 512, t5 256, t0 256, t2 128, t3 64.
            //   t4 -> 0 (first); t1 [1,3] does not overlap t4 [4,5] in time -> 0;
            //   t5 [5,5] overlaps t4 -> after it, 512; t0 [0,5] overlaps t4, t1, t5 -> 768;
            //   t2 [2,4]: after t4/t1 (512), t5 is not live, gap 512..768 fits 128 -> 512;
            //   t3 [3,4]: t2 occupies 512..640, gap 640..768 fits 64 -> 640. Head = 768 + 256 = 1024.
            var plan = ArenaPlanner.Plan(BranchAndResidual(), new ArenaOptions { PointerSize = 4 });
            var offsets = plan.Tensors.ToDictionary(t => t.TensorIndex, t => t.Offset);
            Assert.Equal(new Dictionary<int, long> { [0] = 768, [1] = 0, [2] = 512, [3] = 640, [4] = 0, [5] = 512 }, offsets);
            Assert.Equal(1024, plan.NonPersistentBytes);
            var t2 = plan.Tensors.Single(t => t.TensorIndex == 2);
            Assert.Equal((1, 3), (t2.FirstOperator, t2.LastOperator));
        }

        [Fact]
        public void While_subgraphs_get_nested_allocation_scopes_like_TFLM()
        {
            // Subgraph 0: t0 -> WHILE(cond = 1, body = 2) -> t1. Each subgraph: x -> ADD -> y.
            // Scopes: WHILE is scope 1; entering cond is 2, its ADD 3; entering body 4, its ADD 5.
            var m = new Model();
            m.Buffers.Add(new McuAi.TfLite.Buffer());
            m.OperatorCodes.Add(new OperatorCode { BuiltinCode = (int)BuiltinOperator.ADD });
            m.OperatorCodes.Add(new OperatorCode { BuiltinCode = (int)BuiltinOperator.WHILE });
            SubGraph Graph(int opcode, OperatorOptions? options)
            {
                var g = new SubGraph { Inputs = new[] { 0 }, Outputs = new[] { 1 } };
                g.Tensors.Add(new Tensor { Name = "x", Type = TensorType.FLOAT32, Shape = new[] { 16 } });
                g.Tensors.Add(new Tensor { Name = "y", Type = TensorType.FLOAT32, Shape = new[] { 16 } });
                g.Operators.Add(new Operator { OpcodeIndex = (uint)opcode, Inputs = new[] { 0, 0 }, Outputs = new[] { 1 }, BuiltinOptions = options });
                return g;
            }
            var whileOptions = new OperatorOptions(OptionsSchema.ByName("WhileOptions"));
            whileOptions.Set("cond_subgraph_index", 1);
            whileOptions.Set("body_subgraph_index", 2);
            m.Subgraphs.Add(Graph(1, whileOptions));
            m.Subgraphs.Add(Graph(0, null));
            m.Subgraphs.Add(Graph(0, null));

            var lifetimes = new TflmLifetimes(m);
            Assert.Equal(new[] { (0, 5), (1, 5) }, Pairs(lifetimes, 0));
            Assert.Equal(new[] { (2, 3), (3, 3) }, Pairs(lifetimes, 1));
            Assert.Equal(new[] { (4, 5), (5, 5) }, Pairs(lifetimes, 2));
            Assert.Equal(0, lifetimes.OperatorAt(1, 2));   // the cond subgraph's start
            Assert.Equal(0, lifetimes.OperatorAt(0, 4));   // inside the WHILE: operator 0 of subgraph 0
            var plan = ArenaPlanner.Plan(m);
            Assert.Equal(6, plan.Tensors.Count);
            Assert.All(plan.Tensors, t => Assert.Equal((0, 0), (t.FirstOperator, t.LastOperator)));
            Assert.Contains(plan.Notes, n => n.StartsWith("WHILE", StringComparison.Ordinal));
        }

        private static (int, int)[] Pairs(TflmLifetimes l, int s) => l.First[s].Zip(l.Last[s], (a, b) => (a, b)).ToArray();

        [Fact]
        public void Offline_plan_offsets_are_kept_and_the_rest_fills_around_them()
        {
            var model = BranchAndResidual();
            // OfflineMemoryAllocation: version 1, subgraph 0, 6 tensors; t1 fixed at 1024, others online.
            var words = new[] { 1, 0, 6, -1, 1024, -1, -1, -1, -1 };
            model.Buffers.Add(new McuAi.TfLite.Buffer { Data = words.SelectMany(BitConverter.GetBytes).ToArray(), HasDataField = true });
            model.Metadata.Add(new Metadata { Name = OfflinePlan.MetadataName, Buffer = 1 });
            var plan = ArenaPlanner.Plan(model);
            var t1 = plan.Tensors.Single(t => t.TensorIndex == 1);
            Assert.True(t1.OfflinePlanned);
            Assert.Equal(1024, t1.Offset);
            // t1 is placed first at 1024; t4 (512 B, not live with t1) then goes to 0.
            Assert.Equal(0, plan.Tensors.Single(t => t.TensorIndex == 4).Offset);
            AssertNoOverlap(plan);
        }

        [Fact]
        public void Offline_plan_with_the_wrong_tensor_count_is_a_coded_error()
        {
            var model = BranchAndResidual();
            var words = new[] { 1, 0, 5, -1, -1, -1, -1, -1 };
            model.Buffers.Add(new McuAi.TfLite.Buffer { Data = words.SelectMany(BitConverter.GetBytes).ToArray(), HasDataField = true });
            model.Metadata.Add(new Metadata { Name = OfflinePlan.MetadataName, Buffer = 1 });
            var e = Assert.Throws<McuAiException>(() => ArenaPlanner.Plan(model));
            Assert.Equal(DiagnosticCodes.OfflinePlanInvalid, e.Code);
            Assert.Contains("6 tensors", e.Message);
        }

        [Fact]
        public void Convolution_without_a_filter_is_a_coded_error_not_a_crash()
        {
            var model = BranchAndResidual();
            model.OperatorCodes.Add(new OperatorCode { BuiltinCode = (int)BuiltinOperator.CONV_2D });
            model.MainSubgraph.Operators[1] = new Operator { OpcodeIndex = 1, Inputs = new[] { 1, -1, -1 }, Outputs = new[] { 2 } };
            var e = Assert.Throws<McuAiException>(() => ArenaPlanner.Plan(model));
            Assert.Equal(DiagnosticCodes.InvalidOperator, e.Code);
            Assert.Contains("operator 1 (CONV_2D) has no filter", e.Message);
        }

        [Theory]
        [InlineData(8, 64, 24, 64, 24, 16)]
        [InlineData(4, 32, 12, 32, 12, 12)]
        public void TFLM_struct_sizes_follow_the_target(int pointerSize, int tensor, int evalTensor, int nodeAndRegistration,
            int affineQuantization, int scratchRequest)
        {
            // 64-bit host: int-sized enums; Cortex-M (arm-none-eabi): one-byte enums.
            var layout = new TflmStructLayout(pointerSize);
            Assert.Equal((tensor, evalTensor, nodeAndRegistration, affineQuantization, scratchRequest),
                (layout.Tensor, layout.EvalTensor, layout.NodeAndRegistration, layout.AffineQuantization, layout.ScratchBufferRequest));
        }

        [Fact]
        public void Greedy_planner_first_fit_uses_gaps_between_live_buffers()
        {
            // a [0,1] 100 at 0; b [1,2] 50 after a at 100; c [2,3] 80: a is dead, b at 100..150 is live,
            // the gap 0..100 fits 80 -> 0.
            var buffers = new[] { new PlannerBuffer(100, 0, 1), new PlannerBuffer(50, 1, 2), new PlannerBuffer(80, 2, 3) };
            var offsets = GreedyMemoryPlanner.Plan(buffers);
            Assert.Equal(new long[] { 0, 100, 0 }, offsets);
            Assert.Equal(150, GreedyMemoryPlanner.MaximumSize(buffers, offsets));
        }

        public static IEnumerable<object[]> Models => SharedData.ModelNames().Where(SharedData.TflmRuns).Select(n => new object[] { n });

        [Theory]
        [MemberData(nameof(Models))]
        public void Real_models_plans_never_overlap_and_the_peak_operator_reaches_the_head(string name)
        {
            var plan = ArenaPlanner.Plan(ModelReader.ReadFile(SharedData.ModelPath(name)), new ArenaOptions { PointerSize = 4, Kernels = KernelSet.CmsisNn });
            AssertNoOverlap(plan);
            long top = plan.Tensors.Where(t => t.Subgraph == 0 && t.FirstOperator <= plan.PeakOperatorIndex && plan.PeakOperatorIndex <= t.LastOperator)
                .Max(t => t.Offset + t.Size);
            Assert.Equal(plan.NonPersistentBytes, top);
        }

        [Fact]
        public void Margin_is_added_and_rounded_up_to_16_bytes()
        {
            Assert.Equal(1136, ArenaSizing.ApplyMargin(1072, 5));   // 1125.6 -> 1126 -> 1136
            Assert.Equal(1072, ArenaSizing.ApplyMargin(1072, 0));
            Assert.Equal(0, ArenaSizing.ApplyMargin(0, 10));
            Assert.Throws<ArgumentOutOfRangeException>(() => ArenaSizing.ApplyMargin(1000, -1));
        }

        [Theory]
        [InlineData("reference", true, KernelSet.Reference)]
        [InlineData("CMSIS-NN", true, KernelSet.CmsisNn)]
        [InlineData("cmsis_nn", true, KernelSet.CmsisNn)]
        [InlineData("ethos-u", false, KernelSet.Reference)]
        public void Kernel_set_names_parse(string text, bool ok, KernelSet expected)
        {
            Assert.Equal(ok, ArenaOptions.TryParseKernels(text, out var kernels));
            Assert.Equal(expected, kernels);
        }

        private static void AssertNoOverlap(ArenaPlan plan)
        {
            var ts = plan.Tensors;
            for (int i = 0; i < ts.Count; i++)
                for (int j = i + 1; j < ts.Count; j++)
                {
                    var a = ts[i];
                    var b = ts[j];
                    if (a.Subgraph != b.Subgraph) continue;
                    bool time = a.FirstOperator <= b.LastOperator && b.FirstOperator <= a.LastOperator;
                    bool space = a.Offset < b.Offset + b.Size && b.Offset < a.Offset + a.Size;
                    Assert.False(time && space, $"{a.Name} and {b.Name} share memory while both live");
                }
        }
    }
}
