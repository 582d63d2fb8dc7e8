import { Foundation1795509003747 } from './1795509003747-Foundation';

/** Migrations in the order they run. Imported as classes so compiled and test runs share one list. */
export const MIGRATIONS = [Foundation1795509003747];
