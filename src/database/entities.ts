import { AuditEntry } from '../audit/audit.entity';
import { Agency, Commune, Province, User } from '../identity/identity.entities';

/** Every table's entity, for migration:generate's schema diff and typed repositories. */
export const ENTITIES = [Province, Commune, Agency, User, AuditEntry];
