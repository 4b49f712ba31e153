import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config/project-paths.js';
import { generateOpenApiDocument, OPENAPI_FILE, serializeOpenApi } from './generate-openapi.js';

/** npm run openapi: writes docs/openapi.json, which the tests compare with the code. */
const document = await generateOpenApiDocument();
writeFileSync(join(PROJECT_ROOT, OPENAPI_FILE), serializeOpenApi(document));
console.log(`Wrote ${OPENAPI_FILE} (${Object.keys(document.paths).length} paths)`);
process.exit(0);
