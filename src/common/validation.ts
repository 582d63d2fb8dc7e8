import { ValidationError, ValidationPipe } from '@nestjs/common';
import { InvalidInput } from './errors';

/** Flattens class-validator's nested errors into `{ "child.sex": ["..."] }`. */
export function fieldErrors(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const err of errors) {
    const path = prefix ? `${prefix}.${err.property}` : err.property;
    if (err.constraints) out[path] = Object.values(err.constraints);
    if (err.children?.length) Object.assign(out, fieldErrors(err.children, path));
  }
  return out;
}

/** Whitelist, forbid unknown fields, transform to DTO classes; 400 with field errors otherwise. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInput(fieldErrors(errors)),
  });
}
