namespace McuAi.CodeGen.Views
{
    /// <summary>One line of a generated resolver: a TFLM Add method, or a user hook for an unknown custom op.</summary>
    public sealed class OpView
    {
        internal OpView(OpRegistration registration, string hookPrefix)
        {
            OpComment = CText.Comment(registration.OpName);
            Method = registration.Method;
            IsHook = registration.IsCustomHook;
            Hook = registration.IsCustomHook ? hookPrefix + "_register_custom_" + registration.HookSuffix : null;
        }

        /// <summary>The op name for a comment (CUSTOM:&lt;name&gt; escaped).</summary>
        public string OpComment { get; }
        /// <summary>The MicroMutableOpResolver method, e.g. AddConv2D; null for a hook.</summary>
        public string? Method { get; }
        public bool IsHook { get; }
        /// <summary>The function the user defines for an unknown custom op, e.g. kws_register_custom_MyOp.</summary>
        public string? Hook { get; }
    }
}
