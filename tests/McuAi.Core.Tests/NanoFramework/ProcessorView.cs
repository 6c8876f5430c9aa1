using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using McuAi.CodeGen.NanoFramework;
using Mono.Cecil;

namespace McuAi.Tests.NanoFramework
{
    /// <summary>
    /// A compiled assembly read the way nanoFramework's MetadataProcessor reads it for its native stubs and
    /// checksum, written for the tests from the processor's documented rules (docs/nanoframework.md), independently
    /// of the generator: types by full name (classes and value types; not interfaces, enums, delegates, nor
    /// ThisAssembly), each type's methods virtual first, then instance, then static; a method is native when it
    /// has no IL body (RVA 0) and is not abstract; names mangled from the real signatures.
    /// </summary>
    public sealed class ProcessorView
    {
        private static readonly string[] s_excluded = { "ThisAssembly", "System.Runtime.CompilerServices.RefSafetyRulesAttribute", "System.Runtime.CompilerServices.AccessedThroughPropertyAttribute" };

        /// <summary>One lookup-table entry per method of the included types, in table order: (class native name, method native name, native?).</summary>
        public List<(string Class, string Method, bool Native)> Entries { get; } = new();
        public string AssemblyName { get; private set; } = "";
        public IReadOnlyList<string> References { get; private set; } = Array.Empty<string>();

        public static ProcessorView Read(string path)
        {
            using var assembly = AssemblyDefinition.ReadAssembly(path);
            var view = new ProcessorView
            {
                AssemblyName = assembly.Name.Name,
                References = assembly.MainModule.AssemblyReferences.Select(r => r.Name).ToList(),
            };
            var types = assembly.MainModule.GetTypes().Where(t => t.FullName != "<Module>").OrderBy(t => t.FullName, StringComparer.Ordinal);
            foreach (var type in types.Where(Included))
            {
                string cls = (type.Namespace + "_" + type.Name).Replace('.', '_').TrimStart('_');
                var methods = type.Methods.Where(m => m.IsVirtual)
                    .Concat(type.Methods.Where(m => !m.IsVirtual && !m.IsStatic))
                    .Concat(type.Methods.Where(m => m.IsStatic));
                foreach (var m in methods)
                    view.Entries.Add((cls, Mangle(m), m.RVA == 0 && !m.IsAbstract));
            }
            return view;
        }

        /// <summary>The checksum over <see cref="Entries"/>: the CRC-32 primitive fed as the processor feeds it, before the first native method dropped.</summary>
        public uint Checksum()
        {
            uint crc = 0;
            bool counting = false;
            foreach (var (cls, method, native) in Entries)
            {
                var parts = native ? new[] { AssemblyName, cls, method } : new[] { "NULL" };
                foreach (string part in parts)
                    crc = NanoNativeChecksum.Update(counting ? crc : 0, Encoding.ASCII.GetBytes(part));
                counting |= native;
            }
            return counting ? crc : 0;
        }

        private static bool Included(TypeDefinition type) =>
            !type.IsInterface && !type.IsEnum && type.BaseType?.FullName is not ("System.MulticastDelegate" or "System.Delegate")
            && !s_excluded.Contains(type.FullName) && !s_excluded.Contains(type.DeclaringType?.FullName);

        private static string Mangle(MethodDefinition m) =>
            (m.Name + (m.IsStatic ? "___STATIC__" : "___") + string.Join("__", new[] { m.ReturnType }.Concat(m.Parameters.Select(p => p.ParameterType)).Select(Token)))
                .Replace('.', '_').Replace("/", "");

        private static string Token(TypeReference type) => type switch
        {
            ArrayType array => "SZARRAY_" + Token(array.ElementType),
            _ => type.FullName switch
            {
                "System.Void" => "VOID",
                "System.Boolean" => "BOOLEAN",
                "System.Char" => "CHAR",
                "System.SByte" => "I1",
                "System.Byte" => "U1",
                "System.Int16" => "I2",
                "System.UInt16" => "U2",
                "System.Int32" or "System.IntPtr" => "I4",
                "System.UInt32" or "System.UIntPtr" => "U4",
                "System.Int64" => "I8",
                "System.UInt64" => "U8",
                "System.Single" => "R4",
                "System.Double" => "R8",
                "System.String" => "STRING",
                "System.Object" => "OBJECT",
                _ => type.FullName.Replace(".", ""),
            },
        };
    }
}
