/**
 * A team's own metrics and aliases, from its policy's `metrics:`: the built-in registry extended
 * with no code change. A key the registry already has gains the aliases (and name or direction)
 * given; a new key is a new metric, read and compared like the built-in ones.
 */
import { defaultRegistry, Registry } from "../record/registry/labels.js";
import type { MetricDef, MetricKind } from "../record/registry/metrics.js";
import type { Policy, TeamMetric } from "./schema.js";

const KIND: Readonly<Record<NonNullable<TeamMetric["unit"]>, { kind: MetricKind; scale?: number; range: readonly [number, number] }>> = {
  percent: { kind: "percent", range: [0, 100] },
  score: { kind: "score", scale: 5, range: [0, 5] },
  score_10: { kind: "score", scale: 10, range: [0, 10] },
  seconds: { kind: "seconds", range: [0, 86_400] },
  tokens: { kind: "tokens", range: [0, 1e15] },
  count: { kind: "number", range: [-1e15, 1e15] },
  money: { kind: "money", range: [-1e15, 1e15] },
};

function teamDef(m: TeamMetric, known: MetricDef | undefined): MetricDef {
  if (known) {
    return {
      ...known,
      name: m.name ?? known.name,
      aliases: [...known.aliases, ...m.aliases],
      direction: m.direction ?? known.direction,
      ...(m.items !== undefined ? { items: m.items } : {}),
    };
  }
  const unit = KIND[m.unit ?? (m.benchmark ? "percent" : "count")];
  return {
    key: m.key,
    name: m.name ?? m.key.replace(/_/g, " "),
    aliases: m.aliases,
    kind: unit.kind,
    ...(unit.scale !== undefined ? { scale: unit.scale } : {}),
    direction: m.direction ?? (m.benchmark ? "higher" : "neutral"),
    range: m.range ?? unit.range,
    ...(m.items !== undefined ? { items: m.items } : {}),
    ...(m.benchmark ? { benchmark: true } : {}),
  };
}

const built = new WeakMap<Policy, Registry>();

/** The registry a policy reads records with: the built-in one when it adds no metrics. */
export function registryFor(policy: Policy): Registry {
  if (!policy.metrics || policy.metrics.length === 0) return defaultRegistry();
  const hit = built.get(policy);
  if (hit) return hit;
  const base = defaultRegistry();
  const team = new Map(policy.metrics.map((m) => [m.key, m]));
  const metrics = [
    ...base.metrics.map((d) => (team.has(d.key) ? teamDef(team.get(d.key)!, d) : d)),
    ...policy.metrics.filter((m) => !base.byKeyOf(m.key)).map((m) => teamDef(m, undefined)),
  ];
  const registry = new Registry(metrics);
  built.set(policy, registry);
  return registry;
}
