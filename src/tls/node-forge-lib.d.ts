// node-forge's index loads every module (TLS, SSH, PKCS#7, ciphers...). The
// certificate code needs only these; their API is the one @types/node-forge
// declares for the package.
declare module 'node-forge/lib/forge.js' {
  import forge from 'node-forge';
  export default forge;
}
declare module 'node-forge/lib/x509.js';
declare module 'node-forge/lib/sha256.js';
