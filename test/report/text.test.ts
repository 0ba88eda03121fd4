import { describe, expect, it } from 'vitest';
import { escapeMarkdown, escapeXml, escapeXmlAttribute, removeControlCharacters, toDisplayLine } from '../../src/report/text.js';

describe('text hygiene', () => {
  it('removes control characters but keeps tabs, line breaks and real text', () => {
    expect(removeControlCharacters('a\u0000b\u0007c\u001bd\u007fe\u009bf\tg\nh')).toBe('abcdef\tg\nh');
    expect(removeControlCharacters('caf\u00e9 \u{1f433}')).toBe('caf\u00e9 \u{1f433}');
    expect(removeControlCharacters('lone \ud800 surrogate')).toBe('lone \ufffd surrogate');
  });

  it('escapes XML text and attributes, dropping characters XML 1.0 forbids', () => {
    expect(escapeXml(`a<b>&"c'\u0001]]>`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;]]&gt;');
    expect(escapeXml('line\nbreak')).toBe('line\nbreak');
    expect(escapeXmlAttribute('line\nbreak\ttab\r')).toBe('line&#10;break&#9;tab&#13;');
    expect(escapeXml('plain')).toBe('plain');
    expect(escapeXml('\ufffe\uffff\udc00x')).toBe('\ufffdx');
  });

  it('turns hostile terminal text into one harmless line', () => {
    expect(toDisplayLine('a\u001b[2Jb\u001b[1;31mc')).toBe('abc');
    expect(toDisplayLine('title\u001b]0;pwned\u0007 done')).toBe('title done');
    expect(toDisplayLine('link\u001b]8;;http://x\u001b\\text')).toBe('linktext');
    expect(toDisplayLine('one\r\ntwo\nthree\tfour')).toBe('one two three four');
    expect(toDisplayLine('rtl\u202eevil\u2066x')).toBe('rtlevilx');
    expect(toDisplayLine('c1\u009b2J')).toBe('c12J');
  });

  it('escapes Markdown so no value becomes HTML, emphasis, code, links or table cells', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeMarkdown('a|b`c*d_e[f](g)~h#i!j\\k')).toBe('a\\|b\\`c\\*d\\_e\\[f\\](g)\\~h\\#i\\!j\\\\k');
    expect(escapeMarkdown('&lt; stays text')).toBe('&amp;lt; stays text');
    expect(escapeMarkdown('two\nlines\r\nhere\u0007')).toBe('two lines here');
    expect(escapeMarkdown('plain words')).toBe('plain words');
  });
});
