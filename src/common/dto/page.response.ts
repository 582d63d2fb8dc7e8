import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/**
 * The OpenAPI description of a list page (`Page<T>`, see ../pagination.ts) of `item`. OpenAPI has
 * no generics, so each list declares its own named class: `class CasePage extends PageOf(CaseListItem) {}`.
 */
export function PageOf<T>(item: Type<T>) {
  abstract class Page {
    @ApiProperty({ type: () => [item] }) items!: T[];
    @ApiProperty({ type: 'integer', description: 'How many there are in all, on every page' }) total!: number;
    @ApiProperty({ type: 'integer', minimum: 1 }) page!: number;
    @ApiProperty({ type: 'integer', minimum: 1 }) pageSize!: number;
  }
  return Page;
}

/** The OpenAPI description of an unpaged list `{ items }` of `item`. */
export function ListOf<T>(item: Type<T>) {
  abstract class List {
    @ApiProperty({ type: () => [item] }) items!: T[];
  }
  return List;
}
