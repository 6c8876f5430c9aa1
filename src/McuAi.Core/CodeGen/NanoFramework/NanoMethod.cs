using System.Collections.Generic;
using System.Linq;

namespace McuAi.CodeGen.NanoFramework
{
    /// <summary>
    /// One method of a class as the nanoFramework MetadataProcessor sees it: its name, whether it is static or
    /// virtual, its signature, and whether it is implemented natively (an <c>extern</c> method with
    /// <c>MethodImplOptions.InternalCall</c>, which has no IL body: RVA 0).
    /// </summary>
    public sealed class NanoMethod
    {
        public NanoMethod(string name, NanoType returnType, IReadOnlyList<NanoType> parameters, bool isNative, bool isStatic = true, bool isVirtual = false)
        {
            Name = name;
            ReturnType = returnType;
            Parameters = parameters;
            IsNative = isNative;
            IsStatic = isStatic;
            IsVirtual = isVirtual;
        }

        public string Name { get; }
        public NanoType ReturnType { get; }
        public IReadOnlyList<NanoType> Parameters { get; }
        public bool IsNative { get; }
        public bool IsStatic { get; }
        public bool IsVirtual { get; }

        /// <summary>
        /// The MetadataProcessor's native name: the method name, <c>___STATIC__</c> for a static method or
        /// <c>___</c> for an instance method, then the return type and each parameter type joined by <c>__</c>
        /// (<c>SetInput___STATIC__VOID__I4__SZARRAY_I1</c>); '.' becomes '_' and '/' is dropped.
        /// Overloads differ in it, so each gets its own native function.
        /// </summary>
        public string NativeName =>
            (Name + (IsStatic ? "___STATIC__" : "___") + string.Join("__", new[] { ReturnType }.Concat(Parameters).Select(t => t.Token)))
                .Replace('.', '_').Replace("/", "");
    }

    /// <summary>A class (or value type) of an interop assembly, with its methods in declaration (metadata) order.</summary>
    public sealed class NanoClass
    {
        public NanoClass(string @namespace, string name, IReadOnlyList<NanoMethod> methods)
        {
            Namespace = @namespace;
            Name = name;
            Methods = methods;
        }

        public string Namespace { get; }
        public string Name { get; }
        /// <summary>The methods in the order the compiler emits them (the order of the declarations).</summary>
        public IReadOnlyList<NanoMethod> Methods { get; }

        public string FullName => Namespace.Length == 0 ? Name : Namespace + "." + Name;

        /// <summary>The MetadataProcessor's class name: namespace and name joined by '_', '.' as '_', leading '_' trimmed.</summary>
        public string NativeName => (Namespace + "_" + Name).Replace('.', '_').TrimStart('_');

        /// <summary>
        /// The methods in the order the MetadataProcessor lays out its method table (and so the native lookup
        /// table and the checksum): virtual methods, then the other instance methods, then the static ones,
        /// each group in declaration order.
        /// </summary>
        public IEnumerable<NanoMethod> MethodTableOrder =>
            Methods.Where(m => m.IsVirtual)
                .Concat(Methods.Where(m => !m.IsVirtual && !m.IsStatic))
                .Concat(Methods.Where(m => m.IsStatic));
    }
}
