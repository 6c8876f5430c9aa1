namespace McuAi.TfLite
{
    /// <summary>
    /// The layout of every builtin-options table of the TFLite schema, in a compact form that
    /// <see cref="OptionsSchema"/> parses once. The order of the lines is the order of the union
    /// (line k is union index k + 1), and the order of the fields is their field id.
    /// Types: bool, byte, ubyte, short, ushort, int, uint, long, ulong, float, double, string, an enum name
    /// (stored as its underlying type, see <see cref="OptionsSchema"/>), or a vector [T]. "=x" gives a default;
    /// "!" marks a deprecated field (kept so that later ids stay right).
    /// </summary>
    internal static class OptionsSchemaText
    {
        public const string BuiltinOptions = @"
Conv2DOptions: padding:Padding stride_w:int stride_h:int fused_activation_function:ActivationFunctionType dilation_w_factor:int=1 dilation_h_factor:int=1 quantized_bias_type:TensorType
DepthwiseConv2DOptions: padding:Padding stride_w:int stride_h:int depth_multiplier:int fused_activation_function:ActivationFunctionType dilation_w_factor:int=1 dilation_h_factor:int=1
ConcatEmbeddingsOptions: num_channels:int num_columns_per_channel:[int] embedding_dim_per_channel:[int]
LSHProjectionOptions: type:LSHProjectionType
Pool2DOptions: padding:Padding stride_w:int stride_h:int filter_width:int filter_height:int fused_activation_function:ActivationFunctionType
SVDFOptions: rank:int fused_activation_function:ActivationFunctionType asymmetric_quantize_inputs:bool
RNNOptions: fused_activation_function:ActivationFunctionType asymmetric_quantize_inputs:bool
FullyConnectedOptions: fused_activation_function:ActivationFunctionType weights_format:FullyConnectedOptionsWeightsFormat keep_num_dims:bool asymmetric_quantize_inputs:bool quantized_bias_type:TensorType
SoftmaxOptions: beta:float
ConcatenationOptions: axis:int fused_activation_function:ActivationFunctionType
AddOptions: fused_activation_function:ActivationFunctionType pot_scale_int16:bool=true
L2NormOptions: fused_activation_function:ActivationFunctionType
LocalResponseNormalizationOptions: radius:int bias:float alpha:float beta:float
LSTMOptions: fused_activation_function:ActivationFunctionType cell_clip:float proj_clip:float kernel_type:LSTMKernelType asymmetric_quantize_inputs:bool
ResizeBilinearOptions: new_height:int! new_width:int! align_corners:bool half_pixel_centers:bool
CallOptions: subgraph:uint
ReshapeOptions: new_shape:[int]
SkipGramOptions: ngram_size:int max_skip_size:int include_all_ngrams:bool
SpaceToDepthOptions: block_size:int
EmbeddingLookupSparseOptions: combiner:CombinerType
MulOptions: fused_activation_function:ActivationFunctionType
PadOptions:
GatherOptions: axis:int batch_dims:int
BatchToSpaceNDOptions:
SpaceToBatchNDOptions:
TransposeOptions:
ReducerOptions: keep_dims:bool
SubOptions: fused_activation_function:ActivationFunctionType pot_scale_int16:bool=true
DivOptions: fused_activation_function:ActivationFunctionType
SqueezeOptions: squeeze_dims:[int]
SequenceRNNOptions: time_major:bool fused_activation_function:ActivationFunctionType asymmetric_quantize_inputs:bool
StridedSliceOptions: begin_mask:int end_mask:int ellipsis_mask:int new_axis_mask:int shrink_axis_mask:int offset:bool
ExpOptions:
TopKV2Options:
SplitOptions: num_splits:int
LogSoftmaxOptions:
CastOptions: in_data_type:TensorType out_data_type:TensorType
DequantizeOptions:
MaximumMinimumOptions:
ArgMaxOptions: output_type:TensorType
LessOptions:
NegOptions:
PadV2Options:
GreaterOptions:
GreaterEqualOptions:
LessEqualOptions:
SelectOptions:
SliceOptions:
TransposeConvOptions: padding:Padding stride_w:int stride_h:int fused_activation_function:ActivationFunctionType quantized_bias_type:TensorType
SparseToDenseOptions: validate_indices:bool
TileOptions:
ExpandDimsOptions:
EqualOptions:
NotEqualOptions:
ShapeOptions: out_type:TensorType
PowOptions:
ArgMinOptions: output_type:TensorType
FakeQuantOptions: min:float max:float num_bits:int narrow_range:bool
PackOptions: values_count:int axis:int
LogicalOrOptions:
OneHotOptions: axis:int
LogicalAndOptions:
LogicalNotOptions:
UnpackOptions: num:int axis:int
FloorDivOptions:
SquareOptions:
ZerosLikeOptions:
FillOptions:
BidirectionalSequenceLSTMOptions: fused_activation_function:ActivationFunctionType cell_clip:float proj_clip:float merge_outputs:bool time_major:bool=true asymmetric_quantize_inputs:bool
BidirectionalSequenceRNNOptions: time_major:bool fused_activation_function:ActivationFunctionType merge_outputs:bool asymmetric_quantize_inputs:bool
UnidirectionalSequenceLSTMOptions: fused_activation_function:ActivationFunctionType cell_clip:float proj_clip:float time_major:bool asymmetric_quantize_inputs:bool diagonal_recurrent_tensors:bool
FloorModOptions:
RangeOptions:
ResizeNearestNeighborOptions: align_corners:bool half_pixel_centers:bool
LeakyReluOptions: alpha:float
SquaredDifferenceOptions:
MirrorPadOptions: mode:MirrorPadMode
AbsOptions:
SplitVOptions: num_splits:int
UniqueOptions: idx_out_type:TensorType=2
ReverseV2Options:
AddNOptions:
GatherNdOptions:
CosOptions:
WhereOptions:
RankOptions:
ReverseSequenceOptions: seq_dim:int batch_dim:int
MatrixDiagOptions:
QuantizeOptions:
MatrixSetDiagOptions:
HardSwishOptions:
IfOptions: then_subgraph_index:int else_subgraph_index:int
WhileOptions: cond_subgraph_index:int body_subgraph_index:int
DepthToSpaceOptions: block_size:int
NonMaxSuppressionV4Options:
NonMaxSuppressionV5Options:
ScatterNdOptions:
SelectV2Options:
DensifyOptions:
SegmentSumOptions:
BatchMatMulOptions: adj_x:bool adj_y:bool asymmetric_quantize_inputs:bool
CumsumOptions: exclusive:bool reverse:bool
CallOnceOptions: init_subgraph_index:int
BroadcastToOptions:
Rfft2dOptions:
Conv3DOptions: padding:Padding stride_d:int stride_w:int stride_h:int fused_activation_function:ActivationFunctionType dilation_d_factor:int=1 dilation_w_factor:int=1 dilation_h_factor:int=1
HashtableOptions: table_id:int key_dtype:TensorType value_dtype:TensorType
HashtableFindOptions:
HashtableImportOptions:
HashtableSizeOptions:
VarHandleOptions: container:string shared_name:string
ReadVariableOptions:
AssignVariableOptions:
RandomOptions: seed:long seed2:long
BucketizeOptions: boundaries:[float]
GeluOptions: approximate:bool
DynamicUpdateSliceOptions:
UnsortedSegmentProdOptions:
UnsortedSegmentMaxOptions:
UnsortedSegmentMinOptions:
UnsortedSegmentSumOptions:
ATan2Options:
SignOptions:
BitcastOptions:
BitwiseXorOptions:
RightShiftOptions:
";

        public const string BuiltinOptions2 = @"
StablehloConcatenateOptions: dimension:long
StablehloBroadcastInDimOptions: broadcast_dimensions:[long]
StablehloSliceOptions: start_indices:[long] limit_indices:[long] strides:[long]
StablehloConvolutionOptions: window_strides:[long] padding:[long] lhs_dilation:[long] rhs_dilation:[long] window_reversal:[bool] input_batch_dimension:long input_feature_dimension:long input_spatial_dimensions:[long] kernel_input_feature_dimension:long kernel_output_feature_dimension:long kernel_spatial_dimensions:[long] output_batch_dimension:long output_feature_dimension:long output_spatial_dimensions:[long] feature_group_count:long batch_group_count:long precision_config:[StablehloPrecisionConfig]
StablehloCustomCallOptions: call_target_name:string has_side_effect:bool backend_config:string api_version:int called_computations:[int] custom_attributes:[ubyte]
StablehloReduceOptions: dimensions:[long] body_subgraph_index:int
StablehloScatterOptions: indices_are_sorted:bool update_window_dims:[long] inserted_window_dims:[long] scatter_dims_to_operand_dims:[long] index_vector_dim:long unique_indices:bool update_computation_subgraph_index:int
StablehloCompareOptions: comparison_direction:StablehloComparisonDirection compare_type:StablehloComparisonType
StablehloDynamicSliceOptions: slice_sizes:[long]
StablehloPadOptions: edge_padding_low:[long] edge_padding_high:[long] interior_padding:[long]
StablehloIotaOptions: iota_dimension:long
StablehloDotGeneralOptions: lhs_batching_dimensions:[long] rhs_batching_dimensions:[long] lhs_contracting_dimensions:[long] rhs_contracting_dimensions:[long] precision_config:[StablehloPrecisionConfig]
StablehloReduceWindowOptions: window_dimensions:[long] window_strides:[long] base_dilations:[long] window_dilations:[long] padding:[long] body_subgraph_index:int
StablehloSortOptions: dimension:long is_stable:bool comparator_subgraph_index:int
StablehloWhileOptions: cond_subgraph_index:int body_subgraph_index:int
StablehloGatherOptions: offset_dims:[long] collapsed_slice_dims:[long] start_index_map:[long] index_vector_dim:long slice_sizes:[long] indices_are_sorted:bool
StablehloTransposeOptions: permutation:[long]
DilateOptions:
StablehloRngBitGeneratorOptions: algorithm:RngAlgorithm
ReduceWindowOptions: reduce_function:ReduceWindowFunction
";

        /// <summary>Enums used by options fields, with their underlying storage type.</summary>
        public const string Enums = @"
Padding:byte ActivationFunctionType:byte TensorType:byte FullyConnectedOptionsWeightsFormat:byte
LSHProjectionType:byte LSTMKernelType:byte CombinerType:byte MirrorPadMode:byte RngAlgorithm:byte
StablehloComparisonDirection:uint StablehloComparisonType:uint StablehloPrecisionConfig:uint ReduceWindowFunction:int
";
    }
}
