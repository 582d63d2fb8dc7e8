import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '../common/errors';
import { CurrentUser } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { ListUrgentReportsQuery, OpenUrgentReportDto, UrgentReportEventDto } from './dto/urgent-report.dto';
import { UrgentReportList, UrgentReportPage, UrgentReportResponse, UrgentReportView } from './dto/urgent-report.response';
import { UrgentReportsService } from './urgent-reports.service';
import { AuditedInService } from '../identity/read-audit';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput({ id: ['id phải là UUID / id must be a UUID'] }) });
const PDF = { 'application/pdf': { schema: { type: 'string' as const, format: 'binary' } } };

@ApiTags('urgent-reports')
@ApiBearerAuth()
@Controller()
export class UrgentReportsController {
  constructor(private readonly reports: UrgentReportsService) {}

  /** The commune leading the case reports a death, serious injury, drowning or serious abuse found after intake. */
  @Post('cases/:id/urgent-reports')
  @ApiCreatedResponse({ type: UrgentReportResponse })
  @ApiForbiddenResponse({ description: 'Not the staff of the commune leading the case' })
  @ApiNotFoundResponse({ description: 'No such case in your scope' })
  open(@CurrentUser() p: Principal, @Param('id', uuid) caseId: string, @Body() body: OpenUrgentReportDto) {
    return this.reports.openOnCase(p, caseId, body);
  }

  @Get('cases/:id/urgent-reports')
  @AuditedInService()
  @ApiOkResponse({ type: UrgentReportList })
  ofCase(@CurrentUser() p: Principal, @Param('id', uuid) caseId: string) {
    return this.reports.ofCase(p, caseId);
  }

  /** The reports in your sight: a Department of Health sees every report of its province's communes. */
  @Get('urgent-reports')
  @AuditedInService()
  @ApiOkResponse({ type: UrgentReportPage })
  @ApiForbiddenResponse({ description: 'Partner agencies, hotline operators and administrators' })
  list(@CurrentUser() p: Principal, @Query() q: ListUrgentReportsQuery) {
    return this.reports.list(p, q);
  }

  @Get('urgent-reports/:id')
  @AuditedInService()
  @ApiOkResponse({ type: UrgentReportView })
  @ApiNotFoundResponse({ description: 'No such report that you may see' })
  get(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.reports.get(p, id);
  }

  /** SUBMIT_REPORT, RECEIVE (the chair), ACKNOWLEDGE (the Department of Health), CLOSE_REPORT, WITHDRAW. */
  @Post('urgent-reports/:id/events')
  @HttpCode(200)
  @ApiOkResponse({ type: UrgentReportResponse })
  act(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body: UrgentReportEventDto) {
    return this.reports.act(p, id, body);
  }

  /** The report as PDF (BÁO CÁO ĐỘT XUẤT, NĐ 30/2020 layout), for whoever sees it. */
  @Get('urgent-reports/:id/document')
  @AuditedInService()
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The urgent report as PDF', content: PDF })
  @ApiNotFoundResponse({ description: 'No such report that you may see' })
  async document(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    const d = await this.reports.document(p, id);
    return new StreamableFile(d.pdf, { type: 'application/pdf', disposition: `inline; filename="${d.filename}"`, length: d.pdf.length });
  }
}
