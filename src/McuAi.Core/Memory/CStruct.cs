namespace McuAi.Memory
{
    /// <summary>
    /// Lays out a C struct the way gcc does on both targets: each member at the next multiple of its
    /// alignment, the whole padded to its strictest member. Used to derive TFLM struct sizes from their
    /// member lists rather than hard-coding totals.
    /// </summary>
    internal sealed class CStruct
    {
        private int _size;
        private int _align = 1;

        public CStruct Field(int size, int alignment)
        {
            _size = (_size + alignment - 1) / alignment * alignment + size;
            if (alignment > _align) _align = alignment;
            return this;
        }

        public CStruct Fields(int count, int size, int alignment)
        {
            for (int i = 0; i < count; i++) Field(size, alignment);
            return this;
        }

        public int Alignment => _align;
        public int Size => (_size + _align - 1) / _align * _align;
    }
}
