// The HTML report of `harden report` in a real browser (Debian's headless
// Chromium, driven by playwright-core): it shows the findings, the changes and
// the trend chart, logs no console error, loads nothing, and hostile strings from
// a container stay text.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type TestEngine } from '../helpers/engine.js';
import { harden } from '../helpers/cli.js';
import type { AuditReport } from '../../src/report/types.js';
import { addRiskyContainer, HOSTILE_MOUNT, HOSTILE_SELINUX_TYPE, readRun, runFolders } from './runs.js';

// The flags this machine needs (/work/.library/env/machines/node.md): no sandbox as
// root, and no background networking, which the closed network would refuse.
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let engine: TestEngine;
let work: string;
let browser: Browser;
let report: AuditReport;
let htmlUrl: string;

interface PageVisit {
  page: Page;
  consoleErrors: string[];
  dialogs: string[];
  requests: string[];
}

beforeAll(async () => {
  engine = await startEngine('rephtml');
  work = mkdtempSync(join(tmpdir(), 'harden-report-html-'));
  const outDir = join(work, 'reports');
  await engine.docker('run', '-d', '--name', 'b-base', '--network', 'none', 'local/busybox:1', 'sleep', '3600');
  await harden(['report', '-H', engine.host, '--out-dir', outDir]);
  await addRiskyContainer(engine, 'b-risky');
  await harden(['report', '-H', engine.host, '--out-dir', outDir]);
  const runs = runFolders(outDir);
  report = readRun(outDir, runs[1] ?? '');
  htmlUrl = pathToFileURL(join(outDir, 'latest', 'report.html')).href;
  // playwright starts Chromium headless, with a new empty profile of its own.
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
});

afterAll(async () => {
  await browser?.close();
  await engine?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function visit(): Promise<PageVisit> {
  const page = await browser.newPage();
  const visitData: PageVisit = { page, consoleErrors: [], dialogs: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') visitData.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => visitData.consoleErrors.push(error.message));
  page.on('dialog', (dialog) => {
    visitData.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => visitData.requests.push(request.url()));
  await page.goto(htmlUrl, { waitUntil: 'load' });
  return visitData;
}

describe('the harden report HTML page in headless Chromium', () => {
  it('renders with no console error, no dialog and no request but the page itself', async () => {
    const { page, consoleErrors, dialogs, requests } = await visit();
    expect(await page.title()).toBe(`harden audit report: ${engine.host}`);
    expect(consoleErrors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([htmlUrl]);
    await page.close();
  });

  it('shows every open finding: each container with its findings, and the daemon findings', async () => {
    const { page } = await visit();
    const rows = await page.$$eval('section[aria-labelledby="findings"] details.container', (sections) =>
      sections.flatMap((section) => {
        const name = section.querySelector('h3')?.textContent ?? '';
        return [...section.querySelectorAll('tbody tr')].map((row) => `${name} ${row.querySelector('code')?.textContent ?? ''}`);
      }),
    );
    const expected = report.findings.filter((finding) => !finding.waived && finding.container).map((finding) => `${finding.container?.name ?? ''} ${finding.ruleId}`);
    expect(rows.sort()).toEqual(expected.sort());
    expect(rows.some((row) => row.startsWith('b-risky '))).toBe(true);
    // Findings about the engine itself have no container; they are on the page too.
    const text = await page.innerText('main');
    for (const finding of report.findings.filter((finding) => !finding.container)) expect(text).toContain(finding.message);
    await page.close();
  });

  it('leads with the changes since the previous run: exactly the added container, as new', async () => {
    const { page } = await visit();
    expect(await page.textContent('main > section:first-of-type h2')).toBe('Changes since the previous run');
    const newRows = await page.$$eval('table.changes-new tbody tr', (rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')));
    const expected = report.changes?.new ?? [];
    expect(expected.length).toBeGreaterThan(0);
    expect(newRows.map((cells) => `${cells[1]} ${cells[3]}`).sort()).toEqual(expected.map((change) => `b-risky ${change.ruleId}`).sort());
    expect(await page.$$('table.changes-resolved')).toHaveLength(0);
    await page.close();
  });

  it('draws the trend of open findings by severity as an inline SVG chart', async () => {
    const { page } = await visit();
    const chart = await page.$eval('svg.trend', (svg) => ({
      lines: [...svg.querySelectorAll('polyline')].map((line) => ({ severity: line.classList[1], points: line.getAttribute('points')?.split(' ').length })),
      width: svg.getBoundingClientRect().width,
      title: svg.querySelector('title')?.textContent,
    }));
    const trend = report.trend ?? [];
    const severities = (['critical', 'high', 'medium', 'low', 'info'] as const).filter((severity) => trend.some((point) => point.bySeverity[severity] > 0));
    expect(chart.lines).toEqual(severities.map((severity) => ({ severity, points: 2 })));
    expect(chart.width).toBeGreaterThan(100);
    expect(chart.title).toBe('Open findings by severity over the last 2 runs');
    await page.close();
  });

  it('keeps hostile strings from containers as text: no img element, no script run', async () => {
    const { page, dialogs } = await visit();
    const dom = await page.evaluate(() => ({
      images: document.querySelectorAll('img').length,
      scripts: document.querySelectorAll('script').length,
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      text: document.body.innerText,
    }));
    expect(dom).toMatchObject({ images: 0, scripts: 0, pwned: undefined });
    expect(dialogs).toEqual([]);
    expect(dom.text).toContain(HOSTILE_MOUNT);
    expect(dom.text).toContain(HOSTILE_SELINUX_TYPE);
    await page.close();
  });
});
