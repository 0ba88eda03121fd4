/**
 * Bad input to `harden selinux generate|build`: a module name, a flag value, a
 * container that does not exist, a file that is not what it should be, or a
 * compiler that is not installed. The CLI maps the name to exit code 2.
 */
export class SelinuxInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelinuxInputError';
  }
}
