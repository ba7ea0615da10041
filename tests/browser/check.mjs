// Loads each HTML page in headless Chromium (Debian's package, driven by puppeteer-core) and,
// at 1280 px and 375 px width: runs axe-core with the WCAG 2.0/2.1 A and AA rules, checks that
// nothing sticks out to the right of the viewport (reflow, WCAG 1.4.10) and that no column
// heading has a word cut over two lines, and keeps a full-page screenshot. Prints one JSON report
// on stdout; tests/html.rs asserts on it.
//
//   node tests/browser/check.mjs --chromium /usr/bin/chromium --screenshots DIR page.html...

import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const puppeteer = require('puppeteer-core');
const axePath = require.resolve('axe-core/axe.min.js');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const chromium = option('--chromium', '/usr/bin/chromium');
const shots = option('--screenshots', null);
const pages = args;
const WIDTHS = [1280, 375];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none'],
});
const report = [];
try {
  for (const file of pages) {
    const path = resolve(file);
    // out/html/po-2017/index.html → po-2017
    const name = basename(dirname(path));
    for (const width of WIDTHS) {
      const page = await browser.newPage();
      const requests = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
      });
      await page.setViewport({ width, height: 900 });
      await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
      // Figures tables sit in <details>: open them, so that they are checked too.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      await page.addScriptTag({ path: axePath });
      const axe = await page.evaluate(async (tags) => {
        const r = await window.axe.run(document, {
          runOnly: { type: 'tag', values: tags },
          resultTypes: ['violations'],
        });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
        }));
      }, TAGS);
      const overflow = await page.evaluate(() => {
        const limit = document.documentElement.clientWidth;
        const wide = [];
        for (const el of document.body.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (r.width > 0 && r.right > limit + 0.5) {
            wide.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''} right=${Math.round(r.right)}`);
          }
        }
        return {
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: limit,
          elements: wide.slice(0, 10),
        };
      });
      // Column headings whose words are cut over two lines ("Period|e"): a word whose letters
      // lie on more than one line. A break at a hyphen or a soft hyphen is a break between parts.
      const split = await page.evaluate(() => {
        const cut = [];
        for (const th of document.querySelectorAll('thead th')) {
          const node = th.firstChild;
          if (!node || node.nodeType !== Node.TEXT_NODE) continue;
          const text = node.textContent;
          for (const m of text.matchAll(/[^\s\u00ad-]+/g)) {
            // The line of a letter: its last box (a break just before it can add the
            // hyphen shown at the end of the line before).
            const line = (at) => {
              const range = document.createRange();
              range.setStart(node, at);
              range.setEnd(node, at + 1);
              const boxes = [...range.getClientRects()];
              return boxes.length ? Math.round(boxes[boxes.length - 1].top) : null;
            };
            const end = m.index + m[0].length - 1;
            if (line(m.index) !== line(end)) cut.push(m[0]);
          }
        }
        return cut;
      });
      let screenshot = null;
      if (shots) {
        mkdirSync(shots, { recursive: true });
        screenshot = resolve(shots, `${name}-${width}.png`);
        await page.screenshot({ path: screenshot, fullPage: true });
        // The first screen, and the first indicator with its chart and table, to look at.
        await page.screenshot({ path: resolve(shots, `${name}-${width}-top.png`) });
        const indicator = await page.$('section.indicator');
        if (indicator) {
          await indicator.screenshot({ path: resolve(shots, `${name}-${width}-indicator.png`) });
        }
      }
      report.push({ page: file, name, width, violations: axe, overflow, split_headings: split, external_requests: requests, screenshot });
      await page.close();
    }
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ axe: require('axe-core/package.json').version, results: report }, null, 1) + '\n');
