import { Controller, Get, Inject, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { CasePage } from '../cases/dto/case.response';
import { CommunesQuery, DrillDownQuery, OverdueQuery, SlaQuery, StatisticsQuery, TrendsQuery } from './dto/oversight.dto';
import { CommuneComparison, OverdueBoardPage, SlaFigures, StatisticsFigures, StatisticsTrend } from './dto/oversight.response';
import { OversightService } from './oversight.service';
import { CONFIG } from '../common/tokens';
import type { AppConfig } from '../config/config';
import { statisticsCsv, statisticsFilename } from './statistics-csv';
import { statisticsTable, suppress } from './statistics-table';
import { statisticsXlsx, XLSX_TYPE } from './statistics-xlsx';
import { StatisticsService } from './statistics.service';

/** Supervisors, the commune chair and auditors (read-only): the overdue board, on-time figures, report statistics. */
@ApiTags('oversight')
@ApiBearerAuth()
@Roles('supervisor', 'chair', 'auditor')
@Controller()
export class OversightController {
  constructor(
    private readonly oversight: OversightService, private readonly stats: StatisticsService, @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

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

  /**
   * The cases behind a figure or one of its cells, in the shape of the case list, scoped to the
   * caller; audited. Not for the national role, which sees aggregate figures only, never a case.
   */
  @Get('statistics/cases')
  @ApiOkResponse({ type: CasePage })
  drillDown(@CurrentUser() p: Principal, @Query() q: DrillDownQuery) {
    return this.stats.drillDown(p, q);
  }

  /** The headline figures per month of receipt (trends). */
  @Get('statistics/trends')
  @Roles('supervisor', 'chair', 'auditor', 'national_admin')
  @ApiOkResponse({ type: StatisticsTrend })
  trends(@CurrentUser() p: Principal, @Query() q: TrendsQuery) {
    return this.stats.trends(p, q);
  }

  /** The headline figures of a period per commune of the caller's province (the national role: of `provinceCode`). */
  @Get('statistics/communes')
  @Roles('supervisor', 'chair', 'auditor', 'national_admin')
  @ApiOkResponse({ type: CommuneComparison })
  communes(@CurrentUser() p: Principal, @Query() q: CommunesQuery) {
    return this.stats.communes(p, q);
  }

  /**
   * Report statistics for a period, with each indicator's definition; `Accept: text/csv` gives them
   * as a CSV file, `Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` as
   * an XLSX workbook in the layout of the reporting tables; `publish=true` suppresses small counts in them.
   */
  @Get('statistics')
  @Roles('supervisor', 'chair', 'auditor', 'national_admin')
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiExtraModels(StatisticsFigures)
  @ApiOkResponse({
    content: {
      'application/json': { schema: { $ref: getSchemaPath(StatisticsFigures) } },
      'text/csv': { schema: { type: 'string' } },
      [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  async statistics(@CurrentUser() p: Principal, @Query() q: StatisticsQuery, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const figures = await this.stats.statistics(p, q.period);
    const format = req.accepts(['application/json', 'text/csv', XLSX_TYPE]);
    if (format !== 'text/csv' && format !== XLSX_TYPE) return figures;
    const published = q.publish === 'true';
    const table = published ? suppress(statisticsTable(figures), this.config.statisticsSuppressBelow) : statisticsTable(figures);
    const ext = format === 'text/csv' ? 'csv' : 'xlsx';
    res.setHeader('Content-Disposition', `attachment; filename="${statisticsFilename(figures.period, ext, published)}"`);
    if (ext === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      return statisticsCsv(figures, table);
    }
    res.setHeader('Content-Type', XLSX_TYPE);
    return new StreamableFile(await statisticsXlsx(figures, table, figures.definitions, published));
  }
}
