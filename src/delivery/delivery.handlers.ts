import { Injectable, OnModuleInit } from '@nestjs/common';
import { DelayedError } from 'bullmq';
import { JobName } from '../jobs/job-registry';
import { JobsService } from '../jobs/jobs.service';
import { OutboxRelay } from '../outbox/outbox-relay';
import { DeliveryService } from './delivery.service';
import { EscalationService } from './escalation.service';

/** Wires notification delivery into the worker: the outbox topic, the send jobs, alert time-outs, the digest and the sweep. */
@Injectable()
export class DeliveryHandlers implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly relay: OutboxRelay,
    private readonly delivery: DeliveryService,
    private readonly escalation: EscalationService,
  ) {}

  onModuleInit(): void {
    this.relay.register('notification.dispatch', (payloads) => this.delivery.dispatch(payloads));
    this.jobs.handle(JobName.SendNotification, async (job, token) => {
      const { outcome, notBefore } = await this.delivery.send(job.data.deliveryId);
      if (outcome === 'later' && notBefore) {
        await job.moveToDelayed(notBefore.getTime(), token);
        throw new DelayedError();
      }
      return outcome;
    });
    this.jobs.handle(JobName.AckTimeout, (job) => this.escalation.ackTimedOut(job.data.ackId));
    this.jobs.handle(JobName.DailyDigest, () => this.escalation.digest());
    this.jobs.handle(JobName.SweepDeliveries, () => this.delivery.sweep());
  }
}
