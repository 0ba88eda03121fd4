// PEM blocks split out of a file, without node:crypto: the daemon checks read
// certificate files on every live audit and load the crypto module only when one exists.
export interface PemBlock {
  label: string;
  /** RFC 1421 headers of legacy encrypted keys (`Proc-Type: 4,ENCRYPTED`), else empty. */
  headers: string;
  text: string;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    const body = match[2] ?? '';
    const headerEnd = body.search(/\r?\n\r?\n/);
    const headers = body.includes(':') && headerEnd !== -1 ? body.slice(0, headerEnd) : '';
    blocks.push({ label: match[1] ?? '', headers, text: match[0] });
  }
  return blocks;
}
