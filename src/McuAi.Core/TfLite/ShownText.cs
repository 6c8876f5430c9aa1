using McuAi.Diagnostics;

namespace McuAi.TfLite
{
    /// <summary>
    /// A model string and its shown form (<see cref="MessageText.Quote"/>), kept together and replaced whole so
    /// that a cache of it never pairs a name with the shown form of another (names are settable, models shared
    /// between threads).
    /// </summary>
    internal sealed class ShownText
    {
        /// <summary>The shown form of <paramref name="name"/>, made again only when the name is another string.</summary>
        public static string Of(ref ShownText? cache, string name)
        {
            var cached = cache;
            if (cached is null || !ReferenceEquals(cached.Name, name)) cache = cached = new ShownText(name);
            return cached.Shown;
        }

        private ShownText(string name)
        {
            Name = name;
            Shown = MessageText.Quote(name);
        }

        public string Name { get; }
        public string Shown { get; }
    }
}
