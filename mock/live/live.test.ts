import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../server/server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const credentials = { username: 'admin@example.com', password: 'secret' };

/** One request to the mock over HTTPS, trusting its certificate. */
function call(server: MockServer, method: string, path: string, body?: unknown, auth = true): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth) headers.authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    const req = request(`${server.httpsUrl}${path}`, { method, headers, ca: server.certificatePem, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('the live view', () => {
  let server: MockServer;
  let context: BrowserContext;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium (.ci/run does)`);
    server = await startMockServer({ credentials, httpsPort: 0, httpPort: 0, settleMs: 20 });
    profile = mkdtempSync(join(tmpdir(), 'live-view-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: false, // the flags below ask for it, exactly as CI's browser is run
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      ignoreHTTPSErrors: true,
      httpCredentials: credentials,
      viewport: { width: 1400, height: 1000 },
    });
    page = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const highlighted = (entity: string) => page.locator(`.card[data-entity="${entity}"] g.current`).evaluateAll((gs) => gs.map((g) => g.getAttribute('data-state')));

  it('asks for the credentials the API asks for', async () => {
    expect((await call(server, 'GET', '/live', undefined, false)).status).toBe(401);
    expect((await call(server, 'GET', '/live/events', undefined, false)).status).toBe(401);
  });

  it('draws every machine with its current state highlighted', async () => {
    await page.goto(`${server.httpsUrl}/live`);
    await expect.poll(() => highlighted('node:2'), { timeout: 10_000 }).toEqual(['node.active']);
    const cards = await page.locator('.card').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-entity')));
    expect(cards).toEqual(['cluster', 'node:1', 'node:2', 'node:3', 'cert:node-1/cp', 'cert:node-1/dp', 'cert:node-2/cp', 'cert:node-2/dp', 'cert:node-3/cp', 'cert:node-3/dp']);
    expect(await highlighted('cluster')).toEqual(['cluster.running']);
    expect(await page.locator('#events li').count()).toBeGreaterThan(0);
  });

  it('follows a node powered down through the control protocol, and logs the event', async () => {
    const powered = await call(server, 'POST', '/control/v1/nodes/2/power', { state: 'down' });
    expect(powered.status).toBe(200);
    await expect.poll(() => highlighted('node:2'), { timeout: 5_000 }).toEqual(['node.down']);
    expect(await page.locator('.card[data-entity="node:2"] h3 .state').textContent()).toBe('down');
    expect(await highlighted('node:3')).toEqual(['node.active']);
    const newest = page.locator('#events li').first();
    expect(await newest.locator('.type').textContent()).toBe('NodeWentDown');
    expect(await newest.locator('.entity').textContent()).toBe('→ node:2');

    const shot = join(process.env.LIVE_SCREENSHOT_DIR ?? tmpdir(), 'live-view.png');
    await page.screenshot({ path: shot, fullPage: true, timeout: 15_000 });
    expect(existsSync(shot)).toBe(true);
  });

  it('shows a database appear and settle', async () => {
    const created = await call(server, 'POST', '/v1/bdbs', { name: 'cache', memory_size: 104857600 });
    expect(created.status).toBe(200);
    await expect.poll(() => highlighted('bdb:1'), { timeout: 5_000 }).toEqual(['database.active']);
    expect(await page.locator('.card[data-entity="bdb:1"] h3 span').first().textContent()).toBe('bdb:1 (cache)');
  });
});
