/**
 * Bad input to `harden proxy passwd|nginx|check`: a flag value, a password, a file
 * that exists. The CLI maps the name to exit code 2.
 */
export class ProxyInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProxyInputError';
  }
}
