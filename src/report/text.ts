// Text hygiene for strings that come from containers (names, images, labels,
// mount paths): whoever can create a container chooses them, so every reporter
// treats them as hostile. Each output format escapes for its own syntax; these
// functions remove what no format can carry safely.
//
// Each function first tests for anything to do: at benchmark scale (150,000
// findings) nearly every string is clean, and returning it untouched keeps the
// reporters linear and cheap.

// C0 controls except tab/newline/carriage return, DEL and C1 controls (0x9b is a
// one-byte CSI on some terminals).
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const MAY_NEED_CLEANING = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff]/;
// Characters XML 1.0 forbids even as character references.
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const XML_SPECIAL = /[&<>"'\t\n\r\u0000-\u001f\ud800-\udfff\ufffe\uffff]/;
// ANSI escape sequences: CSI (`ESC [ ... final`), OSC (`ESC ] ... BEL|ST`), and two-byte escapes.
const ANSI_SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]/g;
// Bidirectional overrides and isolates reorder what a terminal shows ("Trojan Source").
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
const MAY_NEED_DISPLAY_CLEANING = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;
const LINE_BREAKS = /\r\n|[\r\n\t]/g;
const MARKDOWN_SPECIAL = /[\\`*_[\]|~#!&<>\u0000-\u001f\u007f-\u009f\ud800-\udfff]/;

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
const MARKDOWN_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Removes control characters (keeping tab and line breaks) and replaces lone surrogates. */
export function removeControlCharacters(text: string): string {
  if (!MAY_NEED_CLEANING.test(text)) return text;
  return text.replace(CONTROL_CHARACTERS, '').replace(LONE_SURROGATES, '\ufffd');
}

/** Escapes text for XML element content, dropping characters XML 1.0 cannot carry. */
export function escapeXml(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  return toXmlCharacters(text).replace(/[&<>"']/g, (character) => XML_ENTITIES[character] ?? character);
}

/** Escapes text for an XML attribute: also keeps line breaks and tabs from being normalized to spaces. */
export function escapeXmlAttribute(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  return toXmlCharacters(text).replace(/[&<>"'\t\n\r]/g, (character) => XML_ENTITIES[character] ?? character);
}

function toXmlCharacters(text: string): string {
  return text.replace(XML_ILLEGAL, '').replace(LONE_SURROGATES, '\ufffd');
}

/**
 * One display line (terminal, CI test names): ANSI sequences, control characters
 * and bidi overrides removed, line breaks and tabs turned into spaces, so a hostile
 * name can neither repaint the screen nor forge extra output lines.
 */
export function toDisplayLine(text: string): string {
  if (!MAY_NEED_DISPLAY_CLEANING.test(text)) return text;
  return text
    .replace(ANSI_SEQUENCES, '')
    .replace(LINE_BREAKS, ' ')
    .replace(CONTROL_CHARACTERS, '')
    .replace(BIDI_CONTROLS, '')
    .replace(LONE_SURROGATES, '\ufffd');
}

/**
 * Escapes text for inline Markdown (GitHub-flavoured, including table cells).
 * `<`, `>` and `&` become entities, so no raw HTML can survive; punctuation that
 * starts emphasis, code, links, headings, strikethrough or table cells is
 * backslash-escaped; line breaks become spaces so a value cannot start a new block.
 */
export function escapeMarkdown(text: string): string {
  if (!MARKDOWN_SPECIAL.test(text)) return text;
  return removeControlCharacters(text)
    .replace(LINE_BREAKS, ' ')
    .replace(/[\\`*_[\]|~#!]/g, (character) => `\\${character}`)
    .replace(/[&<>]/g, (character) => MARKDOWN_ENTITIES[character] ?? character);
}
