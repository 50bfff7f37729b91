/**
 * SVG → PNG without a browser, through resvg (a native module: Node only, kept apart from the pure
 * renderer so the browser bundle never pulls it in).
 */
import { FONT_FAMILY } from './theme.js'

const RESVG = '@resvg/resvg-js'

/**
 * @example
 * writeFileSync('system.png', await svgToPng(svg, 2))
 */
export async function svgToPng(svg: string, scale = 1): Promise<Uint8Array> {
  // Loaded on first use, and by a specifier that is not a literal: bundlers (the CLI's esbuild
  // bundle, the editor's) must leave this native module to Node instead of trying to inline it.
  const { Resvg } = (await import(RESVG)) as typeof import('@resvg/resvg-js')
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: FONT_FAMILY.split(',')[0]!.replace(/'/g, '').trim(), sansSerifFamily: 'DejaVu Sans' },
    background: '#ffffff',
  })
  return resvg.render().asPng()
}
