// `harden tls init` speed, for `npm run bench`:
//   1. RSA-2048 set vs the equivalent openssl command sequence (CA, server and
//      client, with SANs and EKUs, same key sizes): target harden <= 0.6x openssl
//   2. ECDSA P-256 set, the whole process: target < 300 ms wall
// RSA prime search makes single runs vary wildly, so both sides alternate and the
// medians of at least 11 runs are compared.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist/bundle/harden.js');

// The recipe of Docker's "Protect the Docker daemon socket" page, fixed the way
// current clients need it (SANs, EKUs, a CA with keyUsage, positive serials).
const OPENSSL_SEQUENCE = `
set -e
cd "$1"
serial() { printf '0x%s' "$(openssl rand -hex 16 | sed 's/^./1/')"; }
printf '[req]\\ndistinguished_name=dn\\n[dn]\\n[ca]\\nbasicConstraints=critical,CA:TRUE\\nkeyUsage=critical,keyCertSign,cRLSign\\nsubjectKeyIdentifier=hash\\n' > ca.cnf
openssl genrsa -out ca-key.pem 2048 2>/dev/null
openssl req -new -x509 -config ca.cnf -extensions ca -days 3650 -sha256 -key ca-key.pem -subj "/CN=bench CA" -out ca.pem
openssl genrsa -out server-key.pem 2048 2>/dev/null
openssl req -new -sha256 -key server-key.pem -subj "/CN=docker.example.test" -out server.csr
printf 'basicConstraints=critical,CA:FALSE\\nkeyUsage=critical,digitalSignature,keyEncipherment\\nextendedKeyUsage=serverAuth\\nsubjectKeyIdentifier=hash\\nauthorityKeyIdentifier=keyid\\nsubjectAltName=DNS:docker.example.test,DNS:localhost,IP:127.0.0.1\\n' > server.ext
openssl x509 -req -days 365 -sha256 -in server.csr -CA ca.pem -CAkey ca-key.pem -set_serial "$(serial)" -extfile server.ext -out server-cert.pem 2>/dev/null
openssl genrsa -out key.pem 2048 2>/dev/null
openssl req -new -sha256 -key key.pem -subj "/CN=client" -out client.csr
printf 'basicConstraints=critical,CA:FALSE\\nkeyUsage=critical,digitalSignature,keyEncipherment\\nextendedKeyUsage=clientAuth\\nsubjectKeyIdentifier=hash\\nauthorityKeyIdentifier=keyid\\n' > client.ext
openssl x509 -req -days 365 -sha256 -in client.csr -CA ca.pem -CAkey ca-key.pem -set_serial "$(serial)" -extfile client.ext -out cert.pem 2>/dev/null
`;

function timed(command, args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs `make(dir)` in a fresh empty directory each time. */
function inFreshDir(work, make) {
  const dir = mkdtempSync(join(work, 'set-'));
  try {
    return make(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const hardenInit = (keyType) => (dir) => timed('node', [cli, 'tls', 'init', 'docker.example.test', '--key-type', keyType, '--out', join(dir, 'out')]);
const opensslSequence = (dir) => timed('sh', ['-c', OPENSSL_SEQUENCE, 'openssl-sequence', dir]);

/**
 * Medians of `runs` alternating runs. Resolves with
 * { runs, rsa: { harden, openssl, ratio }, ecdsa: { harden, openssl } } in ms.
 */
export function benchTls({ runs = Number(process.env.BENCH_RUNS ?? 11) } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'harden-tls-bench-'));
  try {
    // Warm the page cache for node, the bundle and openssl.
    inFreshDir(work, hardenInit('rsa-2048'));
    inFreshDir(work, opensslSequence);
    const rsaHarden = [];
    const rsaOpenssl = [];
    const ecdsaHarden = [];
    for (let i = 0; i < runs; i++) {
      rsaHarden.push(inFreshDir(work, hardenInit('rsa-2048')));
      rsaOpenssl.push(inFreshDir(work, opensslSequence));
      ecdsaHarden.push(inFreshDir(work, hardenInit('ecdsa-p256')));
    }
    const rsa = { harden: median(rsaHarden), openssl: median(rsaOpenssl) };
    return { runs, rsa: { ...rsa, ratio: rsa.harden / rsa.openssl }, ecdsa: { harden: median(ecdsaHarden) } };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Report lines in the style of bench.mjs, and whether both targets were met. */
export function formatTlsBench(result) {
  const rsaOk = result.rsa.ratio <= 0.6;
  const ecdsaOk = result.ecdsa.harden < 300;
  const fmt = (n) => n.toFixed(1);
  return {
    ok: rsaOk && ecdsaOk,
    lines: [
      `tls init rsa:   ${fmt(result.rsa.harden)} ms vs openssl sequence ${fmt(result.rsa.openssl)} ms, ratio ${result.rsa.ratio.toFixed(2)}x   target <= 0.60x   ${rsaOk ? 'PASS' : 'FAIL'}`,
      `tls init p-256: ${fmt(result.ecdsa.harden)} ms (whole process)   target < 300 ms   ${ecdsaOk ? 'PASS' : 'FAIL'}`,
    ],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { ok, lines } = formatTlsBench(benchTls());
  for (const line of lines) console.log(line);
  process.exitCode = ok ? 0 : 1;
}
