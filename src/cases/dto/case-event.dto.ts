import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, Min, ValidateBy } from 'class-validator';
import { listWorkflows } from '../../../workflows';

/** Every client event of every registered case workflow version; `data` is checked against the case's own version. */
export function clientEvents(): string[] {
  return [...new Set(listWorkflows().filter((d) => d.subject === 'case').flatMap((d) => Object.keys(d.events)))];
}

export class CaseEventDto {
  @ApiProperty({ enum: clientEvents() })
  @ValidateBy({
    name: 'isClientEvent',
    // Read at validation time: a workflow registered after start-up (a new version) is accepted at once.
    validator: { validate: (value) => typeof value === 'string' && clientEvents().includes(value) },
  }, { message: ({ value }) => `Không có sự kiện "${String(value)}" / Unknown event type "${String(value)}"` })
  type!: string;
  @ApiPropertyOptional({ description: 'The event’s fields (see the workflow definition’s `events`)' }) @IsOptional() @IsObject() data?: Record<string, unknown>;
  @ApiProperty({ description: 'The case version you last saw (409 if it changed)' }) @IsInt() @Min(1) expectedVersion!: number;
}
