// The policy `harden selinux generate` derives from one container, independent of
// the output syntax: the te and CIL renderers print the same rules.

export const FLAVORS = ['refpolicy', 'fedora'] as const;
/** `refpolicy`: Debian and upstream reference policy; `fedora`: Fedora/RHEL with container-selinux. */
export type Flavor = (typeof FLAVORS)[number];

export const FORMATS = ['te', 'cil'] as const;
export type ModuleFormat = (typeof FORMATS)[number];

/** What a host path is, which decides the object classes a rule names. */
export type ObjectKind = 'directory' | 'file' | 'socket' | 'character-device' | 'block-device' | 'unknown';

export interface PolicyRule {
  /** A type name, or `self` for the domain itself. */
  target: string;
  tclass: string;
  /** Sorted, without duplicates. */
  permissions: string[];
  /** Why the rule exists (one line each), printed as comments above it. */
  reasons: string[];
}

export interface PolicySection {
  title: string;
  /** Comment lines printed under the title. */
  notes: string[];
  /** Printed in capitals with a warning banner (the engine socket). */
  loud: boolean;
  rules: PolicyRule[];
}

/** A type the module declares for host paths no policy labels (they would otherwise be `default_t`). */
export interface PrivateFileType {
  /** `NAME_data_t` (te) — the CIL block calls it `data`. */
  name: string;
  /** Host paths to label with it, as file_contexts regular expressions. */
  patterns: string[];
}

export interface ContainerPolicy {
  module: string;
  flavor: Flavor;
  /** The process type the template defines: `NAME_t` (te). */
  domain: string;
  container: { name: string; id: string; image: string; source: string };
  sections: PolicySection[];
  dataType: PrivateFileType | null;
  /** Things the user must know (privileged, label=disable, unknown capabilities). */
  warnings: string[];
  /** `docker run` arguments that recreate the container, without the label option and `docker run`. */
  runArguments: string[];
}
