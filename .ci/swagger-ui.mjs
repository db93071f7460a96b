// Swagger UI in a real browser: headless Chromium (Debian's) driven by playwright-core. As a user would, it authorizes
// with an API key, then runs every example of every operation from the page: for each request body media type and
// each of its named examples, it picks them in the page's selectors, checks that the body the page will send is that
// example, presses Execute and expects a 2xx; operations without a body run with the parameters the page fills from
// the document. It also checks that the page names the configured provider, that its banner says whether the model
// can write (once authorized), and that no query option is sent with a JSON body.
// Run by .ci/swagger-ui-check (through io.precis.testing.SwaggerUiCheck).
//   node .ci/swagger-ui.mjs <service url> <api key>
import { chromium } from 'playwright-core';

const [base, apiKey] = process.argv.slice(2);
if (!base || !apiKey) {
  console.error('usage: node .ci/swagger-ui.mjs <service url> <api key>');
  process.exit(2);
}

const failures = [];
const fail = (what) => {
  failures.push(what);
  console.log(`  FAIL ${what}`);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  // Root in a container has no user namespaces for Chromium's sandbox.
  args: ['--no-sandbox'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.setDefaultTimeout(20_000);
page.on('pageerror', (e) => fail(`page error: ${e.message}`));
page.on('console', (m) => m.type() === 'error' && console.log(`  browser console: ${m.text()}`));
// On any unexpected error, a screenshot of the page as it was, beside this script.
process.on('uncaughtException', async (e) => {
  console.error(e);
  await page.screenshot({ path: new URL('failure.png', import.meta.url).pathname, fullPage: true }).catch(() => {});
  process.exit(1);
});

// The document as the page loaded it: the examples it shows come from there.
const loaded = page.waitForResponse((r) => new URL(r.url()).pathname === '/q/openapi');
await page.goto(`${base}/q/swagger-ui/`);
const document = await loaded;
const doc = document.headers()['content-type'].includes('json') ? await document.json()
  : fail(`the page loaded the document as ${document.headers()['content-type']}`);
await page.locator('.opblock').first().waitFor();

// The page says which provider this instance runs.
const info = await page.locator('.information-container').innerText();
if (!info.includes('LLM_PROVIDER=openai')) {
  fail(`the page's description does not name the configured provider: ${info.slice(0, 300)}`);
}

// The banner with the model's state (docs/model-state.js): it needs the key too.
const banner = page.locator('#precis-model-state');
await expectText(banner, 'enter an API key under Authorize', 'the model-state banner before Authorize');

// Authorize: the X-API-Key scheme, as the README tells users to. First a mistyped key, then (after Logout) the
// right one, entered with Enter rather than a click.
const apiKeyScheme = page.locator('.modal-ux .auth-container').filter({ hasText: 'X-API-Key' });
await page.locator('.scheme-container button.authorize').click();
await apiKeyScheme.locator('input').fill(`${apiKey}-mistyped`);
await apiKeyScheme.locator('button.authorize').click();
await page.locator('.modal-ux button.btn-done').first().click();
await expectText(banner, 'the key entered under Authorize was refused', 'the model-state banner after a wrong key');
await page.locator('.scheme-container button.authorize').click();
await page.locator('.modal-ux button', { hasText: 'Logout' }).click();
await apiKeyScheme.locator('input').fill(apiKey);
await apiKeyScheme.locator('input').press('Enter');
await page.locator('.modal-ux button.btn-done').first().click();
await expectText(banner, 'Model state: ready.', 'the model-state banner after Authorize');

let runs = 0;
// The job the page creates with Prefer: respond-async, which the jobs' operations then read and cancel.
let jobId = null;
for (const [path, operations] of Object.entries(doc.paths)) {
  for (const [method, operation] of Object.entries(operations)) {
    if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
    const name = `${method.toUpperCase()} ${path}`;
    const block = page.locator(`.opblock[id$="-${operation.operationId}"]`);
    await block.scrollIntoViewIfNeeded();
    await block.locator('.opblock-summary').first().click();
    // The service turns "Try it out" on for every operation (quarkus.swagger-ui.try-it-out-enabled).
    const tryOut = block.locator('button.try-out__btn');
    if ((await tryOut.innerText()).trim() === 'Try it out') {
      fail(`${name}: "Try it out" is not on when the operation opens`);
      await tryOut.click();
    }

    const content = operation.requestBody?.content ?? {};
    const mediaTypes = Object.keys(content);
    if ((operation.parameters ?? []).some((p) => p.in === 'path' && p.name === 'jobId')) {
      if (jobId === null) {
        fail(`${name}: no job was created before it (POST /api/v1/digests with Prefer: respond-async)`);
      } else {
        await block.locator('tr[data-param-name="jobId"] input').fill(jobId);
      }
    }
    if (mediaTypes.length === 0) {
      await execute(block, name, null, null);
      runs++;
    }
    for (const mediaType of mediaTypes) {
      const examples = examplesOf(content[mediaType]);
      const exampleNames = Object.keys(examples);
      if (exampleNames.length === 0) {
        fail(`${name} ${mediaType}: no example to run`);
        continue;
      }
      for (const exampleName of exampleNames) {
        const body = block.locator('.opblock-section-request-body');
        if (mediaTypes.length > 1) {
          await body.locator('select.content-type').selectOption(mediaType);
        }
        if (exampleNames.length > 1) {
          await body.locator('.examples-select select').selectOption({ label: exampleName });
        }
        const expected = examples[exampleName].value;
        const sent = await body.locator('textarea').inputValue();
        if (!sameBody(sent, expected, mediaType)) {
          fail(`${name} ${mediaType} "${exampleName}": the page would send ${JSON.stringify(sent.slice(0, 120))}, `
            + 'not the example');
        }
        await execute(block, name, mediaType, exampleName);
        runs++;
      }
    }
    // As a job: the first JSON example again with Prefer: respond-async picked from the header's list.
    if (path === '/api/v1/digests' && method === 'post') {
      const prefer = block.locator('tr[data-param-name="Prefer"] select');
      await prefer.selectOption('respond-async');
      const body = block.locator('.opblock-section-request-body');
      await body.locator('select.content-type').selectOption('application/json');
      const shown = await execute(block, name, 'application/json', 'as a job', 202);
      jobId = JSON.parse(shown).id ?? null;
      if (!/^[0-9a-f]{32}$/.test(jobId ?? '')) fail(`${name} as a job: no job id in ${shown.slice(0, 200)}`);
      await prefer.selectOption({ index: 0 });
      runs++;
    }
    // Back through the media types the other way: each shows its example again (Swagger UI left "string" in the
    // body after a switch between media types with named examples).
    for (const mediaType of mediaTypes.length > 1 ? [...mediaTypes].reverse() : []) {
      const body = block.locator('.opblock-section-request-body');
      await body.locator('select.content-type').selectOption(mediaType);
      const shown = await body.locator('textarea').inputValue();
      if (!Object.values(examplesOf(content[mediaType])).some((e) => sameBody(shown, e.value, mediaType))) {
        fail(`${name}: switched back to ${mediaType}, the page would send ${JSON.stringify(shown.slice(0, 120))}`);
      }
    }
    await block.locator('.opblock-summary').first().click();
  }
}

await browser.close();
console.log(`${runs} examples run from Swagger UI, ${failures.length} failure(s)`);
process.exit(failures.length === 0 ? 0 : 1);

// Presses Execute and checks the answer: a 2xx, or exactly `expected`; returns the body shown.
async function execute(block, name, mediaType, exampleName, expected) {
  const label = [name, mediaType, exampleName && `"${exampleName}"`].filter(Boolean).join(' ');
  await block.locator('button.execute').click();
  const status = block.locator('.live-responses-table .response .response-col_status');
  await status.waitFor();
  // A status the document does not list shows as "500\nUndocumented", a failed fetch as "Undocumented" alone.
  const shown = (await status.innerText()).trim();
  const code = parseInt(shown, 10);
  const curl = await block.locator('.curl-command').innerText();
  const response = await block.locator('.live-responses-table .response .response-col_description').innerText();
  console.log(`  ${code} ${label}`);
  if (expected !== undefined ? code !== expected : !Number.isInteger(code) || code < 200 || code > 299) {
    fail(`${label}: status ${JSON.stringify(shown)}: ${response.slice(0, 400)}`);
  }
  const body = await block.locator('.live-responses-table .response .response-col_description .microlight')
    .first().innerText().catch(() => '');
  if (mediaType === 'application/json' && /curl -X '[A-Z]+' \\?\s*'[^']*\?/.test(curl)) {
    fail(`${label}: a JSON request was sent with query options: ${curl}`);
  }
  if (mediaType && !curl.includes(`Content-Type: ${mediaType}`)) {
    fail(`${label}: not sent as ${mediaType}: ${curl}`);
  }
  await block.locator('button.btn-clear').click();
  return body;
}

async function expectText(locator, text, what) {
  try {
    await locator.filter({ hasText: text }).waitFor({ timeout: 10_000 });
  } catch {
    fail(`${what} does not say "${text}": ${await locator.innerText().catch(() => '(absent)')}`);
  }
}

// A media type's examples by name; a single unnamed `example` is named "example".
function examplesOf(mediaType) {
  if (mediaType.examples) return mediaType.examples;
  return mediaType.example === undefined ? {} : { example: { value: mediaType.example } };
}

function sameBody(sent, expected, mediaType) {
  if (mediaType === 'application/json') {
    try {
      return JSON.stringify(JSON.parse(sent)) === JSON.stringify(expected);
    } catch {
      return false;
    }
  }
  return sent.trim() === String(expected).trim();
}
