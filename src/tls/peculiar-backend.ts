// ECDSA certificates: node-forge cannot encode or sign them, so they are built by
// @peculiar/x509 on Node's WebCrypto. reflect-metadata must load before it.
import 'reflect-metadata';
import { webcrypto, type KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { SubjectName } from './names.js';
import type { CertificateBackend, CertificateRequest, Issuer } from './profile.js';

const webCrypto = webcrypto as unknown as Crypto;
x509.cryptoProvider.set(webCrypto);

type Curve = 'P-256' | 'P-384';

function curveOf(key: KeyObject): Curve {
  return key.asymmetricKeyDetails?.namedCurve === 'secp384r1' ? 'P-384' : 'P-256';
}

// SHA-384 with P-384 keeps the signature as strong as the key.
function algorithm(curve: Curve): EcdsaParams & EcKeyImportParams {
  return { name: 'ECDSA', namedCurve: curve, hash: curve === 'P-384' ? 'SHA-384' : 'SHA-256' };
}

function importPublicKey(key: KeyObject): Promise<CryptoKey> {
  const der = key.export({ type: 'spki', format: 'der' });
  return webCrypto.subtle.importKey('spki', der, algorithm(curveOf(key)), true, ['verify']);
}

function importSigningKey(key: KeyObject): Promise<CryptoKey> {
  const der = key.export({ type: 'pkcs8', format: 'der' });
  return webCrypto.subtle.importKey('pkcs8', der, algorithm(curveOf(key)), false, ['sign']);
}

function subjectAltNames(names: SubjectName[]): x509.JsonGeneralNames {
  return names.map((name) => ({ type: name.kind, value: name.value }));
}

async function extensions(request: CertificateRequest, publicKey: CryptoKey, authorityKeyId?: string): Promise<x509.Extension[]> {
  const subjectKeyId = await x509.SubjectKeyIdentifierExtension.create(publicKey);
  if (request.role === 'ca') {
    return [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      subjectKeyId,
    ];
  }
  const list: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([request.role === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth]),
    subjectKeyId,
  ];
  if (authorityKeyId) list.push(new x509.AuthorityKeyIdentifierExtension(authorityKeyId));
  if (request.names.length > 0) list.push(new x509.SubjectAlternativeNameExtension(subjectAltNames(request.names)));
  return list;
}

function subjectName(commonName: string): x509.JsonName {
  return [{ CN: [commonName] }];
}

export const peculiarBackend: CertificateBackend = {
  async createCa(request, privateKey) {
    const [publicKey, signingKey] = await Promise.all([importPublicKey(request.publicKey), importSigningKey(privateKey)]);
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: request.serialNumber,
      subject: subjectName(request.commonName),
      issuer: subjectName(request.commonName),
      notBefore: request.notBefore,
      notAfter: request.notAfter,
      publicKey,
      signingKey,
      signingAlgorithm: algorithm(curveOf(privateKey)),
      extensions: await extensions(request, publicKey),
    });
    return `${cert.toString('pem')}\n`;
  },

  async issue(request: CertificateRequest, issuer: Issuer) {
    const caCert = new x509.X509Certificate(issuer.certificatePem);
    const [publicKey, signingKey] = await Promise.all([importPublicKey(request.publicKey), importSigningKey(issuer.privateKey)]);
    const caKeyId = caCert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: request.serialNumber,
      subject: subjectName(request.commonName),
      issuer: caCert.subjectName,
      notBefore: request.notBefore,
      notAfter: request.notAfter,
      publicKey,
      signingKey,
      signingAlgorithm: algorithm(curveOf(issuer.privateKey)),
      extensions: await extensions(request, publicKey, caKeyId),
    });
    return `${cert.toString('pem')}\n`;
  },
};
