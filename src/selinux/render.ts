// ContainerPolicy -> NAME.te (+ NAME.fc, NAME.if) or NAME.cil, from templates/selinux/.
import Handlebars from 'handlebars';
import { loadTemplate } from '../util/templates.js';
import { toolVersion } from '../util/package-info.js';
import type { AllowRule } from './avc-rules.js';
import type { ContainerPolicy, ModuleFormat, PolicyRule, PolicySection } from './model.js';
import { shellWord } from './run-arguments.js';

const handlebars = Handlebars.create();

export interface RenderedFile {
  /** File name inside the output directory. */
  name: string;
  content: string;
}

/** Allow rules from an AVC log, to fold into the module. */
export interface AvcSection {
  log: string;
  /** e.g. `120 denials, 3 rules; 5000 lines read, 4880 ignored, 0 malformed` */
  summary: string;
  rules: readonly AllowRule[];
  /** The te text (require block + rules) the AVC module renders. */
  teText: string;
}

/** Comments hold host paths and names from inspect output: a newline there must not start a policy statement. */
function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function permissionList(permissions: readonly string[]): string {
  return permissions.length === 1 ? (permissions[0] as string) : `{ ${permissions.join(' ')} }`;
}

function teRule(domain: string, rule: { target: string; tclass: string; permissions: readonly string[] }): string {
  return `allow ${domain} ${rule.target}:${rule.tclass} ${permissionList(rule.permissions)};`;
}

function cilRule(policy: ContainerPolicy, rule: { target: string; tclass: string; permissions: readonly string[] }): string {
  return `(allow process ${cilType(policy, rule.target)} (${rule.tclass} (${rule.permissions.join(' ')})))`;
}

/** Inside the block the domain is `process` (or `self` as a target) and the private file type is `data`. */
function cilType(policy: ContainerPolicy, type: string): string {
  if (type === policy.domain) return 'self';
  if (policy.dataType !== null && type === policy.dataType.name) return 'data';
  return type;
}

/** The domain as `docker run --security-opt label=type:` names it. */
export function domainName(policy: Pick<ContainerPolicy, 'module'>, format: ModuleFormat): string {
  return format === 'cil' ? `${policy.module}.process` : `${policy.module}_t`;
}

export function runCommand(policy: ContainerPolicy, format: ModuleFormat): string {
  return ['docker', 'run', '--security-opt', `label=type:${domainName(policy, format)}`, ...policy.runArguments].map(shellWord).join(' ');
}

function sectionView(section: PolicySection, line: (rule: PolicyRule) => string): object {
  return {
    title: commentText(section.title).toUpperCase(),
    loud: section.loud,
    notes: section.notes.map(commentText),
    // Rules that share their reasons (a directory's dir and file rules) print them once.
    rules: section.rules.map((rule, index) => {
      const previous = section.rules[index - 1];
      const repeated = previous !== undefined && previous.reasons.join('\n') === rule.reasons.join('\n');
      return { reasons: repeated ? [] : rule.reasons.map(commentText), line: line(rule) };
    }),
  };
}

function commonView(policy: ContainerPolicy, format: ModuleFormat): Record<string, unknown> {
  return {
    module: policy.module,
    version: toolVersion(),
    domain: domainName(policy, format),
    refpolicy: policy.flavor === 'refpolicy',
    container: {
      name: commentText(policy.container.name),
      id: policy.container.id.slice(0, 12),
      image: commentText(policy.container.image),
      source: commentText(policy.container.source),
    },
    runCommand: commentText(runCommand(policy, format)),
    warnings: policy.warnings.map(commentText),
  };
}

/** Types the te rules name that the module does not declare itself. */
function requiredTypes(policy: ContainerPolicy): string[] {
  const own = new Set(['self', policy.domain, policy.dataType?.name]);
  const types = new Set<string>();
  for (const section of policy.sections) for (const rule of section.rules) if (!own.has(rule.target)) types.add(rule.target);
  return [...types].sort();
}

export function renderTe(policy: ContainerPolicy, avc: AvcSection | null): RenderedFile[] {
  const view = {
    ...commonView(policy, 'te'),
    templateMacro: policy.flavor === 'refpolicy' ? 'container_domain_template' : 'virt_sandbox_domain_template',
    dataType: policy.dataType,
    requires: requiredTypes(policy),
    sections: policy.sections.map((section) => sectionView(section, (rule) => teRule(policy.domain, rule))),
    avc: avc === null ? null : { log: commentText(avc.log), summary: avc.summary, text: avc.teText.trimEnd() },
  };
  const files: RenderedFile[] = [{ name: `${policy.module}.te`, content: loadTemplate<object>(handlebars, 'selinux/module.te.hbs')(view) }];
  if (policy.dataType !== null) {
    const dataView = { ...view, dataType: policy.dataType.name, patterns: policy.dataType.patterns.map(fileContextPattern) };
    files.push({ name: `${policy.module}.fc`, content: loadTemplate<object>(handlebars, 'selinux/module.fc.hbs')(dataView) });
    files.push({ name: `${policy.module}.if`, content: loadTemplate<object>(handlebars, 'selinux/module.if.hbs')(dataView) });
  }
  return files;
}

/** A file_contexts field cannot hold whitespace, a CIL string cannot hold `"`: both become a regex class. */
function fileContextPattern(pattern: string): string {
  return pattern.replace(/\s/g, '\\s').replace(/"/g, '.');
}

export function renderCil(policy: ContainerPolicy, avc: AvcSection | null): RenderedFile[] {
  const view = {
    ...commonView(policy, 'cil'),
    dataType: policy.dataType === null ? null : { patterns: policy.dataType.patterns.map(fileContextPattern) },
    sections: policy.sections.map((section) => sectionView(section, (rule) => cilRule(policy, rule))),
    avc:
      avc === null
        ? null
        : {
            log: commentText(avc.log),
            summary: avc.summary,
            rules: avc.rules.map((rule) => cilRule(policy, { ...rule, target: rule.target === domainName(policy, 'cil') ? policy.domain : rule.target })),
          },
  };
  return [{ name: `${policy.module}.cil`, content: loadTemplate<object>(handlebars, 'selinux/module.cil.hbs')(view) }];
}
