using System;
using McuAi.Quantization;
using Xunit;

namespace McuAi.Tests.Quantization
{
    public class OutputMetricsTests
    {
        [Fact]
        public void FiguresMatchHandComputedValues()
        {
            var m = new OutputMetrics("y", isClassifier: true);
            m.Add(new[] { 3f, 4f }, new[] { 2f, 4f }, classes: 2);   // diff (1, 0), arg-max agrees
            m.Add(new[] { 0f, 1f }, new[] { 1f, 0f }, classes: 2);   // diff (-1, 1), arg-max disagrees
            // ref = (3,4,0,1), x = (2,4,1,0): dot 22, |ref|² 26, |x|² 21, |d|² 3
            Assert.Equal(22 / Math.Sqrt(26.0 * 21.0), m.Cosine, 12);
            Assert.Equal(Math.Sqrt(3 / 26.0), m.L2RelativeError, 12);
            Assert.Equal(Math.Sqrt(3 / 4.0), m.Rmse, 12);
            Assert.Equal(1.0, m.MaxAbsError);
            Assert.Equal(0.5, m.Top1Agreement);
        }

        [Fact]
        public void NonClassifiersHaveNoTop1AndIdenticalOutputsArePerfect()
        {
            var m = new OutputMetrics("y", isClassifier: false);
            m.Add(new[] { 1f, -2f }, new[] { 1f, -2f }, classes: 2);
            Assert.Null(m.Top1Agreement);
            Assert.Equal(1.0, m.Cosine, 12);
            Assert.Equal(0.0, m.L2RelativeError);
        }
    }
}
