using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using McuAi.Fuzz.Tree;

namespace McuAi.Fuzz.Mutation
{
    /// <summary>
    /// Mutations of the encoded bytes at places the encoder recorded: an offset aimed at another object of
    /// the same kind (or of another kind, or outside the file), a vector length too long or huge, a vtable
    /// or soffset corrupted, a scalar overwritten. What the graph cannot express (a wrong length, a vtable
    /// that lies) is done here.
    /// </summary>
    public static class RawMutations
    {
        public static string? Apply(EncodedBuffer encoded, Random random)
        {
            var bytes = encoded.Bytes;
            var sites = encoded.Sites;
            if (sites.Count == 0) return null;
            switch (random.Next(5))
            {
                case 0: return Offset(bytes, sites, random);
                case 1: return Length(bytes, sites, random);
                case 2: return Vtable(bytes, sites, random);
                case 3: return SOffset(bytes, sites, random);
                default: return Scalar(bytes, sites, random);
            }
        }

        private static Site? PickSite(IReadOnlyList<Site> sites, SiteKind kind, Random random)
        {
            // Sample a few times rather than filter the whole list: a mutant may have hundreds of thousands of sites.
            for (int tries = 0; tries < 64; tries++)
            {
                var s = sites[random.Next(sites.Count)];
                if (s.Kind == kind) return s;
            }
            return null;
        }

        private static string? Offset(byte[] bytes, IReadOnlyList<Site> sites, Random random)
        {
            if (PickSite(sites, SiteKind.Offset, random) is not { } site) return null;
            uint old = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(site.Position));
            long target;
            switch (random.Next(5))
            {
                case 0:
                {
                    // Another object of the kind this slot refers to, found through the slots that refer to it.
                    var same = PickSameWhat(sites, site, random);
                    target = same is { } s ? s.Position + (long)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(s.Position)) : site.Position + (long)old;
                    break;
                }
                case 1:
                    target = PickSite(sites, SiteKind.Table, random)?.Position ?? 0;
                    break;
                case 2:
                    target = bytes.Length - random.Next(0, 9);
                    break;
                case 3:
                    target = site.Position; // an offset of 0: the slot points at itself
                    break;
                default:
                    target = site.Position + (long)HostileValues.Integer(random);
                    break;
            }
            uint value = unchecked((uint)(target - site.Position));
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(site.Position), value);
            return $"offset {site.What} at {site.Position}: {old} -> {value}";
        }

        private static Site? PickSameWhat(IReadOnlyList<Site> sites, Site site, Random random)
        {
            for (int tries = 0; tries < 256; tries++)
            {
                var s = sites[random.Next(sites.Count)];
                if (s.Kind == SiteKind.Offset && s.What == site.What && s.Position != site.Position) return s;
            }
            return null;
        }

        private static string? Length(byte[] bytes, IReadOnlyList<Site> sites, Random random)
        {
            if (PickSite(sites, SiteKind.Length, random) is not { } site) return null;
            uint old = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(site.Position));
            long fits = (bytes.Length - site.Position - 4) / Math.Max(1, site.Size);
            uint value = random.Next(7) switch
            {
                0 => 0,
                1 => old + 1,
                2 => old - 1,
                3 => (uint)Math.Max(0, fits),
                4 => (uint)Math.Max(0, fits + 1),
                5 => 1u << random.Next(16, 32),
                _ => uint.MaxValue - (uint)random.Next(4),
            };
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(site.Position), value);
            return $"length {site.What} at {site.Position}: {old} -> {value}";
        }

        private static string? Vtable(byte[] bytes, IReadOnlyList<Site> sites, Random random)
        {
            if (PickSite(sites, SiteKind.Table, random) is not { } site) return null;
            int vtable = site.Position - BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(site.Position));
            if (vtable < 0 || vtable + 4 > bytes.Length) return null;
            int size = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(vtable));
            int entry = random.Next(Math.Max(2, size / 2));
            if (vtable + 2 * entry + 2 > bytes.Length) return null;
            ushort old = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(vtable + 2 * entry));
            ushort value = random.Next(5) switch
            {
                0 => 0,
                1 => ushort.MaxValue,
                2 => (ushort)(old + 4),
                3 => 3,
                _ => (ushort)random.Next(65536),
            };
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(vtable + 2 * entry), value);
            return $"vtable of {site.What} entry {entry}: {old} -> {value}";
        }

        private static string? SOffset(byte[] bytes, IReadOnlyList<Site> sites, Random random)
        {
            if (PickSite(sites, SiteKind.Table, random) is not { } site) return null;
            int old = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(site.Position));
            int value = random.Next(3) switch
            {
                0 => -old,
                1 => old + (random.Next(2) == 0 ? 4 : -4),
                _ => (int)HostileValues.Integer(random),
            };
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(site.Position), value);
            return $"soffset of {site.What}: {old} -> {value}";
        }

        private static string? Scalar(byte[] bytes, IReadOnlyList<Site> sites, Random random)
        {
            if (PickSite(sites, SiteKind.Scalar, random) is not { } site) return null;
            var value = HostileValues.Bytes(site.Size, isFloat: false, random);
            value.CopyTo(bytes, site.Position);
            return $"scalar {site.What} = {TreeMutations.Show(value)}";
        }
    }
}
