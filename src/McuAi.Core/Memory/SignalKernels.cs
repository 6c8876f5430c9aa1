using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Memory
{
    /// <summary>
    /// TFLM's Signal library ops (signal/micro/kernels/*.cc). Their Init allocates a params struct and
    /// any state: SignalRfft the kiss_fftr state (signal/src/rfft_*.cc: kiss_fftr_alloc's "needed
    /// memory") plus a scratch buffer of one FFT frame, SignalFilterBank (channels + 1) uint64
    /// accumulators, SignalFilterBankSpectralSubtraction one uint32 noise estimate per channel.
    /// Other custom ops are not modelled: a conservative op-data size is assumed and reported.
    /// </summary>
    internal static class SignalKernels
    {
        /// <summary>Op data assumed for a custom op that is not modelled.</summary>
        private const int UnknownOpDataBytes = 64;

        /// <summary>kiss_fft's MAXFACTORS: the factor table holds 2 × 32 ints.</summary>
        private const int KissMaxFactors = 32;

        public static void Describe(Model model, SubGraph graph, Operator op, string customCode, int pointerSize, KernelFootprint f)
        {
            int p = pointerSize;
            bool p8 = p == 8;
            Tensor? T(int k, int[] list) => k < list.Length && list[k] >= 0 ? graph.Tensors[list[k]] : null;
            void Init(long bytes, string what) => f.InitPersistent.Add(new KernelBuffer(bytes, what));
            foreach (int i in op.Inputs) if (i >= 0) f.TempTensors.Add(i);
            foreach (int o in op.Outputs) if (o >= 0) f.TempTensors.Add(o);

            // An op TFLM does not ship is not one of the cases below: settled by the table's bounded lookup, not by the
            // switch, which hashes the whole name (a hostile model shares a megabyte-long one among hundreds of operators).
            switch (Analysis.TflmOps.FindCustom(customCode) is null ? "" : customCode)
            {
                case "SignalWindow":
                    Init(8, "TFLMSignalWindowParams");
                    break;
                case "SignalRfft":
                {
                    var input = T(0, op.Inputs);
                    var output = T(0, op.Outputs);
                    int outLast = output is { Shape.Length: > 0 } ? output.Shape[output.Shape.Length - 1] : 2;
                    int fftLength = (outLast / 2 - 1) * 2; // output holds fft_length/2 + 1 complex values
                    int scalar = input?.Type == TensorType.INT16 ? 2 : 4;
                    Init(p8 ? 48 : 32, "TfLiteAudioFrontendRfftParams");
                    Init(KissFftrBytes(fftLength, scalar, p), $"kiss_fftr state (FFT length {fftLength})");
                    f.Scratch.Add(new KernelBuffer((long)fftLength * scalar, "FFT work area"));
                    break;
                }
                case "SignalFilterBank":
                {
                    var output = T(0, op.Outputs);
                    long channels = output?.ElementCount ?? 0;
                    Init(p8 ? 64 : 36, "TFLMSignalFilterBankParams");
                    Init((channels + 1) * 8, $"filter-bank accumulators ({channels} + 1 channels)");
                    break;
                }
                case "SignalFilterBankSpectralSubtraction":
                {
                    var input = T(0, op.Inputs);
                    long channels = input?.ElementCount ?? 0;
                    Init(p8 ? 56 : 48, "TFLMSignalSpectralSubtractionParams");
                    Init(channels * 4, $"noise estimate ({channels} channels)");
                    break;
                }
                case "SignalPCAN":
                    Init(4, "TfLitePcanParams");
                    break;
                case "SignalEnergy":
                    Init(8, "TFLMSignalEnergyParams");
                    break;
                case "SignalFilterBankLog":
                    Init(8, "TFLMSignalLogParams");
                    break;
                case "SignalFftAutoScale":
                case "SignalFilterBankSquareRoot":
                    break; // registered without Init: no op data
                default:
                    Init(UnknownOpDataBytes, $"{MessageText.Quote(customCode)} op data (assumed)");
                    f.Approximation = $"{model.CodeOf(op).ShownName}: not a modelled op; {UnknownOpDataBytes} bytes of op data assumed";
                    break;
            }
        }

        /// <summary>kiss_fftr_alloc's memory: the kiss_fftr_state (three pointers), a complex FFT of
        /// half the length (kiss_fft_state: nfft, inverse, 2 × MAXFACTORS ints and nfft twiddles) and
        /// 3/2 × half-length complex values for the real-FFT twiddles and temporary buffer.</summary>
        private static long KissFftrBytes(int fftLength, int scalarBytes, int pointerSize)
        {
            long half = fftLength / 2;
            long complex = 2L * scalarBytes;
            long kissFftState = 4 + 4 + 4 * 2 * KissMaxFactors + complex;
            long subsize = kissFftState + complex * (half - 1);
            return 3L * pointerSize + subsize + complex * (half * 3 / 2);
        }
    }
}
