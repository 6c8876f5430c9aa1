namespace McuAi.Diagnostics
{
    /// <summary>
    /// Every diagnostic code of McuAi.Build, one range per layer (see README, "Diagnostics").
    /// A code has exactly one meaning; add new ones at the end of their range.
    /// </summary>
    public static class DiagnosticCodes
    {
        // MCUAI0001-0999: model file format.
        /// <summary>The model file does not exist or cannot be read.</summary>
        public const string ModelFileUnreadable = "MCUAI0001";
        /// <summary>The file is empty or too short to be a FlatBuffer.</summary>
        public const string ModelFileTooShort = "MCUAI0002";
        /// <summary>Bytes 4-7 are not the TFLite file identifier "TFL3".</summary>
        public const string WrongFileIdentifier = "MCUAI0003";
        /// <summary>An offset, length or vtable in the FlatBuffer points outside the file or is malformed.</summary>
        public const string MalformedFlatBuffer = "MCUAI0004";
        /// <summary>An index (tensor, buffer, opcode, subgraph) is out of range.</summary>
        public const string IndexOutOfRange = "MCUAI0005";
        /// <summary>A tensor shape has a negative dimension or an element count that overflows.</summary>
        public const string InvalidShape = "MCUAI0006";
        /// <summary>The graph is not in execution order: an operator reads a tensor that it or a later operator produces.</summary>
        public const string GraphOrder = "MCUAI0007";
        /// <summary>The model has no subgraph, or subgraph 0 is unusable.</summary>
        public const string NoSubgraph = "MCUAI0008";
        /// <summary>The model's structure decodes to far more elements than its size allows (offsets shared to blow up memory).</summary>
        public const string DecodeBudgetExceeded = "MCUAI0009";
        /// <summary>A feature of the format that McuAi.Build does not support (sparse tensors, external buffers beyond the file).</summary>
        public const string UnsupportedFormatFeature = "MCUAI0010";
        /// <summary>A tensor's constant buffer does not have the size its shape and type require.</summary>
        public const string BufferSizeMismatch = "MCUAI0011";
        /// <summary>The model file cannot be written (folder missing, not writable, disk full).</summary>
        public const string ModelFileUnwritable = "MCUAI0012";
        /// <summary>An operator's custom options (a FlexBuffer) are malformed, or lack or mistype a parameter the op needs.</summary>
        public const string InvalidCustomOptions = "MCUAI0013";
        /// <summary>An operator's builtin options are not the table its op takes (another table of the union, an unknown union type).</summary>
        public const string OptionsTableMismatch = "MCUAI0014";
        /// <summary>A tensor's quantization is malformed: a zero point beyond 32 bits, a non-finite or negative scale, a negative quantized dimension.</summary>
        public const string InvalidQuantization = "MCUAI0015";

        // MCUAI1000-1999: model content and TFLM support.
        /// <summary>Hybrid model: float activations with int8 weights, which TFLM does not run.</summary>
        public const string HybridModel = "MCUAI1001";
        /// <summary>An operator that TFLM does not implement.</summary>
        public const string UnsupportedOp = "MCUAI1002";
        /// <summary>A tensor with a dynamic (-1) dimension.</summary>
        public const string DynamicShape = "MCUAI1003";
        /// <summary>Several subgraphs (control flow).</summary>
        public const string MultipleSubgraphs = "MCUAI1004";
        /// <summary>Variable (stateful) tensors.</summary>
        public const string VariableTensors = "MCUAI1005";
        /// <summary>A custom operator that is not one of TFLM's Signal ops.</summary>
        public const string CustomOp = "MCUAI1006";
        /// <summary>An operator version newer than the stated TFLM version supports.</summary>
        public const string OpVersionTooNew = "MCUAI1007";
        /// <summary>A tensor type that TFLM or the interpreter does not support for this op.</summary>
        public const string UnsupportedType = "MCUAI1008";
        /// <summary>The interpreter was given input data of the wrong size.</summary>
        public const string InputSizeMismatch = "MCUAI1009";
        /// <summary>The interpreter does not implement this op (yet).</summary>
        public const string InterpreterUnsupportedOp = "MCUAI1010";
        /// <summary>An operator's tensors are inconsistent (shapes, missing inputs).</summary>
        public const string InvalidOperator = "MCUAI1011";
        /// <summary>An operator option has a value outside its range (a stride, dilation or filter size below 1, an enum value the schema does not define).</summary>
        public const string OptionOutOfRange = "MCUAI1012";
        /// <summary>The interpreter's output file could not be written.</summary>
        public const string InterpreterOutputWriteFailed = "MCUAI1021";
        /// <summary>The report files (Markdown, JSON, SVG) could not be written to the output folder.</summary>
        public const string ReportWriteFailed = "MCUAI1101";
        /// <summary>The model's OfflineMemoryAllocation metadata is malformed or does not match its tensor count.</summary>
        public const string OfflinePlanInvalid = "MCUAI1040";


        // MCUAI2000-2999: code generation.
        /// <summary>The symbol is not a valid C identifier (or is a keyword or reserved name).</summary>
        public const string InvalidSymbol = "MCUAI2001";
        /// <summary>The C++ namespace is not a valid (possibly nested, a::b) C++ namespace name.</summary>
        public const string InvalidNamespace = "MCUAI2002";
        /// <summary>The alignment is not a power of two from 8 to 65536.</summary>
        public const string InvalidAlignment = "MCUAI2003";
        /// <summary>The linker section name has characters other than letters, digits, '_', '.', '$'.</summary>
        public const string InvalidSection = "MCUAI2004";
        /// <summary>A template does not parse or fails to render (unknown name, a limit reached); names the template file, line and column.</summary>
        public const string TemplateError = "MCUAI2005";
        /// <summary>A .scriban file in the template directory matches no built-in template name (and is not an '_' partial).</summary>
        public const string UnknownTemplate = "MCUAI2006";
        /// <summary>The template directory does not exist.</summary>
        public const string TemplateDirectoryMissing = "MCUAI2007";
        /// <summary>A generated file could not be written.</summary>
        public const string OutputWriteFailed = "MCUAI2008";
        /// <summary>The explicit arena size is not a positive number that fits in 32 bits, or the target pointer size is not 4 or 8.</summary>
        public const string InvalidArenaOption = "MCUAI2009";
        /// <summary>Warning: the explicit arena size is smaller than the planned one; AllocateTensors will likely fail.</summary>
        public const string ArenaSizeBelowPlan = "MCUAI2010";
        /// <summary>Two models have the same symbol, or symbols that differ only in case, in one combined generation or one output folder.</summary>
        public const string CombinedSymbolClash = "MCUAI2011";
        /// <summary>The template directory holds Handlebars (.hbs) templates: the templates are Scriban (.scriban) now.</summary>
        public const string HandlebarsTemplate = "MCUAI2012";

        // MCUAI3000-3999: quantization and its data (NumPy files, calibration, validation).
        /// <summary>A data file (.npy/.npz) or data folder does not exist or cannot be read.</summary>
        public const string DataFileUnreadable = "MCUAI3001";
        /// <summary>A .npy/.npz file is malformed: bad magic, header, shape, or data size.</summary>
        public const string MalformedNpy = "MCUAI3002";
        /// <summary>A .npy feature McuAi.Build does not read: big-endian data, Fortran order, object or structured dtypes.</summary>
        public const string UnsupportedNpyFeature = "MCUAI3003";
        /// <summary>Calibration or validation data holds no samples.</summary>
        public const string DataEmpty = "MCUAI3004";
        /// <summary>Calibration or validation data does not match the model's inputs (count or shape).</summary>
        public const string DataShapeMismatch = "MCUAI3005";
        /// <summary>Calibration or validation data has the wrong element type (float32 data is needed for float inputs).</summary>
        public const string DataTypeMismatch = "MCUAI3006";
        /// <summary>Calibration or validation data contains NaN or infinity.</summary>
        public const string DataNotFinite = "MCUAI3007";
        /// <summary>A data file (.npy) or a cache entry could not be written.</summary>
        public const string DataFileUnwritable = "MCUAI3008";
        /// <summary>A .npz archive declares more data than McuAi.Build reads from one file (a stated limit that stops zip bombs).</summary>
        public const string DataTooLarge = "MCUAI3009";
        /// <summary>An operator the quantizer cannot handle (or, in 16x8 mode, that TFLM has no int16 kernel for).</summary>
        public const string QuantizerUnsupportedOp = "MCUAI3010";
        /// <summary>A model feature the quantizer cannot handle (several subgraphs, float16 weights, missing ranges).</summary>
        public const string QuantizerUnsupportedModel = "MCUAI3011";
        /// <summary>The model is already quantized: nothing to do (info).</summary>
        public const string AlreadyQuantized = "MCUAI3020";
        /// <summary>Dynamic-range (weights-only) quantization makes a hybrid model, which TFLM does not run (warning).</summary>
        public const string HybridResult = "MCUAI3021";
        /// <summary>Weight scales of channels whose bias would overflow int32 were raised (info).</summary>
        public const string BiasScaleAdjusted = "MCUAI3022";
        /// <summary>An accuracy gate (MinCosine, MaxL2Error, MinTop1Agreement) is violated.</summary>
        public const string AccuracyGateFailed = "MCUAI3030";
        /// <summary>The float and quantized models given to validation do not have matching inputs and outputs.</summary>
        public const string ValidationModelMismatch = "MCUAI3031";
        /// <summary>A quantization option has an invalid value (mode, method, io type, gate, percentile).</summary>
        public const string QuantizationOptionInvalid = "MCUAI3040";

        // MCUAI3050-3069: model simplification (channel pruning, weight pruning, 4-bit weights).
        /// <summary>A pruning or weight-bits option has an invalid value, or options that cannot go together.</summary>
        public const string SimplificationOptionInvalid = "MCUAI3050";
        /// <summary>Warning: channel pruning found no channel it may remove (every channel space is frozen).</summary>
        public const string NothingToPrune = "MCUAI3051";
        /// <summary>Info: weight (magnitude) pruning keeps the format, so it saves nothing with TFLM.</summary>
        public const string SparsityNoSavingWithTflm = "MCUAI3052";
        /// <summary>4-bit weights need an int8 model (Quantize="int8", or an int8 model).</summary>
        public const string WeightBitsNeedInt8 = "MCUAI3053";
        /// <summary>Info: layers whose weights stay at 8 bits (the accuracy gate with WeightBits="auto", or shared weights).</summary>
        public const string WeightsKeptAt8Bits = "MCUAI3054";

        // MCUAI4000-4999: project, item metadata and budgets (the MSBuild SDK).
        // (MCUAI4001 is not used: an invalid Symbol is MCUAI2001, also when the SDK finds it.)
        /// <summary>A McuAiModel metadata value without a code-generation code is invalid (ArenaKernels, Strip, DataFormat, Quantize and the quantization metadata).</summary>
        public const string InvalidItemMetadata = "MCUAI4002";
        /// <summary>Two McuAiModel items have the same Symbol.</summary>
        public const string DuplicateSymbol = "MCUAI4004";
        /// <summary>The models need more flash than McuAiFlashBudget allows.</summary>
        public const string FlashBudgetExceeded = "MCUAI4005";
        /// <summary>The models' arenas need more RAM than McuAiRamBudget allows.</summary>
        public const string RamBudgetExceeded = "MCUAI4006";
        /// <summary>A project property of the SDK is invalid (a budget that is not a number).</summary>
        public const string InvalidProjectProperty = "MCUAI4007";
        /// <summary>An unexpected failure inside the SDK's tasks (a bug in McuAi.Build).</summary>
        public const string InternalError = "MCUAI4008";
        // (MCUAI4009 is not used: a generated file that cannot be written is MCUAI2008.)
        /// <summary>A McuAiModel item names a model file that does not exist.</summary>
        public const string ModelNotFound = "MCUAI4010";
        /// <summary>A McuAiModel item asks for int8/int16x8 quantization without Calibration data, or its Calibration matches no file.</summary>
        public const string CalibrationMissing = "MCUAI4011";
        /// <summary>A command-line option or argument of `mcuai` is unknown, missing, or has a value that cannot be read.</summary>
        public const string CommandLineInvalid = "MCUAI4012";
        /// <summary>The build runs on MSBuild older than 18 (Visual Studio 2022, .NET SDK 9), which cannot run the SDK's .NET 10 tasks (raised by the targets).</summary>
        public const string MSBuildTooOld = "MCUAI4013";

        // MCUAI5000-5999: CMake and the cross-compiler.
        /// <summary>The compiler reported an error during the CMake build.</summary>
        public const string CompilerError = "MCUAI5001";
        /// <summary>The compiler reported a warning during the CMake build.</summary>
        public const string CompilerWarning = "MCUAI5002";
        /// <summary>CMake (configure or build) failed without a compiler error that names a file.</summary>
        public const string CMakeFailed = "MCUAI5003";
        /// <summary>The cmake program cannot be started.</summary>
        public const string CMakeNotFound = "MCUAI5004";
        /// <summary>CMakeSourceDir does not contain a CMakeLists.txt.</summary>
        public const string CMakeSourceDirInvalid = "MCUAI5005";

        // MCUAI6000-6999: the C backend (Runtime="c") and firmware targets. 6001-6099: the C backend.
        /// <summary>An op, or an op on these tensor types, that the C backend (Runtime="c") does not lower; use Runtime="tflm".</summary>
        public const string CBackendUnsupportedOp = "MCUAI6001";
        /// <summary>A model the C backend cannot compile although its ops are supported (a constant output, a tensor layout it cannot express).</summary>
        public const string CBackendLoweringFailed = "MCUAI6002";
        /// <summary>The self-test vector count is out of range (0-1000).</summary>
        public const string SelfTestInvalid = "MCUAI6003";
        /// <summary>The C backend's optimization goal is neither "speed" nor "size" (Optimize, --optimize).</summary>
        public const string OptimizeInvalid = "MCUAI6004";
        // MCUAI6501 and up: .NET nanoFramework.
        /// <summary>A nanoFramework namespace, class or assembly name is not a C# (dotted) identifier.</summary>
        public const string NanoFrameworkInvalidName = "MCUAI6501";
        /// <summary>The nanoFramework native version is not major.minor[.build[.revision]] with 16-bit numbers.</summary>
        public const string NanoFrameworkInvalidVersion = "MCUAI6502";
        /// <summary>The incbin data format cannot be built by nf-interpreter's interop modules.</summary>
        public const string NanoFrameworkIncbin = "MCUAI6503";
        /// <summary>Two models of one project would share a nanoFramework interop assembly (one model per assembly).</summary>
        public const string NanoFrameworkAssemblyClash = "MCUAI6504";
        /// <summary>An operator option the interpreter (like TFLM) does not support, such as STRIDED_SLICE's ellipsis_mask.</summary>
        public const string InterpreterUnsupportedOption = "MCUAI1030";
        /// <summary>An arithmetic fault while running a model that TFLM would trap on (integer division by zero).</summary>
        public const string InterpreterArithmeticError = "MCUAI1031";
        /// <summary>The model needs more memory or work per inference than the interpreter's stated limits (256 MiB, 2^28 operations).</summary>
        public const string InterpreterLimit = "MCUAI1032";
    }
}
