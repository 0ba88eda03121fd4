/**
 * Bad input to `harden tls init|client|renew`: a NAME, an option, an existing file,
 * a CA key that cannot be read. The CLI maps the name to exit code 2.
 */
export class TlsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlsInputError';
  }
}
