import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What /metrics reports, in Prometheus' text format. One registry per app (tests run several). */
export class Metrics {
  readonly registry = new Registry();
  readonly questions = new Counter({ name: 'factbot_questions_total', help: 'Questions answered, by platform and outcome', labelNames: ['platform', 'outcome'] as const, registers: [this.registry] });
  readonly latency = new Histogram({
    name: 'factbot_answer_seconds',
    help: 'Time to work out an answer, in seconds',
    labelNames: ['platform'] as const,
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly platformErrors = new Counter({ name: 'factbot_platform_errors_total', help: 'Failed calls to platform APIs', labelNames: ['platform'] as const, registers: [this.registry] });
  readonly refused = new Counter({ name: 'factbot_deliveries_refused_total', help: 'Deliveries refused (forged, malformed, too large)', labelNames: ['platform', 'status'] as const, registers: [this.registry] });
  readonly pushes = new Counter({ name: 'factbot_pushes_total', help: 'Daily pushes, by outcome', labelNames: ['status'] as const, registers: [this.registry] });
  readonly reloads = new Counter({ name: 'factbot_reloads_total', help: 'Reloads, by outcome', labelNames: ['ok'] as const, registers: [this.registry] });
  readonly rateLimited = new Counter({ name: 'factbot_rate_limited_total', help: 'Messages dropped by the inbound rate limit', labelNames: ['scope'] as const, registers: [this.registry] });
  readonly busy = new Counter({ name: 'factbot_deliveries_busy_total', help: 'Deliveries refused unclaimed because the answer queue was full (the platform delivers them again)', labelNames: ['platform'] as const, registers: [this.registry] });
  readonly facts = new Gauge({ name: 'factbot_facts', help: 'Facts in the current store', registers: [this.registry] });
  readonly reports = new Gauge({ name: 'factbot_reports', help: 'Reports in the current store', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'factbot_' });
  }
}
