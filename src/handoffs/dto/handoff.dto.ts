import { IsInstant } from '../../common/dto/is-instant';
import { InvalidInput } from '../../common/errors';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { HANDOFF_WORKFLOW, statesOf } from '../../../workflows';
import { PageQuery } from '../../common/pagination';
import { HANDOFF_KINDS } from '../../../workflows/vocabulary';

export class CreateHandoffDto {
  @ApiProperty({ enum: HANDOFF_KINDS }) @IsIn(HANDOFF_KINDS) kind!: string;
  @ApiProperty() @IsUUID() agencyId!: string;
  @ApiProperty() @IsString() @Length(1, 2000) instructions!: string;
  @ApiProperty({ enum: ['urgent', 'normal'] }) @IsIn(['urgent', 'normal']) urgency!: 'urgent' | 'normal';
  @ApiPropertyOptional({ description: 'When the work must be done (default: 1 day urgent, 7 days normal)' })
  @IsOptional() @IsInstant() dueAt?: string;
}

/** Every state of every handoff workflow version, from the machines. */
export const HANDOFF_STATES = statesOf('handoff', HANDOFF_WORKFLOW);

export class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ enum: [...HANDOFF_STATES, 'open', 'all'], description: '`open`: not yet finished; `all` (or none): every state' }) @IsOptional() @IsIn([...HANDOFF_STATES, 'open', 'all']) status?: string;
}

/**
 * What a handoff action's body may carry besides the event's data: the handoff's version the
 * caller saw (the console's offline queue sends it). Another version answers 409, as a case event's does.
 */
export class HandoffActionVersion {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'The handoff’s version the caller saw; another version → 409' })
  expectedVersion?: number;
}

/** Splits a handoff action's body into the event's data (validated against the handoff's own workflow version) and the version the caller saw. */
export function versionedData(body: Record<string, unknown> | undefined): { data: Record<string, unknown>; expectedVersion?: number } {
  if (Array.isArray(body)) throw new InvalidInput({ body: ['Phải là một đối tượng JSON / Must be a JSON object'] });
  const { expectedVersion, ...data } = body ?? {};
  if (expectedVersion === undefined) return { data };
  if (typeof expectedVersion !== 'number' || !Number.isInteger(expectedVersion) || expectedVersion < 0) {
    throw new InvalidInput({ expectedVersion: ['Phải là số nguyên không âm / Must be a non-negative integer'] });
  }
  return { data, expectedVersion };
}
