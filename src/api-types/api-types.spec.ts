import { readFileSync } from 'node:fs';
import { API_TYPES_COMMAND, API_TYPES_FILE, previewApiDocument, renderApiTypes } from './api-types';

describe('the console’s API types (web/src/api/schema.gen.ts)', () => {
  it('match the OpenAPI document of the current sources', async () => {
    const fresh = await renderApiTypes(await previewApiDocument());
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    if (committed !== fresh) {
      throw new Error(`web/src/api/schema.gen.ts is stale: the API's OpenAPI document changed. Run \`${API_TYPES_COMMAND}\` and commit the file.`);
    }
  });

  it('describe responses, not only requests', async () => {
    const doc = await previewApiDocument();
    const caseRead = doc.paths['/api/v1/cases/{id}'].get?.responses['200'];
    expect(caseRead).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/CaseView' } } } });
  });
});
