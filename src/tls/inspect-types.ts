// The result of `harden tls inspect`: a stable JSON shape for scripts (--format json).

/** `error` makes `harden tls inspect` exit 1; `warning` is shown but exits 0. */
export type TlsFindingLevel = 'error' | 'warning';

/** What a certificate is for, from where it sits in the layout (or, for a lone file, from its contents). */
export type CertificateRole = 'ca' | 'server' | 'client';

export interface TlsFinding {
  level: TlsFindingLevel;
  /** Stable identifier of the defect, e.g. `san-missing`, `key-mode`. */
  code: string;
  /** File the defect is in, relative to the inspected directory (or the path given for a single file). */
  file: string;
  message: string;
  /** How to fix it, as one instruction. */
  fix: string;
}

export interface CertificateSummary {
  file: string;
  role: CertificateRole | null;
  subject: string;
  /** `DNS:name`, `IP:address` entries; empty when the certificate has none. */
  subjectAltNames: string[];
  notAfter: string;
  /** Whole days until notAfter; negative once expired. */
  daysLeft: number;
}

export type InspectedLayout = 'tls-init' | 'client-bundle' | 'directory' | 'file';

export interface TlsInspectReport {
  path: string;
  layout: InspectedLayout;
  certificates: CertificateSummary[];
  findings: TlsFinding[];
  errors: number;
  warnings: number;
}

/** A finding before the file it belongs to is known. */
export type Defect = Omit<TlsFinding, 'file'>;

export function defect(level: TlsFindingLevel, code: string, message: string, fix: string): Defect {
  return { level, code, message, fix };
}
