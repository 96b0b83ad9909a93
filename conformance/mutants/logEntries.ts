import { http, HttpResponse } from 'msw';
import type { Mutant } from './mutant.ts';

/** An entry of `GET /v1/logs` as the mock's own handler answered it, rewritten. */
const rewritten = (through: (request: Request) => Promise<Response>, rewrite: (entries: any[]) => unknown[]) =>
  http.get('*/v1/logs', async ({ request }) => {
    const answer = await through(request);
    const body = (await answer.json()) as any;
    return Array.isArray(body) ? HttpResponse.json(rewrite(body)) : HttpResponse.json(body, { status: answer.status });
  });

/** A field's name as a model keeps it: `memory_size` → `memorySize`, `threshold` → `thresholdDays`. */
const modelName = (field: string) => (field === 'threshold' ? 'thresholdDays' : field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));

const renamedKeys = (v: unknown): unknown =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [modelName(k), renamedKeys(x)])) : v;

/** Broken variants of what the log says: every entry is there, but one says the wrong thing, or one is missing. */
export const LOG_ENTRIES: readonly Mutant[] = [
  {
    name: 'log-changes-under-model-names',
    breaks: 'API-LOG-001',
    description: "names the fields of a logged change as its own model does (memorySize, thresholdDays), not as the API does",
    handlers: (_cluster, through) => [rewritten(through, (entries) => entries.map((e) => (e?.changes ? { ...e, changes: renamedKeys(e.changes) } : e)))],
  },
  {
    name: 'failed-start-not-logged',
    needs: ['power', 'reset'],
    breaks: 'NODE-ADDR-008',
    description: 'records nothing when a node asked to come up stays down (its internal address not bound on its host)',
    handlers: (_cluster, through) => [rewritten(through, (entries) => entries.filter((e) => e?.type !== 'node_operation_failed'))],
  },
];
