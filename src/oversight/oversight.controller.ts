import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { OverdueQuery, SlaQuery, StatisticsQuery } from './dto/oversight.dto';
import { OverdueBoardPage, SlaFigures, StatisticsFigures } from './dto/oversight.response';
import { OversightService } from './oversight.service';
import { statisticsCsv, statisticsFilename } from './statistics-csv';
import { StatisticsService } from './statistics.service';

/** Supervisors, the commune chair and auditors (read-only): the overdue board, on-time figures, report statistics. */
@ApiTags('oversight')
@ApiBearerAuth()
@Roles('supervisor', 'chair', 'auditor')
@Controller()
export class OversightController {
  constructor(private readonly oversight: OversightService, private readonly stats: StatisticsService) {}

  /** Open missed deadlines and overdue handoffs in scope, most late first, with who owes the next step. */
  @Get('oversight/overdue')
  @ApiOkResponse({ type: OverdueBoardPage })
  overdue(@CurrentUser() p: Principal, @Query() q: OverdueQuery) {
    return this.oversight.overdue(p, q);
  }

  /** On-time rates per deadline kind and per agency, time per stage, cases open for long. */
  @Get('oversight/sla')
  @ApiOkResponse({ type: SlaFigures })
  sla(@CurrentUser() p: Principal, @Query() q: SlaQuery) {
    return this.oversight.sla(p, q);
  }

  /** Report statistics for a period; `Accept: text/csv` gives them as a CSV file. */
  @Get('statistics')
  @ApiProduces('application/json', 'text/csv')
  @ApiExtraModels(StatisticsFigures)
  @ApiOkResponse({
    content: {
      'application/json': { schema: { $ref: getSchemaPath(StatisticsFigures) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  async statistics(@CurrentUser() p: Principal, @Query() q: StatisticsQuery, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const figures = await this.stats.statistics(p, q.period);
    if (req.accepts(['application/json', 'text/csv']) !== 'text/csv') return figures;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${statisticsFilename(figures.period)}"`);
    return statisticsCsv(figures);
  }
}
