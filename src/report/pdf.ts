/**
 * `moat report --format pdf`: the HTML report printed by a real browser, so the PDF looks exactly
 * like the page: playwright-core drives the system's Chromium (see chromium.ts). A fresh profile
 * per run (Playwright makes a temporary one), JavaScript off (the print needs none), every
 * request refused: printing a model never touches the network.
 */
import type { Browser } from 'playwright-core'
import { UserError } from '../node/files.js'
import { launchArgs } from './chromium.js'
import { PRINT_PAGE } from './print-page.js'

export interface PdfOptions {
  executablePath: string
  /** The system's name, for the footer of every page. */
  title: string
  /** Called with each step, for a progress indicator. */
  progress?: (step: string) => void
}

/** Loaded on demand and kept out of the bundle: only PDF output needs it. */
async function playwright(): Promise<typeof import('playwright-core')> {
  const name = 'playwright-core'
  try {
    return (await import(name)) as typeof import('playwright-core')
  } catch {
    throw new UserError('a PDF report needs the playwright-core package, which is not installed', 'run `npm install playwright-core` beside moat')
  }
}

/**
 * @example
 * const pdf = await htmlToPdf(page, { executablePath: '/usr/bin/chromium', title: 'Shop' })
 */
export async function htmlToPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
  const { chromium } = await playwright()
  options.progress?.('starting Chromium')
  let browser: Browser
  try {
    browser = await chromium.launch({
      executablePath: options.executablePath,
      headless: true,
      chromiumSandbox: process.getuid?.() !== 0,
      args: launchArgs(process.getuid?.() === 0),
    })
  } catch (cause) {
    const first = String((cause as Error).message ?? cause).split('\n')[0]
    throw new UserError(`Chromium (${options.executablePath}) did not start: ${first}`, 'check that it runs: `chromium --headless --dump-dom about:blank`; give another with --chromium PATH')
  }
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true })
    await context.route('**/*', (route) => route.abort())
    const page = await context.newPage()
    options.progress?.('laying out the report')
    await page.setContent(html, { waitUntil: 'load' })
    await page.emulateMedia({ media: 'print' })
    options.progress?.('printing')
    const { margin } = PRINT_PAGE
    const pdf = await page.pdf({
      format: PRINT_PAGE.format,
      landscape: PRINT_PAGE.landscape,
      scale: PRINT_PAGE.scale,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footer(options.title),
      margin: { top: `${margin.top}mm`, bottom: `${margin.bottom}mm`, left: `${margin.left}mm`, right: `${margin.right}mm` },
    })
    return new Uint8Array(pdf)
  } finally {
    await browser.close()
  }
}

/** Page n of N under every page. The template is HTML: the title is escaped. */
function footer(title: string): string {
  const safe = title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
  return `<div style="width:100%;font-size:8px;color:#6b7280;padding:0 14mm;display:flex;justify-content:space-between;font-family:Arial,'Liberation Sans',sans-serif"><span>${safe} · threat model</span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`
}
