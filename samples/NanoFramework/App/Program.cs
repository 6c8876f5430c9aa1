using System.Diagnostics;
using McuAi.Samples;

namespace KeywordApp
{
    /// <summary>Classifies one spectrogram with the keyword model in the firmware and prints the scores.</summary>
    public static class Program
    {
        private static readonly string[] s_labels = { "silence", "unknown", "yes", "no" };

        public static void Main()
        {
            int status = KeywordModel.Init();
            if (status != 0)
            {
                Debug.WriteLine("model init failed: " + status + " (3: the arena is too small for this firmware)");
                return;
            }

            // One input: 49 frames x 40 filterbank channels. A real application fills it from the microphone's
            // front end; here every feature is 0, which the model scores as equally likely.
            var features = new sbyte[KeywordModel.Input0Elements];
            sbyte zero = KeywordModel.Input0Quantize(0f);
            for (int i = 0; i < features.Length; i++) features[i] = zero;
            KeywordModel.SetInput(0, features);

            status = KeywordModel.Invoke();
            if (status != 0)
            {
                Debug.WriteLine("inference failed: " + status);
                return;
            }

            var scores = new sbyte[KeywordModel.Output0Elements];
            KeywordModel.GetOutput(0, scores);
            int best = 0;
            for (int i = 0; i < scores.Length; i++)
            {
                Debug.WriteLine(s_labels[i] + ": " + KeywordModel.Output0Dequantize(scores[i]).ToString("F3"));
                if (scores[i] > scores[best]) best = i;
            }
            Debug.WriteLine("heard: " + s_labels[best] + " (arena used: " + KeywordModel.ArenaUsedBytes() + " of " + KeywordModel.TensorArenaSize + " bytes)");
        }
    }
}
