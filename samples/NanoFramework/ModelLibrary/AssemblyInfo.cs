using System.Reflection;

[assembly: AssemblyTitle("McuAi.Samples.KeywordModel")]
// The native version the firmware's CLR_RT_NativeAssemblyData declares (McuAiModel NanoFrameworkNativeVersion).
[assembly: AssemblyNativeVersion("1.0.0.0")]
