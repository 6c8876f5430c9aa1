using System;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using McuAi.CodeGen;
using Xunit;

namespace McuAi.Tests.CodeGen
{
    /// <summary>Escaping of model strings for C string literals and comments, and the identifier rules.</summary>
    public class CTextTests
    {
        [Theory]
        [InlineData("plain", "\"plain\"")]
        [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
        [InlineData("line1\nline2", "\"line1\\nline2\"")]
        [InlineData("??/", "\"\\?\\?/\"")]
        [InlineData("é", "\"\\303\\251\"")]
        [InlineData("\u00017", "\"\\0017\"")]
        [InlineData("", "\"\"")]
        public void StringLiteralEscapes(string input, string expected) => Assert.Equal(expected, CText.StringLiteral(input));

        [Fact]
        public void StringLiteralReadsBackToTheUtf8BytesForAnyString()
        {
            Prop.ForAll(ArbMap.Default.ArbFor<string>(), (string s) =>
            {
                string literal = CText.StringLiteral(s);
                return literal.All(c => c >= 0x20 && c < 0x7F)
                    && CLiteralDecoder.Decode(literal).SequenceEqual(Encoding.UTF8.GetBytes(s ?? ""));
            }).QuickCheckThrowOnFailure();
        }

        [Theory]
        [InlineData("end */ of comment", "end *\\/ of comment")]
        [InlineData("/* nested", "/\\* nested")]
        [InlineData("a\nb\r\nc", "a\\x0Ab\\x0D\\x0Ac")]
        [InlineData("#include <x>\n", "#include <x>\\x0A")]
        [InlineData("trail\\", "trail\\\\")]
        [InlineData("what??/", "what?\\?/")]
        public void CommentEscapes(string input, string expected) => Assert.Equal(expected, CText.Comment(input));

        [Fact]
        public void CommentTextCannotEndTheCommentOrTheLineForAnyString()
        {
            Prop.ForAll(ArbMap.Default.ArbFor<string>(), (string s) =>
            {
                string text = CText.Comment(s);
                // Printable ASCII only, so no newline and no backslash-newline line splice.
                return text.All(c => c >= 0x20 && c < 0x7F) && !text.Contains("*/") && !text.Contains("/*") && !text.Contains("??");
            }).QuickCheckThrowOnFailure();
        }

        [Fact]
        public void LongCommentsAreCut()
        {
            string text = CText.Comment(new string('x', 1000));
            Assert.Equal(CText.MaxCommentLength + 3, text.Length);
            Assert.EndsWith("...", text);
        }

        [Theory]
        [InlineData("kws", true)]
        [InlineData("model_2", true)]
        [InlineData("_private", true)]
        [InlineData("2model", false)]
        [InlineData("my-model", false)]
        [InlineData("int", false)]
        [InlineData("class", false)]
        [InlineData("__x", false)]
        [InlineData("_Big", false)]
        [InlineData("", false)]
        [InlineData("caf\u00e9", false)]
        public void IdentifierRules(string name, bool valid) => Assert.Equal(valid, CIdentifier.IsValid(name));

        [Theory]
        [InlineData("hello world-int8", "hello_world_int8")]
        [InlineData("2d.model", "m_2d_model")]
        [InlineData("int", "int_")]
        [InlineData("__x", "x")]
        [InlineData("", "model")]
        public void SanitizeGivesAValidIdentifier(string input, string expected)
        {
            Assert.Equal(expected, CIdentifier.Sanitize(input));
            Assert.True(CIdentifier.IsValid(CIdentifier.Sanitize(input)));
        }

        [Theory]
        [InlineData(0.101715684f, "0.101715684f")]
        [InlineData(1f, "1.0f")]
        [InlineData(1e-5f, "1E-05f")]
        [InlineData(float.NaN, "0.0f /* not finite in the model */")]
        public void FloatLiteralsAreInvariantAndRoundTrip(float value, string expected) => Assert.Equal(expected, CText.FloatLiteral(value));
    }
}
