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
        public ShownText(string name)
        {
            Name = name;
            Shown = MessageText.Quote(name);
        }

        public string Name { get; }
        public string Shown { get; }
    }
}
