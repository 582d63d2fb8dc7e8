import { Body, Controller, Get, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { CalendarEntryDto, CalendarQuery, ReportKindParam, ReportsQuery } from './dto/report-calendar.dto';
import { ReportCalendarView, ReportStatusItem, ReportStatusList } from './dto/report-calendar.response';
import { ReportCalendarService } from './report-calendar.service';

/**
 * The province's report calendar (periods, cut-offs, due dates, recipients) and the commune
 * reports' statuses: drafted by a supervisor, approved by the chair, sent; the report as a PDF.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportCalendarController {
  constructor(private readonly reports: ReportCalendarService) {}

  /** The caller's province's calendar (the national administrator names the province) and the reports of a year under it. */
  @Get('report-calendar')
  @Roles('supervisor', 'chair', 'auditor', 'admin', 'national_admin')
  @ApiOkResponse({ type: ReportCalendarView })
  calendar(@CurrentUser() p: Principal, @Query() q: CalendarQuery) {
    return this.reports.calendar(p, q);
  }

  /** Sets the province's entry for a report (its administrators, the national administrator); audited. */
  @Put('report-calendar/:kind')
  @Roles('admin', 'national_admin')
  @ApiOkResponse({ type: ReportCalendarView })
  update(@CurrentUser() p: Principal, @Param() { kind }: ReportKindParam, @Body() dto: CalendarEntryDto) {
    return this.reports.update(p, kind, dto);
  }

  /** The reports of a year of the caller's commune (or of every commune of their province), with their statuses. */
  @Get('reports')
  @Roles('supervisor', 'chair', 'auditor')
  @ApiOkResponse({ type: ReportStatusList })
  list(@CurrentUser() p: Principal, @Query() q: ReportsQuery) {
    return this.reports.reports(p, q);
  }

  /** A commune supervisor drafts (or redrafts) the commune's report of `period` (`YYYY-H1` or `YYYY`). */
  @Post('reports/:period/draft')
  @Roles('supervisor', 'chair', 'auditor')
  @ApiOkResponse({ type: ReportStatusItem })
  draft(@CurrentUser() p: Principal, @Param('period') period: string) {
    return this.reports.act(p, period, 'draft');
  }

  /** The commune chair approves the drafted report. */
  @Post('reports/:period/approve')
  @Roles('supervisor', 'chair', 'auditor')
  @ApiOkResponse({ type: ReportStatusItem })
  approve(@CurrentUser() p: Principal, @Param('period') period: string) {
    return this.reports.act(p, period, 'approve');
  }

  /** The supervisor or the chair records the approved report sent to its recipients. */
  @Post('reports/:period/send')
  @Roles('supervisor', 'chair', 'auditor')
  @ApiOkResponse({ type: ReportStatusItem })
  send(@CurrentUser() p: Principal, @Param('period') period: string) {
    return this.reports.act(p, period, 'send');
  }

  /** The commune's report as a PDF summary, signed off by the chair once approved ("DỰ THẢO" until then). */
  @Get('reports/:period/document')
  @Roles('supervisor', 'chair', 'auditor')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async document(@CurrentUser() p: Principal, @Param('period') period: string, @Res({ passthrough: true }) res: Response) {
    const { filename, pdf } = await this.reports.document(p, period);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    return new StreamableFile(pdf);
  }
}
