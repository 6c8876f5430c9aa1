using System;
using System.Collections.Generic;
using System.Globalization;

namespace McuAi.Data
{
    /// <summary>
    /// Parses the header of a <c>.npy</c> file: a Python dict literal such as
    /// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (10, 3), }</c>. Only the literal forms
    /// NumPy writes are accepted (strings, True/False, tuples or lists of integers, nested lists for
    /// structured dtypes, which are then rejected). Errors are returned as messages, never thrown raw.
    /// </summary>
    internal sealed class NpyHeaderParser
    {
        private readonly string _text;
        private int _pos;

        private NpyHeaderParser(string text) => _text = text;

        /// <summary>The dict's entries: string, bool, long[] (a tuple of ints), or object[] (any other list).</summary>
        public static Dictionary<string, object> Parse(string text)
        {
            var parser = new NpyHeaderParser(text);
            var value = parser.ParseValue(depth: 0);
            parser.SkipSpace();
            if (parser._pos != text.Length) throw new FormatException($"unexpected text after the header dict at character {parser._pos}");
            return value as Dictionary<string, object> ?? throw new FormatException("the header is not a Python dict");
        }

        private object ParseValue(int depth)
        {
            if (depth > 16) throw new FormatException("the header nests too deeply");
            SkipSpace();
            if (_pos >= _text.Length) throw new FormatException("the header ends early");
            char c = _text[_pos];
            if (c == '{') return ParseDict(depth);
            if (c == '(' || c == '[') return ParseSequence(depth, c == '(' ? ')' : ']');
            if (c == '\'' || c == '"') return ParseString();
            if (Match("True")) return true;
            if (Match("False")) return false;
            if (c == '-' || char.IsDigit(c)) return ParseInteger();
            throw new FormatException($"unexpected character '{c}' at position {_pos}");
        }

        private Dictionary<string, object> ParseDict(int depth)
        {
            _pos++; // '{'
            var dict = new Dictionary<string, object>(StringComparer.Ordinal);
            while (true)
            {
                SkipSpace();
                if (Peek() == '}') { _pos++; return dict; }
                if (ParseValue(depth + 1) is not string key) throw new FormatException("a header dict key is not a string");
                SkipSpace();
                Expect(':');
                if (dict.ContainsKey(key)) throw new FormatException($"the header repeats the key '{key}'");
                dict[key] = ParseValue(depth + 1);
                SkipSpace();
                if (Peek() == ',') { _pos++; continue; }
                SkipSpace();
                Expect('}');
                return dict;
            }
        }

        /// <summary>A tuple or list: long[] when every element is an integer, else object[].</summary>
        private object ParseSequence(int depth, char close)
        {
            _pos++;
            var items = new List<object>();
            while (true)
            {
                SkipSpace();
                if (Peek() == close) { _pos++; break; }
                items.Add(ParseValue(depth + 1));
                SkipSpace();
                if (Peek() == ',') { _pos++; continue; }
                SkipSpace();
                Expect(close);
                break;
            }
            if (items.TrueForAll(i => i is long)) return items.ConvertAll(i => (long)i).ToArray();
            return items.ToArray();
        }

        private string ParseString()
        {
            char quote = _text[_pos++];
            int start = _pos;
            while (_pos < _text.Length && _text[_pos] != quote)
            {
                if (_text[_pos] == '\\') throw new FormatException("escape sequences in header strings are not supported");
                _pos++;
            }
            if (_pos >= _text.Length) throw new FormatException("a header string is not closed");
            return _text.Substring(start, _pos++ - start);
        }

        private long ParseInteger()
        {
            int start = _pos;
            if (_text[_pos] == '-') _pos++;
            while (_pos < _text.Length && char.IsDigit(_text[_pos])) _pos++;
            string digits = _text.Substring(start, _pos - start);
            if (_pos < _text.Length && _text[_pos] == 'L') _pos++; // Python 2 long suffix in old files
            if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
                throw new FormatException($"'{digits}' is not an integer in range");
            return value;
        }

        private bool Match(string word)
        {
            if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0) return false;
            _pos += word.Length;
            return true;
        }

        private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private void Expect(char c)
        {
            if (Peek() != c) throw new FormatException($"expected '{c}' at position {_pos}");
            _pos++;
        }

        private void SkipSpace()
        {
            while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
        }
    }
}
