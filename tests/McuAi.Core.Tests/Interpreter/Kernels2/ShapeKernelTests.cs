using McuAi.Diagnostics;
using McuAi.TfLite;
using Xunit;
using McuAi.Runtime.C.Bench;

namespace McuAi.Tests.Interpreter.Kernels2
{
    /// <summary>Hand-computed results of the kernels that move or convert elements.</summary>
    public class ShapeKernelTests
    {
        [Fact]
        public void Pad_int8_fills_with_the_output_zero_point()
        {
            var y = new SingleOpModel(BuiltinOperator.PAD)
                .Input(TensorType.INT8, new[] { 1, 2 }, 0.5f, -3)
                .Constant(TensorType.INT32, new[] { 2, 2 }, new[] { 0, 0, 1, 2 })
                .Output(TensorType.INT8, new[] { 1, 5 }, 0.5f, -3)
                .Run<sbyte, sbyte>(new sbyte[] { 7, -8 });
            Assert.Equal(new sbyte[] { -3, 7, -8, -3, -3 }, y);
        }

        [Fact]
        public void Padv2_uses_its_constant_and_pads_every_dimension()
        {
            var y = new SingleOpModel(BuiltinOperator.PADV2)
                .Input(TensorType.FLOAT32, new[] { 1, 2 })
                .Constant(TensorType.INT32, new[] { 2, 2 }, new[] { 1, 0, 0, 1 })
                .Constant(TensorType.FLOAT32, new int[0], new[] { 9.5f })
                .Output(TensorType.FLOAT32, new[] { 2, 3 })
                .Run<float, float>(new[] { 1f, 2f });
            Assert.Equal(new[] { 9.5f, 9.5f, 9.5f, 1f, 2f, 9.5f }, y);
        }

        [Fact]
        public void Pad_with_paddings_that_do_not_give_the_output_shape_is_a_coded_error()
        {
            var model = new SingleOpModel(BuiltinOperator.PAD)
                .Input(TensorType.FLOAT32, new[] { 1, 2 })
                .Constant(TensorType.INT32, new[] { 2, 2 }, new[] { 0, 0, 1, 1 })
                .Output(TensorType.FLOAT32, new[] { 1, 5 });
            var e = Assert.Throws<McuAiException>(() => model.Build());
            Assert.Equal(DiagnosticCodes.InvalidOperator, e.Code);
        }

        private static int[] Slice(int[] input, int[] inShape, int[] begin, int[] end, int[] strides, int[] outShape,
            int beginMask = 0, int endMask = 0, int shrinkMask = 0, bool offset = false)
        {
            int n = begin.Length;
            return new SingleOpModel(BuiltinOperator.STRIDED_SLICE, "StridedSliceOptions",
                    ("begin_mask", beginMask), ("end_mask", endMask), ("shrink_axis_mask", shrinkMask), ("offset", offset))
                .Input(TensorType.INT32, inShape)
                .Constant(TensorType.INT32, new[] { n }, begin)
                .Constant(TensorType.INT32, new[] { n }, end)
                .Constant(TensorType.INT32, new[] { n }, strides)
                .Output(TensorType.INT32, outShape)
                .Run<int, int>(input);
        }

        [Fact]
        public void Strided_slice_resolves_negative_indices_strides_and_masks()
        {
            var seven = new[] { 0, 1, 2, 3, 4, 5, 6 };
            Assert.Equal(new[] { 1, 3, 5 }, Slice(seven, new[] { 7 }, new[] { 1 }, new[] { -1 }, new[] { 2 }, new[] { 3 }));
            // Negative stride with both masks: the whole axis reversed.
            Assert.Equal(new[] { 6, 5, 4, 3, 2, 1, 0 }, Slice(seven, new[] { 7 }, new[] { 0 }, new[] { 0 }, new[] { -1 }, new[] { 7 }, beginMask: 1, endMask: 1));
            // Out-of-range ends clamp; begin −3 is 4.
            Assert.Equal(new[] { 4, 5, 6 }, Slice(seven, new[] { 7 }, new[] { -3 }, new[] { 100 }, new[] { 1 }, new[] { 3 }));
            // offset: end counts from the resolved begin (−10 clamps to 0, so the end is 0 + 2).
            Assert.Equal(new[] { 0, 1 }, Slice(seven, new[] { 7 }, new[] { -10 }, new[] { 2 }, new[] { 1 }, new[] { 2 }, offset: true));
            // shrink_axis on axis 0 of [2, 3] takes row 1 and drops the axis.
            Assert.Equal(new[] { 3, 4, 5 }, Slice(new[] { 0, 1, 2, 3, 4, 5 }, new[] { 2, 3 }, new[] { 1, 0 }, new[] { 2, 3 }, new[] { 1, 1 }, new[] { 3 }, shrinkMask: 1));
        }

        [Fact]
        public void Strided_slice_with_an_ellipsis_mask_is_refused_with_a_coded_error()
        {
            var model = new SingleOpModel(BuiltinOperator.STRIDED_SLICE, "StridedSliceOptions", ("ellipsis_mask", 1))
                .Input(TensorType.INT32, new[] { 4 })
                .Constant(TensorType.INT32, new[] { 1 }, new[] { 0 })
                .Constant(TensorType.INT32, new[] { 1 }, new[] { 4 })
                .Constant(TensorType.INT32, new[] { 1 }, new[] { 1 })
                .Output(TensorType.INT32, new[] { 4 });
            var e = Assert.Throws<McuAiException>(() => model.Build());
            Assert.Equal(DiagnosticCodes.InterpreterUnsupportedOption, e.Code);
            Assert.Contains("STRIDED_SLICE", e.Message);
        }

        [Fact]
        public void Concatenation_interleaves_blocks_along_a_negative_axis()
        {
            var interpreter = new SingleOpModel(BuiltinOperator.CONCATENATION, "ConcatenationOptions", ("axis", -1))
                .Input(TensorType.INT32, new[] { 2, 2 })
                .Input(TensorType.INT32, new[] { 2, 1 })
                .Output(TensorType.INT32, new[] { 2, 3 })
                .Build();
            var y = SingleOpModel.Invoke<int>(interpreter, new[] { 1, 2, 3, 4 }, new[] { 5, 6 });
            Assert.Equal(new[] { 1, 2, 5, 3, 4, 6 }, y);
        }

        [Fact]
        public void Squeeze_and_transpose_move_elements()
        {
            var squeezed = new SingleOpModel(BuiltinOperator.SQUEEZE).Input(TensorType.FLOAT32, new[] { 1, 3, 1 }).Output(TensorType.FLOAT32, new[] { 3 })
                .Run<float, float>(new[] { 1f, 2f, 3f });
            Assert.Equal(new[] { 1f, 2f, 3f }, squeezed);
            var transposed = new SingleOpModel(BuiltinOperator.TRANSPOSE)
                .Input(TensorType.INT8, new[] { 2, 3 })
                .Constant(TensorType.INT32, new[] { 2 }, new[] { 1, 0 })
                .Output(TensorType.INT8, new[] { 3, 2 })
                .Run<sbyte, sbyte>(new sbyte[] { 1, 2, 3, 4, 5, 6 });
            Assert.Equal(new sbyte[] { 1, 4, 2, 5, 3, 6 }, transposed);
        }

        [Fact]
        public void Cast_truncates_floats_and_wraps_integers_like_static_cast()
        {
            var toInt8 = new SingleOpModel(BuiltinOperator.CAST).Input(TensorType.FLOAT32, new[] { 4 }).Output(TensorType.INT8, new[] { 4 })
                .Run<float, sbyte>(new[] { 1.9f, -1.9f, 100.5f, -0.5f });
            Assert.Equal(new sbyte[] { 1, -1, 100, 0 }, toInt8);
            var wrapped = new SingleOpModel(BuiltinOperator.CAST).Input(TensorType.INT32, new[] { 3 }).Output(TensorType.INT8, new[] { 3 })
                .Run<int, sbyte>(new[] { 300, -129, 127 });
            Assert.Equal(new sbyte[] { 44, 127, 127 }, wrapped);
            var signed = new SingleOpModel(BuiltinOperator.CAST).Input(TensorType.UINT32, new[] { 2 }).Output(TensorType.INT32, new[] { 2 })
                .Run<uint, int>(new[] { 4294967295u, 7u });
            Assert.Equal(new[] { -1, 7 }, signed);
            var toFloat = new SingleOpModel(BuiltinOperator.CAST).Input(TensorType.INT16, new[] { 2 }).Output(TensorType.FLOAT32, new[] { 2 })
                .Run<short, float>(new short[] { -32768, 5 });
            Assert.Equal(new[] { -32768f, 5f }, toFloat);
        }
    }
}
