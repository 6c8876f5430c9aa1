using System.Collections.Generic;

namespace McuAi.CodeGen.Views
{
    /// <summary>What the project-wide templates (combined resolver, arena constants, CMake list) see.</summary>
    public sealed class CombinedView
    {
        public string Banner { get; internal set; } = "";
        public IReadOnlyList<CombinedModelView> Models { get; internal set; } = new CombinedModelView[0];
        public int ModelCount => Models.Count;
        /// <summary>Union of the models' ops.</summary>
        public IReadOnlyList<OpView> Ops { get; internal set; } = new OpView[0];
        public int OpCount => Ops.Count;
        public IReadOnlyList<OpView> Hooks { get; internal set; } = new OpView[0];
        /// <summary>One arena reused by models run one after another: the largest arena.</summary>
        public long ArenaSizeSequential { get; internal set; }
        /// <summary>Interpreters alive at the same time: the sum of the arenas (each rounded up to the alignment).</summary>
        public long ArenaSizeConcurrent { get; internal set; }
        /// <summary>The largest alignment of the models.</summary>
        public int Alignment { get; internal set; }
        /// <summary>True when a model uses the .incbin form (the assembler then needs the folder on its include path).</summary>
        public bool AnyIncbin { get; internal set; }
        /// <summary>The folders of the models' files, each once, the combined files' folder first (CMake expressions, escaped).</summary>
        public IReadOnlyList<string> IncludeDirs { get; internal set; } = new string[0];
        /// <summary>The folders that hold .incbin copies of models, each once (CMake expressions, escaped).</summary>
        public IReadOnlyList<string> IncbinDirs { get; internal set; } = new string[0];
        public string TflmCommit { get; internal set; } = "";
        /// <summary>The C sources of every Runtime="c" model, each file once (kernels are shared).</summary>
        public IReadOnlyList<string> CSources { get; internal set; } = new string[0];
        /// <summary>True when some model is compiled to C.</summary>
        public bool AnyCRuntime => CSources.Count > 0;
    }

    public sealed class CombinedModelView
    {
        public string Symbol { get; internal set; } = "";
        public string SourceComment { get; internal set; } = "";
        public long ArenaSize { get; internal set; }
        /// <summary>The folder of this model's files, for mcuai_models.cmake: <c>${CMAKE_CURRENT_LIST_DIR}</c> or a path from it (escaped).</summary>
        public string Folder { get; internal set; } = "";
        /// <summary>Sources that compile without TFLM (the model array).</summary>
        public IReadOnlyList<string> DataSources { get; internal set; } = new string[0];
        /// <summary>Sources that need TFLM (the C API over the interpreter).</summary>
        public IReadOnlyList<string> TflmSources { get; internal set; } = new string[0];
        /// <summary>True when the model is compiled to C (Runtime="c"): its sources are <see cref="CSources"/>.</summary>
        public bool IsCRuntime { get; internal set; }
        /// <summary>Runtime="c": the model's C sources and the kernels it calls (shared with other models of the folder).</summary>
        public IReadOnlyList<string> CSources { get; internal set; } = new string[0];
    }
}
