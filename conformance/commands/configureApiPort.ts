import type { ConfigPortField } from '../../domain/rules/ports.ts';
import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { StepCommand } from './command.ts';
import { requestTo } from '../../domain/requests.ts';

type ApiPortField = 'cnm_http_port' | 'cnm_https_port';

const KEY: Record<ApiPortField, ConfigPortField> = { cnm_http_port: 'cnmHttpPort', cnm_https_port: 'cnmHttpsPort' };
const OTHER: Record<ApiPortField, ApiPortField> = { cnm_http_port: 'cnm_https_port', cnm_https_port: 'cnm_http_port' };

/**
 * Which port a change asks for, chosen on the model's state: its current value (accepted, no
 * change); one the cluster holds for another use — `cm_port`, the other API port, a database's
 * endpoint, a system port (3342), a port another process holds — (refused); a free one (moved);
 * the two API ports swapped in one request (moved: checked against the configuration after).
 */
export type PortChoice = 'current' | 'cm_port' | 'other' | 'database' | 'reserved' | 'foreign' | 'free' | 'swap';

/**
 * `PUT /v1/cluster` of `cnm_http_port` or `cnm_https_port` (PORT-CM-003), or a malformed or
 * out-of-range value for it (PORT-CM-002). A real cluster serves its API on these ports, and a
 * move would take the suite's own requests off it — also where they reach it through a proxy on
 * another port, which the suite cannot see. So an accepted move (`free`, `swap`) is sent only
 * where the suite reaches the target through no socket at all (`Model.suitePorts` empty: the mock
 * in-process); over HTTP(S), to a mock server or a real cluster, only the changes that are refused
 * or change nothing are sent.
 */
export class ConfigureApiPort extends StepCommand {
  readonly reqs = ['PORT-CM-001', 'PORT-CM-002', 'PORT-CM-003'] as const;

  /** A move is not put back on an adopted cluster: only where the suite may reset. */
  override readonly needs = ['reset'];

  /** @param value a `PortChoice`, or a literal value sent as it is (out of range, malformed). */
  constructor(
    readonly field: ApiPortField,
    readonly value: PortChoice | { readonly literal: unknown },
  ) {
    super();
  }

  private moves(): boolean {
    return this.value === 'free' || this.value === 'swap';
  }

  protected override applies(m: Readonly<Model>): boolean {
    if (this.value === 'database') return Object.values(m.state.databases).length > 0;
    if (this.value === 'foreign') return m.state.foreignPorts.length > 0;
    return !this.moves() || m.suitePorts?.size === 0;
  }

  private body(m: Readonly<Model>): Record<string, unknown> {
    const c = m.state.config;
    const v = this.value;
    if (typeof v === 'object') return { [this.field]: v.literal };
    if (v === 'swap') return { [this.field]: c[KEY[OTHER[this.field]]], [OTHER[this.field]]: c[KEY[this.field]] };
    const port = {
      current: c[KEY[this.field]],
      cm_port: c.cmPort,
      other: c[KEY[OTHER[this.field]]],
      database: Object.values(m.state.databases).map((d) => d.port).sort((a, b) => a - b)[0],
      reserved: 3342,
      foreign: m.state.foreignPorts[0],
      free: m.port(FREE),
    }[v];
    return { [this.field]: port };
  }

  step(m: Model): StepSpec {
    const body = this.body(m);
    const data = Object.fromEntries(Object.entries(body).map(([f, v]) => [KEY[f as ApiPortField], v]));
    return { commands: [{ type: 'ConfigureCluster', data }], request: { ...requestTo('ConfigureCluster'), body } };
  }

  toString(): string {
    return `ConfigureApiPort(${this.field}, ${typeof this.value === 'object' ? JSON.stringify(this.value.literal) : this.value})`;
  }
}

/** The nominal free port a move asks for (mapped per target like every explicit port: conformance/adopt/ports.ts). */
const FREE = 8500;
