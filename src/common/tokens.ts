/** Injection tokens for values that are not classes. */
export const CONFIG = Symbol('CONFIG');
export const INFRA = Symbol('INFRA');
export const REDIS = Symbol('REDIS');
