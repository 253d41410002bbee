// json-validate.mjs AJV_DIR SCHEMA DATA: validate DATA against SCHEMA with
// ajv (draft-07, or draft-04 when the schema says so, as OASIS's SARIF
// schema does) and ajv-formats.  Exit 0 valid, 1 invalid (errors printed).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [ajvDir, schemaFile, dataFile] = process.argv.slice(2);
const require = createRequire(path.join(ajvDir, 'x.js'));
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
const draft04 = String(schema.$schema || '').includes('draft-04');
const Ajv = draft04 ? require('ajv-draft-04').default : require('ajv').default;
const addFormats = require('ajv-formats').default;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);
const data = JSON.parse(fs.readFileSync(dataFile, 'utf8'));
if (!validate(data)) {
  console.error(`${dataFile}: ${ajv.errorsText(validate.errors.slice(0, 5))}`);
  process.exit(1);
}
