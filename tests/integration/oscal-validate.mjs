// oscal-validate.mjs - validate an OSCAL JSON document against NIST's
// JSON schema with ajv (draft-07) and ajv-formats.
//
//   node oscal-validate.mjs AJV_DIR SCHEMA.json DOC.json
//
// OSCAL's patterns use Unicode property escapes (\p{L}, \p{N}); ajv must
// compile them with the "u" flag (unicodeRegExp, ajv 8's default, set
// here explicitly: without it the schema does not compile).  Formats
// (date-time, uri, uri-reference, email) are checked, not ignored.
// Exits 1 with the first errors on stderr.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [ajvDir, schemaFile, docFile] = process.argv.slice(2);
const require = createRequire(path.join(ajvDir, 'x.js'));
const Ajv = require('ajv').default;
const addFormats = require('ajv-formats').default;
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: true,
  validateFormats: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
if (!validate(JSON.parse(fs.readFileSync(docFile, 'utf8')))) {
  console.error(`FAIL: ${docFile}: ${ajv.errorsText(validate.errors.slice(0, 5))}`);
  process.exit(1);
}
console.log(`ok: ${path.basename(docFile)} validates against ${path.basename(schemaFile)}`);
