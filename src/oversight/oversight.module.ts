import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { OversightController } from './oversight.controller';
import { OversightService } from './oversight.service';
import { StatisticsService } from './statistics.service';

@Module({ imports: [DeadlinesModule], controllers: [OversightController], providers: [OversightService, StatisticsService] })
export class OversightModule {}
