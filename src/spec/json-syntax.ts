// Where a JSON text first goes wrong. V8's JSON.parse messages often carry no
// position ("Unexpected token '}', ... is not valid JSON"), so after a failed
// parse this scanner walks the text once more to find line and column.
// It only validates; it builds nothing.

export interface JsonSyntaxProblem {
  /** Offset of the first offending character (the text length for a premature end). */
  offset: number;
  /** What was expected there, e.g. `expected ',' or '}' after a property value`. */
  problem: string;
  /** 1-based line and column of `offset`. */
  line: number;
  column: number;
}

class JsonScanner {
  private position = 0;
  constructor(private readonly text: string) {}

  locate(): Omit<JsonSyntaxProblem, 'line' | 'column'> | null {
    try {
      this.value();
      this.whitespace();
      if (this.position < this.text.length) this.fail('unexpected text after the end of the JSON value');
      return null;
    } catch (error) {
      if (error instanceof ScanFailure) return { offset: error.offset, problem: error.message };
      throw error;
    }
  }

  private fail(problem: string): never {
    const found = this.position < this.text.length ? ` (found ${JSON.stringify(this.text[this.position])})` : ' (found end of input)';
    throw new ScanFailure(this.position, problem + found);
  }

  private whitespace(): void {
    const text = this.text;
    while (this.position < text.length) {
      const char = text[this.position];
      if (char !== ' ' && char !== '\n' && char !== '\r' && char !== '\t') return;
      this.position++;
    }
  }

  private value(): void {
    this.whitespace();
    const char = this.text[this.position];
    if (char === '{') this.object();
    else if (char === '[') this.array();
    else if (char === '"') this.string();
    else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) this.number();
    else if (!this.literal('true') && !this.literal('false') && !this.literal('null')) this.fail('expected a JSON value');
  }

  private literal(word: string): boolean {
    if (!this.text.startsWith(word, this.position)) return false;
    this.position += word.length;
    return true;
  }

  private object(): void {
    this.position++;
    this.whitespace();
    if (this.text[this.position] === '}') return void this.position++;
    for (;;) {
      this.whitespace();
      if (this.text[this.position] !== '"') this.fail('expected a double-quoted property name');
      this.string();
      this.whitespace();
      if (this.text[this.position] !== ':') this.fail("expected ':' after a property name");
      this.position++;
      this.value();
      this.whitespace();
      const next = this.text[this.position];
      if (next === '}') return void this.position++;
      if (next !== ',') this.fail("expected ',' or '}' after a property value");
      this.position++;
    }
  }

  private array(): void {
    this.position++;
    this.whitespace();
    if (this.text[this.position] === ']') return void this.position++;
    for (;;) {
      this.value();
      this.whitespace();
      const next = this.text[this.position];
      if (next === ']') return void this.position++;
      if (next !== ',') this.fail("expected ',' or ']' after an array element");
      this.position++;
    }
  }

  private string(): void {
    const text = this.text;
    this.position++;
    while (this.position < text.length) {
      const code = text.charCodeAt(this.position);
      if (code === 34) return void this.position++;
      if (code < 32) this.fail('control characters must be escaped in strings');
      if (code === 92) {
        this.position++;
        const escape = text[this.position];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(this.position + 1, this.position + 5))) this.fail('expected 4 hex digits after \\u');
          this.position += 4;
        } else if (escape === undefined || !'"\\/bfnrt'.includes(escape)) {
          this.fail('invalid escape in string');
        }
      }
      this.position++;
    }
    this.fail('unterminated string');
  }

  private number(): void {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.position, this.position + 400));
    if (match === null) this.fail('invalid number');
    this.position += match[0].length;
  }
}

class ScanFailure extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

/** 1-based line and column of an offset; `\r\n` counts as one line break. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let newline = text.indexOf('\n'); newline !== -1 && newline < offset; newline = text.indexOf('\n', newline + 1)) {
    line++;
    lineStart = newline + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The first syntax problem in `text`, or null when it is valid JSON. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  const found = new JsonScanner(text).locate();
  if (found === null) return null;
  return { ...found, ...lineAndColumn(text, found.offset) };
}
