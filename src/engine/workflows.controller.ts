import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiOkResponse } from '@nestjs/swagger';
import { findWorkflow, listWorkflows, WorkflowDefinition } from '../../workflows';
import { toMermaid, transitionTable } from '../../workflows/graph';
import { InvalidInput, NotFound } from '../common/errors';
import { WorkflowDetail, WorkflowList } from './dto/workflow.response';
import { NoPersonalData } from '../identity/read-audit';

function summary(d: WorkflowDefinition) {
  return { name: d.name, version: d.version, titleVi: d.titleVi, titleEn: d.titleEn };
}

/** Workflow definitions: states, transitions, deadline table and a Mermaid diagram per version. */
@ApiTags('workflows')
@ApiBearerAuth()
@Controller('workflows')
export class WorkflowsController {
  @Get()
  @NoPersonalData('the published workflow definitions')
  @ApiOkResponse({ type: WorkflowList })
  list() {
    return { items: listWorkflows().map(summary) };
  }

  @Get(':name/:version')
  @NoPersonalData('the published workflow definitions')
  @ApiOkResponse({ type: WorkflowDetail })
  get(@Param('name') name: string,
    @Param('version', new ParseIntPipe({ exceptionFactory: () => new InvalidInput({ version: ['version phải là số / version must be a number'] }) })) version: number) {
    const def = findWorkflow(name, version);
    if (!def) throw new NotFound('Workflow', 'quy trình');
    return {
      ...summary(def),
      initial: String(def.machine.root.initial?.target[0]?.key ?? ''),
      states: Object.keys(def.machine.root.states),
      transitions: transitionTable(def.machine),
      systemEvents: def.systemEvents,
      // The client events' contract: who may send each, its fields (kinds, bounds, vocabularies) and its names.
      events: def.events,
      deadlines: Object.values(def.deadlines),
      mermaid: toMermaid(def.machine),
    };
  }
}
