// RSA keys from primes generated one by one on the thread pool. OpenSSL 3's RSA
// key generation runs the slower FIPS 186-4 auxiliary-prime search (~4x the cost
// of two plain primes here); two independent probable primes (64 Miller-Rabin
// rounds each, as Go's crypto/rsa and OpenSSL's multi-prime path use) make a key
// of the same strength, and six prime searches balance across the cores far
// better than three whole-key searches.
import { createPrivateKey, createPublicKey, generatePrime, type KeyObject } from 'node:crypto';

const PUBLIC_EXPONENT = 65537n;

// Prime searches occupy libuv pool threads for tens of milliseconds each. One
// thread stays free so file reads (the ESM loader's included) never queue behind them.
const poolSize = Number(process.env.UV_THREADPOOL_SIZE) || 4;
const maxSearches = Math.max(1, poolSize - 1);
let runningSearches = 0;
const waitingSearches: (() => void)[] = [];

async function randomPrime(bits: number): Promise<bigint> {
  if (runningSearches >= maxSearches) await new Promise<void>((resolve) => waitingSearches.push(resolve));
  runningSearches++;
  try {
    return await new Promise((resolve, reject) => {
      generatePrime(bits, { bigint: true }, (error, prime) => (error ? reject(error) : resolve(prime)));
    });
  } finally {
    runningSearches--;
    waitingSearches.shift()?.();
  }
}

function bitLength(value: bigint): number {
  return value.toString(2).length;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function modularInverse(value: bigint, modulus: bigint): bigint {
  let [oldR, r] = [value % modulus, modulus];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  return ((oldS % modulus) + modulus) % modulus;
}

function base64url(value: bigint): string {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex').toString('base64url');
}

/**
 * The private key for primes p and q, or null when they fail the FIPS 186-4 key
 * checks (modulus length, |p - q|, e coprime to p-1 and q-1, d large enough).
 */
export function rsaKeyFromPrimes(p: bigint, q: bigint, bits: number): KeyObject | null {
  const n = p * q;
  const distance = p > q ? p - q : q - p;
  if (bitLength(n) !== bits || bitLength(distance) <= bits / 2 - 100) return null;
  if (gcd(PUBLIC_EXPONENT, p - 1n) !== 1n || gcd(PUBLIC_EXPONENT, q - 1n) !== 1n) return null;
  const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
  const d = modularInverse(PUBLIC_EXPONENT, lambda);
  if (bitLength(d) <= bits / 2) return null;
  const jwk = {
    kty: 'RSA', n: base64url(n), e: base64url(PUBLIC_EXPONENT), d: base64url(d), p: base64url(p), q: base64url(q),
    dp: base64url(d % (p - 1n)), dq: base64url(d % (q - 1n)), qi: base64url(modularInverse(q, p)),
  };
  return createPrivateKey({ key: jwk, format: 'jwk' });
}

export async function generateRsaKeyPair(bits: number): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> {
  for (;;) {
    const [p, q] = await Promise.all([randomPrime(bits / 2), randomPrime(bits / 2)]);
    const privateKey = rsaKeyFromPrimes(p, q, bits);
    if (privateKey) return { privateKey, publicKey: createPublicKey(privateKey) };
  }
}
