import { X509Certificate } from 'node:crypto';
import type { Command } from '../../../domain/commands.ts';
import { reject, type Rejection } from '../../../domain/rejections.ts';
import { ALERT_FIELDS } from '../../../domain/rules/alerts.ts';
import { rotationOf } from '../../../domain/rules/rotation.ts';
import { readObject, refuse, unknownField } from '../http.ts';
import { empty, json, jsonText, run, type Route, type RouteContext, type Reply } from '../route.ts';
import { clusterAlertsView, clusterJson, clusterView, policyView } from '../views.ts';
import type { ServiceCertificate } from '../views/alerts.ts';

/** The modelled alerts by their API names. */
const ALERTS = Object.fromEntries(Object.entries(ALERT_FIELDS).map(([key, name]) => [name, key]));

/**
 * One alert's setting as the machines take it, or the refusal of a field it does not have.
 * `threshold` is a string of days in the real API ("45"); a number is taken too.
 */
function parseSetting(name: string, input: unknown): { ok: true; value: unknown } | { ok: false; rejection: Rejection } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: true, value: input };
  const problem = unknownField(input as Record<string, unknown>, ['enabled', 'threshold'], { within: `alert_settings.${name}` });
  if (problem) return { ok: false, rejection: problem };
  const { enabled, threshold } = input as Record<string, unknown>;
  const days = typeof threshold === 'string' && /^\d{1,4}$/.test(threshold) ? Number(threshold) : threshold;
  return { ok: true, value: { enabled, thresholdDays: days } };
}

/**
 * The validity of the cluster's own certificates, which `cluster_certs_about_to_expire` weighs:
 * read from the certificates themselves. The mock makes its CA, and with it the services'
 * certificates, on the first need of a certificate (a key generation): reading an alert is not
 * one, so until then there is nothing to weigh — and at ten years of validity, nothing the
 * default threshold would list anyway. Without an edge there are none.
 */
async function serviceValidity(ctx: RouteContext): Promise<ServiceCertificate[]> {
  const pems = (await ctx.cluster.edge?.serviceCertificates()) ?? {};
  return Object.entries(pems)
    .filter(([name]) => name.endsWith('_cert'))
    .map(([name, pem]) => {
      const cert = new X509Certificate(pem);
      return { name: name.slice(0, -'_cert'.length), notBefore: Date.parse(cert.validFrom), notAfter: Date.parse(cert.validTo) };
    });
}

async function updateCluster(ctx: RouteContext): Promise<Reply> {
  const body = await readObject(ctx.request);
  if (!body.ok) return refuse(body.rejection);
  const b = body.value;
  const current = clusterView(ctx.cluster.state);
  const problem = unknownField(b, ['cm_port', 'cnm_http_port', 'cnm_https_port', 'http_support', 'alert_settings'], { current });
  if (problem) return refuse(problem);
  const commands: Command[] = [];
  const config = { cmPort: b.cm_port, cnmHttpPort: b.cnm_http_port, cnmHttpsPort: b.cnm_https_port, httpSupport: b.http_support };
  // A port another process holds right now must be known to the model before it decides.
  await ctx.cluster.edge?.observePorts([b.cm_port, b.cnm_http_port, b.cnm_https_port].filter((p): p is number => Number.isInteger(p)));
  if (Object.values(config).some((v) => v !== undefined)) commands.push({ type: 'ConfigureCluster', data: config });
  if (b.alert_settings !== undefined) {
    const settings = b.alert_settings as Record<string, unknown>;
    if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
      return refuse(reject.invalidParameter('alert_settings must be an object'));
    }
    const data: Record<string, unknown> = {};
    const shown = (current as { alert_settings?: Record<string, unknown> }).alert_settings ?? {};
    for (const [name, value] of Object.entries(settings)) {
      // An alert sent back as GET shows it is no change, modelled or not (a client PUTs what it GETs).
      if (Object.hasOwn(shown, name) && JSON.stringify(shown[name]) === JSON.stringify(value)) continue;
      const key = Object.hasOwn(ALERTS, name) ? ALERTS[name] : undefined;
      // Other alert names exist on a real cluster; this mock only models the certificate ones.
      if (!key) return refuse(reject.unsupportedAlert(name));
      const setting = parseSetting(name, value);
      if (!setting.ok) return refuse(setting.rejection);
      data[key] = setting.value;
    }
    if (Object.keys(data).length) commands.push({ type: 'SetAlertSettings', data });
  }
  const pems = await ctx.cluster.edge?.serviceCertificates();
  return run(ctx, commands, (s) => jsonText(200, clusterJson(s, pems)));
}

async function updatePolicy(ctx: RouteContext): Promise<Reply> {
  const body = await readObject(ctx.request);
  if (!body.ok) return refuse(body.rejection);
  const problem = unknownField(body.value, ['data_internode_encryption']);
  if (problem) return refuse(problem);
  if (!('data_internode_encryption' in body.value)) return json(200, policyView(ctx.cluster.state));
  return run(ctx, { type: 'SetClusterPolicy', data: { dataInternodeEncryption: body.value.data_internode_encryption } }, (s) => json(200, policyView(s)));
}

async function rotate(ctx: RouteContext): Promise<Reply> {
  const body = await readObject(ctx.request, { optional: true });
  if (!body.ok) return refuse(body.rejection);
  const problem = unknownField(body.value, ['name']);
  if (problem) return refuse(problem);
  const rotation = rotationOf(body.value.name);
  if (!rotation.ok) return refuse(rotation.rejection);
  return run(ctx, { type: 'RotateCertificates', data: rotation.plane ? { plane: rotation.plane } : {} }, () => empty());
}

export const clusterRoutes: Route[] = [
  { method: 'GET', path: '/v1/cluster', handle: async (ctx) => jsonText(200, clusterJson(ctx.cluster.state, await ctx.cluster.edge?.serviceCertificates())) },
  { method: 'PUT', path: '/v1/cluster', handle: updateCluster },
  { method: 'GET', path: '/v1/cluster/policy', handle: (ctx) => json(200, policyView(ctx.cluster.state)) },
  { method: 'PUT', path: '/v1/cluster/policy', handle: updatePolicy },
  { method: 'GET', path: '/v1/cluster/alerts', handle: async (ctx) => json(200, clusterAlertsView(ctx.cluster.state, await serviceValidity(ctx))) },
  { method: 'POST', path: '/v1/cluster/certificates/rotate', handle: rotate },
  {
    method: 'GET',
    path: '/v1/cluster/certificates',
    // The nodes' internal certificates, one PEM bundle per name; never a private key, never the CA.
    handle: async (ctx) => json(200, (await ctx.cluster.edge?.certificates()) ?? {}),
  },
];
