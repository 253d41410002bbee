// cbom-validate.mjs NPM_DIR DATA...: validate CycloneDX 1.6 JSON documents
// against the bom-1.6 JSON schema that @cyclonedx/cyclonedx-library
// carries (with the SPDX and JSF schemas it references), using the ajv
// (draft-07) and ajv-formats installed beside it.  Exit 0 when every
// document is valid, 1 otherwise (the first errors printed).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [npmDir, ...files] = process.argv.slice(2);
const require = createRequire(path.join(npmDir, 'x.js'));
const lib = path.dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json'));
const dir = path.join(lib, 'res', 'schema');
const load = (f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
const Ajv = require('ajv').default;
const addFormats = require('ajv-formats').default;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// formats ajv-formats lacks (stigcheck writes no URL or e-mail member)
ajv.addFormat('iri-reference', true);
ajv.addFormat('idn-email', true);
// bom-1.6 refers to them by these file names, relative to its own $id
for (const f of ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json']) {
  const s = load(f);
  s.$id = `http://cyclonedx.org/schema/${f}`;
  ajv.addSchema(s);
}
const validate = ajv.compile(load('bom-1.6.SNAPSHOT.schema.json'));
let bad = 0;
for (const f of files) {
  const data = JSON.parse(fs.readFileSync(f, 'utf8'));
  if (!validate(data)) {
    console.error(`${f}: ${ajv.errorsText(validate.errors.slice(0, 5))}`);
    bad = 1;
  }
}
process.exit(bad);
