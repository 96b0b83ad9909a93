import { reject } from '../../domain/rejections.ts';
import { readLog } from '../logCheck.ts';
import { logPage, logQueryString, pickTime, type LogQuery, type TimePick } from '../logPage.ts';
import { Mismatch } from '../mismatch.ts';
import type { Model } from '../model.ts';
import type { Probe } from '../probe.ts';
import { ProbeCommand } from './probeCommand.ts';

/** What a generated query asks: times as picks on the log, counts as they are sent. */
export interface LogQueryArgs {
  readonly stime?: TimePick;
  readonly etime?: TimePick;
  readonly order?: 'asc' | 'desc';
  readonly limit?: number;
  readonly offset?: number;
}

/** A parameter sent malformed on purpose, and the value sent. */
export interface MalformedParam {
  readonly param: 'stime' | 'etime' | 'order' | 'limit' | 'offset';
  readonly value: string;
}

/** How often the log is read again when it moved while a query was answered. */
const STABLE_TRIES = 3;

/**
 * `GET /v1/logs` with `stime`, `etime`, `order`, `limit`, `offset` (API-LOG-001). The page a query
 * must answer is computed from a full read of the log in the same step (conformance/logPage.ts):
 * the target is checked for agreeing with itself, whatever its log holds, so this runs on an
 * adopted cluster too. A malformed value is refused with 400 `invalid_parameter`. Not sent:
 * `limit=0` and parameters the API does not have, whose answers the specification leaves open.
 */
export class QueryLogs extends ProbeCommand {
  readonly reqs = ['API-LOG-001', 'API-LOG-002', 'API-ERR-001'] as const;

  constructor(readonly args: LogQueryArgs | MalformedParam) {
    super();
  }

  probe(_m: Model): Omit<Probe, 'label' | 'reqs'> {
    if ('param' in this.args) {
      const { param, value } = this.args;
      return { request: { method: 'GET', path: `/v1/logs${logQueryString({ [param]: value })}` }, refusal: reject.invalidParameter(`${param} is malformed`) };
    }
    return this.page(this.args);
  }

  /**
   * The query is only known once the log is read (its times are picked on it), so the request
   * sent is the probe's second: the first read is the full log, the prediction's input.
   */
  private page(args: LogQueryArgs): Omit<Probe, 'label' | 'reqs'> {
    const label = this.toString();
    const reqs = this.reqs;
    return {
      request: { method: 'GET', path: '/v1/logs' },
      compare: async (first, _before, target) => {
        if (!Array.isArray(first.body)) return;
        let full: readonly any[] = first.body;
        for (let attempt = 0; attempt < STABLE_TRIES; attempt++) {
          const query: LogQuery = {
            ...(args.stime ? { stime: pickTime(full, args.stime) } : {}),
            ...(args.etime ? { etime: pickTime(full, args.etime) } : {}),
            ...(args.order ? { order: args.order } : {}),
            ...(args.limit !== undefined ? { limit: args.limit } : {}),
            ...(args.offset !== undefined ? { offset: args.offset } : {}),
          };
          const path = `/v1/logs${logQueryString({ ...query })}`;
          const answer = await target.api('GET', path);
          if (answer.status !== 200 || !Array.isArray(answer.body)) throw new Mismatch(`GET ${path} after ${label}`, '200 with a list of entries', answer, [...reqs]);
          const expected = logPage(full, query);
          if (JSON.stringify(answer.body) === JSON.stringify(expected)) return;
          // A log that moved meanwhile (a cluster's own entries) leaves the answer undecided: read again.
          const again = (await readLog(target)) ?? [];
          if (JSON.stringify(again) === JSON.stringify(full)) throw new Mismatch(`GET ${path} after ${label}: the full log, filtered, ordered, offset, then limited`, brief(expected), brief(answer.body), [...reqs]);
          full = again;
        }
      },
    };
  }

  toString(): string {
    return `QueryLogs(${JSON.stringify(this.args)})`;
  }
}

/** Entries as a failure prints them: their times and types. */
const brief = (entries: readonly any[]) => entries.map((e) => `${e?.time} ${e?.type}`);
