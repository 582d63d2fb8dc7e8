import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `PUT /cases/:id/child`: the registry child the case is about. */
export class RelinkChildDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'childId phải là UUID / childId must be a UUID' }) childId!: string;
}
