import type { ConfigPortField } from '../../domain/rules/ports.ts';
import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { StepCommand } from './command.ts';

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
 * out-of-range value for it (PORT-CM-002). A real cluster serves its API on these ports: an
 * accepted move (`free`, `swap`) is sent only where the model knows the suite reaches the target
 * on neither the port that moves nor the one it moves to (`Model.suitePorts`) — never to the
 * port the suite's requests go to, which would move them off the API. The others are refused or
 * change nothing, so they are sent everywhere.
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
    const c = m.state.config;
    if (this.value === 'database') return Object.values(m.state.databases).length > 0;
    if (this.value === 'foreign') return m.state.foreignPorts.length > 0;
    if (!this.moves()) return true;
    const touched = this.value === 'swap' ? [c.cnmHttpPort, c.cnmHttpsPort] : [c[KEY[this.field]], m.port(FREE) as number];
    return m.suitePorts !== undefined && touched.every((p) => !m.suitePorts!.has(p));
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
    return { commands: [{ type: 'ConfigureCluster', data }], request: { method: 'PUT', path: '/v1/cluster', body } };
  }

  toString(): string {
    return `ConfigureApiPort(${this.field}, ${typeof this.value === 'object' ? JSON.stringify(this.value.literal) : this.value})`;
  }
}

/** The nominal free port a move asks for (mapped per target like every explicit port: conformance/adopt/ports.ts). */
const FREE = 8500;
