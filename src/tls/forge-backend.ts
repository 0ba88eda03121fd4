// RSA certificates encoded by node-forge and signed natively: forge's own RSA
// signing is pure JavaScript (~57 ms per signature at 2048 bits, ~500 ms at 4096),
// so `cert.sign` gets a signer that hands the DigestInfo to OpenSSL.
import { constants, privateEncrypt, type KeyObject } from 'node:crypto';
import forge from 'node-forge/lib/forge.js';
import 'node-forge/lib/x509.js';
import 'node-forge/lib/sha256.js';
import type { SubjectName } from './names.js';
import type { CertificateBackend, CertificateRequest, Issuer } from './profile.js';

const { pki, asn1, md } = forge;

// DER prefix of DigestInfo { AlgorithmIdentifier { sha256, NULL }, OCTET STRING (32) }.
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');
const SAN_TYPE = { dns: 2, ip: 7 } as const;

/** Quacks like a forge RSA private key for `cert.sign`, signing with node:crypto. */
function nativeSigner(privateKey: KeyObject): forge.pki.rsa.PrivateKey {
  const signer = {
    sign(digest: forge.md.MessageDigest): string {
      const digestInfo = Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(digest.digest().getBytes(), 'binary')]);
      return privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo).toString('binary');
    },
  };
  return signer as unknown as forge.pki.rsa.PrivateKey;
}

function toForgePublicKey(key: KeyObject): forge.pki.PublicKey {
  return pki.publicKeyFromPem(key.export({ type: 'spki', format: 'pem' }).toString());
}

// UTF8String: forge defaults to PrintableString, which cannot hold "_" or "@" and
// makes Go's strict parser reject the certificate.
function commonName(value: string): forge.pki.CertificateField[] {
  return [{ name: 'commonName', value, valueTagClass: asn1.Type.UTF8 as unknown as forge.asn1.Class }];
}

function subjectAltNames(names: SubjectName[]): { type: number; value?: string; ip?: string }[] {
  return names.map((name) => (name.kind === 'ip' ? { type: SAN_TYPE.ip, ip: name.value } : { type: SAN_TYPE.dns, value: name.value }));
}

function newCertificate(request: CertificateRequest): forge.pki.Certificate {
  const cert = pki.createCertificate();
  cert.serialNumber = request.serialNumber;
  cert.validity.notBefore = request.notBefore;
  cert.validity.notAfter = request.notAfter;
  cert.publicKey = toForgePublicKey(request.publicKey);
  cert.setSubject(commonName(request.commonName));
  return cert;
}

function extensions(request: CertificateRequest, authorityKeyId?: string): object[] {
  if (request.role === 'ca') {
    return [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ];
  }
  const list: object[] = [
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: request.role === 'server', clientAuth: request.role === 'client' },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: authorityKeyId },
  ];
  if (request.names.length > 0) list.push({ name: 'subjectAltName', altNames: subjectAltNames(request.names) });
  return list;
}

function subjectKeyIdOf(cert: forge.pki.Certificate): string {
  const ski = cert.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | null;
  const hex = ski?.subjectKeyIdentifier;
  return hex ? forge.util.hexToBytes(hex) : cert.generateSubjectKeyIdentifier().getBytes();
}

export const forgeBackend: CertificateBackend = {
  async createCa(request, privateKey) {
    const cert = newCertificate(request);
    cert.setIssuer(commonName(request.commonName));
    cert.setExtensions(extensions(request));
    cert.sign(nativeSigner(privateKey), md.sha256.create());
    return pki.certificateToPem(cert);
  },

  async issue(request: CertificateRequest, issuer: Issuer) {
    const caCert = pki.certificateFromPem(issuer.certificatePem);
    const cert = newCertificate(request);
    cert.setIssuer(caCert.subject.attributes);
    cert.setExtensions(extensions(request, subjectKeyIdOf(caCert)));
    cert.sign(nativeSigner(issuer.privateKey), md.sha256.create());
    return pki.certificateToPem(cert);
  },
};
