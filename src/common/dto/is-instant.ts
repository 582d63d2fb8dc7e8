import { isISO8601, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * An ISO 8601 instant a JavaScript Date can hold. `IsISO8601` alone lets through forms Date cannot
 * read (week dates "2026-W01", ordinal dates "2026-123"), which would become an Invalid Date inside.
 */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isISO8601(value, { strict: true }) && !Number.isNaN(Date.parse(value)),
      defaultMessage: (args) => `${args?.property} phải là thời điểm ISO 8601 (vd. 2026-11-26T08:00:00+07:00) / ${args?.property} must be an ISO 8601 date-time (e.g. 2026-11-26T08:00:00+07:00)`,
    },
  }, options);
}
