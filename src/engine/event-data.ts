/**
 * Validation of an event's `data`, derived from the workflow's declared field specs: each spec
 * becomes class-validator (and OpenAPI) decorators on a class built once per event, so the API
 * checks exactly what the console's forms are built from. Messages are Vietnamese first, then English.
 */
import { ApiProperty } from '@nestjs/swagger';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength,
  Min, validate, ValidateNested,
} from 'class-validator';
import type { EventContract, FieldSpec } from '../../workflows/contract';
import { InvalidInput } from '../common/errors';
import { fieldErrors, inputErrors } from '../common/validation';

type Decorator = (target: object, key: string) => void;

const msg = (vi: string, en: string) => ({ message: `${vi} / ${en}` });

const REQUIRED = msg('Bắt buộc nhập', 'Required');
const CHOOSE = msg('Hãy chọn một giá trị trong danh sách', 'Choose a value from the list');
const DATE = msg('Ngày không hợp lệ (YYYY-MM-DD)', 'Not a valid date (YYYY-MM-DD)');
const YES_NO = msg('Hãy chọn Có hoặc Không', 'Choose Yes or No');

/** What a missing field is told: choose, answer, or type. */
const missing = (f: FieldSpec) => (f.kind === 'boolean' ? YES_NO : ['choice', 'assignee', 'caseRef'].includes(f.kind) ? CHOOSE : REQUIRED);
const maxLength = (n: number, each = false) => MaxLength(n, { each, ...msg(`Tối đa ${n} ký tự`, `At most ${n} characters`) });

function decoratorsOf(f: FieldSpec): Decorator[] {
  const presence: Decorator[] = f.optional ? [IsOptional()] : [IsDefined(missing(f))];
  switch (f.kind) {
    case 'text':
      return [...presence, IsString(REQUIRED), IsNotEmpty(REQUIRED), maxLength(f.maxLength)];
    case 'lines':
      return [...presence, IsArray(msg('Phải là danh sách', 'Must be a list')),
        ArrayMinSize(f.minItems ?? 0, msg(`Cần ít nhất ${f.minItems} mục`, `At least ${f.minItems} item(s)`)),
        ArrayMaxSize(f.maxItems, msg(`Tối đa ${f.maxItems} mục`, `At most ${f.maxItems} items`)),
        IsString({ each: true, ...msg('Mỗi dòng phải là chữ', 'Each line must be text') }),
        IsNotEmpty({ each: true, ...msg('Không để dòng trống', 'No empty lines') }), maxLength(f.maxLength, true)];
    case 'boolean':
      return [...presence, IsBoolean(YES_NO)];
    case 'integer':
      return [...presence, IsInt(msg('Phải là số nguyên', 'Must be a whole number')),
        Min(f.min, msg(`Không được nhỏ hơn ${f.min}`, `Must not be less than ${f.min}`)),
        Max(f.max, msg(`Không được lớn hơn ${f.max}`, `Must not be more than ${f.max}`))];
    case 'date':
      return [...presence, Matches(/^\d{4}-\d{2}-\d{2}$/, DATE), IsISO8601({ strict: true, strictSeparator: true }, DATE)];
    case 'choice':
      return [...presence, IsIn([...f.options], CHOOSE)];
    case 'assignee':
    case 'caseRef':
      return [...presence, IsUUID(undefined, CHOOSE)];
    case 'records': {
      const item = dataClass(`${f.key}Item`, f.fields);
      return [...presence, IsArray(msg('Phải là danh sách', 'Must be a list')),
        ArrayMaxSize(f.maxItems, msg(`Tối đa ${f.maxItems} mục`, `At most ${f.maxItems} items`)),
        ValidateNested({ each: true }), Type(() => item) as Decorator];
    }
  }
}

function openApiOf(f: FieldSpec): Decorator {
  const common = { required: !f.optional, description: `${f.labelVi} / ${f.labelEn}` };
  switch (f.kind) {
    case 'text': return ApiProperty({ ...common, type: String, maxLength: f.maxLength });
    case 'lines': return ApiProperty({ ...common, type: [String], maxItems: f.maxItems });
    case 'boolean': return ApiProperty({ ...common, type: Boolean });
    case 'date': return ApiProperty({ ...common, type: String, format: 'date' });
    case 'integer': return ApiProperty({ ...common, type: 'integer', minimum: f.min, maximum: f.max });
    case 'choice': return ApiProperty({ ...common, enum: [...f.options] });
    case 'assignee':
    case 'caseRef': return ApiProperty({ ...common, type: String, format: 'uuid' });
    case 'records': return ApiProperty({ ...common, type: () => [dataClass(`${f.key}Item`, f.fields)] });
  }
}

/** A class carrying the validation (and OpenAPI description) of data with these fields. */
export function dataClass(name: string, fields: readonly FieldSpec[]): new () => object {
  const cls = { [name]: class {} }[name];
  for (const f of fields) {
    for (const d of [...decoratorsOf(f), openApiOf(f)]) d(cls.prototype, f.key);
  }
  return cls;
}

const classes = new WeakMap<EventContract, new () => object>();

/** The (cached) data class of an event: for validation, and for the OpenAPI document of endpoints that take it as their body. */
export function classOf(type: string, contract: EventContract): new () => object {
  let cls = classes.get(contract);
  if (!cls) {
    cls = dataClass(`${type}Data`, contract.fields);
    classes.set(contract, cls);
  }
  return cls;
}

/**
 * Validates `raw` as the data of the event: 400 with `<prefix>.<field>` errors (unknown fields
 * refused); returns the plain, validated data.
 */
export async function validateEventData(type: string, contract: EventContract, raw: unknown, prefix = 'data'): Promise<Record<string, unknown>> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidInput({ [prefix || 'body']: ['Phải là một đối tượng JSON / Must be a JSON object'] });
  }
  // The HTTP layer already refused these; the engine's callers are not all HTTP.
  const hostile = inputErrors(raw, prefix);
  if (hostile) throw new InvalidInput(hostile);
  const instance = plainToInstance(classOf(type, contract), raw);
  const errors = await validate(instance, {
    // One message per field: the first rule it breaks.
    whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false, stopAtFirstError: true, validationError: { target: false, value: false },
  });
  if (errors.length) throw new InvalidInput(fieldErrors(errors, prefix));
  return JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
}

/**
 * A choice value reserved to some roles (`optionRoles`) that this role may not pick: the field's
 * name, or null when every chosen value is the role's to choose.
 */
export function reservedChoice(contract: EventContract, data: Record<string, unknown>, role: string): FieldSpec | null {
  for (const f of contract.fields) {
    if (f.kind !== 'choice' || !f.optionRoles) continue;
    const allowed = f.optionRoles[String(data[f.key] ?? f.default)];
    if (allowed && !allowed.includes(role)) return f;
  }
  return null;
}
