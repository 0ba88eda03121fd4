// Rules for one certificate in its role, from what dockerd, Go clients and strict
// verifiers demand (shared/reference/docker-tls.md). Pure: facts in, defects out.
import { EKU, type CertificateFacts } from './cert-reader.js';
import { defect, type CertificateRole, type Defect } from './inspect-types.js';

export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;
const ANY_EXTENDED_KEY_USAGE = '2.5.29.37.0';
const EKU_NAMES: Record<string, string> = {
  [EKU.serverAuth]: 'serverAuth',
  [EKU.clientAuth]: 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
  [ANY_EXTENDED_KEY_USAGE]: 'anyExtendedKeyUsage',
};

const REISSUE_LEAF = 'reissue it from the CA: harden tls renew DIR (or harden tls init)';
const REISSUE_CA = 'create a new CA and reissue every certificate: harden tls init NAME... --out DIR';

/** `1 day`, `9 days`. */
export function dayCount(days: number): string {
  return `${days} day${days === 1 ? '' : 's'}`;
}

/** Whole days from `now` until notAfter (negative once expired). */
export function daysLeft(cert: CertificateFacts, now: Date): number {
  return Math.floor((cert.notAfter.getTime() - now.getTime()) / DAY_MS);
}

export function certificateDefects(cert: CertificateFacts, role: CertificateRole | null, now: Date): Defect[] {
  const defects = [...commonDefects(cert, role, now)];
  if (role === 'ca') defects.push(...caDefects(cert));
  else defects.push(...leafDefects(cert, role));
  if (role === 'server') defects.push(...serverDefects(cert));
  if (role === 'client') defects.push(...clientDefects(cert));
  return defects;
}

function commonDefects(cert: CertificateFacts, role: CertificateRole | null, now: Date): Defect[] {
  const defects: Defect[] = [];
  const reissue = role === 'ca' ? REISSUE_CA : REISSUE_LEAF;
  if (cert.version < 3) {
    defects.push(defect('error', 'cert-v1', `is an X.509 v${cert.version} certificate: it cannot carry SANs, key usage or CA constraints, which current Docker clients need`, `${reissue} (v3, with extensions)`));
  }
  if (cert.serial.sign !== 'positive') {
    const why = cert.serial.sign === 'zero' ? 'zero' : 'negative (the first byte of its DER INTEGER has the sign bit set, as node-forge writes serials starting with 0x80 or more)';
    defects.push(defect('error', 'serial-not-positive', `serial number 0x${cert.serial.hex} is ${why}; newer Go programs reject it`, `${reissue} with a positive serial: 16 random bytes with the top bit cleared`));
  }
  const left = daysLeft(cert, now);
  const until = cert.notAfter.toISOString();
  if (cert.notAfter.getTime() < now.getTime()) {
    defects.push(defect('error', 'expired', `expired on ${until} (${dayCount(-left)} ago)`, role === 'ca' ? REISSUE_CA : `renew it: harden tls renew DIR, then restart dockerd`));
  } else if (left <= EXPIRY_WARNING_DAYS) {
    defects.push(defect('warning', 'expires-soon', `expires in ${dayCount(left)}, on ${until}`, role === 'ca' ? REISSUE_CA : `renew it before then: harden tls renew DIR, then restart dockerd`));
  }
  if (cert.notBefore.getTime() > now.getTime()) {
    defects.push(defect('error', 'not-yet-valid', `is not valid before ${cert.notBefore.toISOString()} (notBefore is in the future)`, 'check the clock of the machine that issued it, or reissue it with notBefore backdated a few minutes'));
  }
  if (cert.signatureHash !== null && /^(SHA-1|MD5)$/i.test(cert.signatureHash)) {
    defects.push(defect('error', 'weak-signature', `is signed with ${cert.signatureHash}, which Go rejects`, `${reissue} with SHA-256`));
  }
  if (cert.rsaBits !== null && cert.rsaBits < 2048) {
    defects.push(defect('error', 'weak-key', `has a ${cert.rsaBits}-bit RSA key; at least 2048 bits are needed`, `${reissue} with --key-type rsa-2048 or ecdsa-p256`));
  }
  return defects;
}

function caDefects(cert: CertificateFacts): Defect[] {
  const defects: Defect[] = [];
  const basic = cert.basicConstraints;
  if (basic === null || !basic.ca) {
    defects.push(defect('error', 'ca-not-ca', `is used as the CA but has ${basic === null ? 'no basicConstraints' : 'basicConstraints CA:FALSE'}: nothing it signed can be verified`, `${REISSUE_CA} (basicConstraints=critical,CA:TRUE)`));
  } else if (!basic.critical) {
    defects.push(defect('error', 'ca-constraints-not-critical', 'has basicConstraints CA:TRUE not marked critical; openssl verify -x509_strict rejects it', `${REISSUE_CA} (basicConstraints=critical,CA:TRUE)`));
  }
  if (cert.keyUsage === null) {
    defects.push(defect('error', 'ca-key-usage-missing', 'has no keyUsage extension; openssl verify -x509_strict and Python 3.13+ reject such a CA', `${REISSUE_CA} (keyUsage=critical,keyCertSign,cRLSign)`));
  } else if (!cert.keyUsage.usages.includes('keyCertSign')) {
    defects.push(defect('error', 'ca-key-cert-sign-missing', `has keyUsage ${cert.keyUsage.usages.join(', ') || '(empty)'} without keyCertSign: it may not sign certificates`, `${REISSUE_CA} (keyUsage=critical,keyCertSign,cRLSign)`));
  }
  if (cert.version >= 3 && cert.subjectKeyId === null) {
    defects.push(defect('warning', 'ca-subject-key-id-missing', 'has no subject key identifier; strict verifiers use it to find the issuer', `${REISSUE_CA} (subjectKeyIdentifier=hash)`));
  }
  return defects;
}

function leafDefects(cert: CertificateFacts, role: CertificateRole | null): Defect[] {
  if (cert.version < 3) return [];
  const defects: Defect[] = [];
  const what = role === null ? 'a leaf certificate' : `the ${role} certificate`;
  if (cert.basicConstraints?.ca) {
    defects.push(defect('error', 'leaf-is-ca', `has basicConstraints CA:TRUE but is used as ${what}`, `${REISSUE_LEAF} (basicConstraints=CA:FALSE)`));
  } else if (cert.basicConstraints === null) {
    defects.push(defect('warning', 'leaf-constraints-missing', 'has no basicConstraints CA:FALSE', `${REISSUE_LEAF} (basicConstraints=CA:FALSE)`));
  }
  const usage = cert.keyUsage;
  if (usage === null) {
    defects.push(defect('warning', 'leaf-key-usage-missing', 'has no keyUsage extension', `${REISSUE_LEAF} (keyUsage=critical,digitalSignature${cert.rsaBits !== null ? ',keyEncipherment' : ''})`));
  } else if (!usage.usages.includes('digitalSignature')) {
    defects.push(defect('error', 'leaf-digital-signature-missing', `has keyUsage ${usage.usages.join(', ') || '(empty)'} without digitalSignature: it cannot sign a TLS handshake`, `${REISSUE_LEAF} (keyUsage=critical,digitalSignature)`));
  } else if (cert.rsaBits !== null && !usage.usages.includes('keyEncipherment')) {
    defects.push(defect('warning', 'leaf-key-encipherment-missing', 'is an RSA certificate whose keyUsage lacks keyEncipherment (needed for TLS 1.2 RSA key exchange)', `${REISSUE_LEAF} (keyUsage=critical,digitalSignature,keyEncipherment)`));
  }
  if (cert.authorityKeyId === null && cert.subjectKeyId !== null) {
    defects.push(defect('warning', 'authority-key-id-missing', 'has no authority key identifier; strict verifiers use it to find the issuer', `${REISSUE_LEAF} (authorityKeyIdentifier=keyid)`));
  }
  for (const name of cert.subjectAltNames?.dns ?? []) {
    if (name.endsWith('.')) {
      defects.push(defect('error', 'san-trailing-dot', `has the DNS SAN "${name}" with a trailing dot; newer dockerd refuses to start with it`, `${REISSUE_LEAF} with "${name.replace(/\.+$/, '')}"`));
    }
  }
  return defects;
}

function serverDefects(cert: CertificateFacts): Defect[] {
  const defects: Defect[] = [];
  const names = cert.subjectAltNames;
  if (names === null || names.dns.length + names.ip.length === 0) {
    const cn = cert.commonName === null ? 'and no Common Name' : `only the Common Name "${cert.commonName}"`;
    defects.push(defect('error', 'san-missing', `has no subjectAltName (${cn}): Go clients ignore the Common Name and fail with "certificate relies on legacy Common Name field"`, `${REISSUE_LEAF} listing every DNS name and IP address clients dial`));
  }
  const eku = cert.extendedKeyUsage;
  // A v1 certificate has no extensions at all; `cert-v1` already says so.
  if (eku === null && cert.version >= 3) {
    defects.push(defect('warning', 'eku-missing', 'has no extendedKeyUsage; it should say serverAuth', `${REISSUE_LEAF} (extendedKeyUsage=serverAuth)`));
  } else if (eku !== null && !eku.includes(EKU.serverAuth) && !eku.includes(ANY_EXTENDED_KEY_USAGE)) {
    defects.push(defect('error', 'eku-server-auth-missing', `has extendedKeyUsage ${ekuList(eku)} without serverAuth: the docker CLI rejects the daemon ("incompatible key usage")`, `${REISSUE_LEAF} (extendedKeyUsage=serverAuth)`));
  }
  return defects;
}

function clientDefects(cert: CertificateFacts): Defect[] {
  const eku = cert.extendedKeyUsage;
  if (eku === null) return cert.version < 3 ? [] : [defect('warning', 'eku-missing', 'has no extendedKeyUsage; it should say clientAuth', `${REISSUE_LEAF} (extendedKeyUsage=clientAuth)`)];
  if (eku.includes(EKU.clientAuth) || eku.includes(ANY_EXTENDED_KEY_USAGE)) return [];
  const fix = 'issue a client certificate: harden tls client NAME --ca DIR --out DIR2';
  if (eku.includes(EKU.serverAuth)) {
    return [defect('error', 'server-cert-as-client', `is a server certificate (extendedKeyUsage ${ekuList(eku)}, no clientAuth) used as a client certificate: dockerd rejects it ("incompatible key usage")`, fix)];
  }
  return [defect('error', 'eku-client-auth-missing', `has extendedKeyUsage ${ekuList(eku)} without clientAuth: dockerd rejects it as a client certificate`, fix)];
}

function ekuList(oids: string[]): string {
  return oids.length === 0 ? '(empty)' : oids.map((oid) => EKU_NAMES[oid] ?? oid).join(', ');
}
