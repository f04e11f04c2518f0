// How a bar chart's category axis fits one label under every bar. Recharts' default drops labels
// that would overlap (its "preserveEnd" interval), which left every other month of "Won vs lost"
// and the first stage of "Pipeline value by stage" without a label. Here every label is drawn: flat
// when they fit side by side, slanted when they don't, shortened ("Jan 26", a long stage name cut
// with an ellipsis, the full text in the tooltip and the data table) when even slanted they would
// run into the chart. Only where a bar is narrower than a line of text (a year of weeks on a phone)
// is a label left out, evenly, and then the bars carry their label in the tooltip.

/** Approximate advance of a character at the axis' font size: CJK glyphs are about a full em, Latin a little over half. */
const WIDE = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]/;

export function textWidth(text: string, fontSize: number): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? fontSize : fontSize * 0.6;
  return width;
}

export type CategoryTickLayout = {
  /** 0: every label; n: every (n+1)th. */
  interval: number;
  /** Degrees; 0 draws the labels flat. */
  angle: number;
  /** Room the axis takes under the plot, in pixels. */
  height: number;
  /** Longest label drawn, in characters, before an ellipsis. */
  maxChars: number;
};

const GAP = 6;
const SLANT = -40;
const MAX_SLANTED_HEIGHT = 96;

/**
 * @param plotWidth the width the bars share (the chart's width less its value axes)
 * @param labels every category's label as it would be drawn in full
 */
export function categoryTickLayout(plotWidth: number, labels: readonly string[], fontSize = 12): CategoryTickLayout {
  const flatHeight = fontSize * 2.5;
  if (labels.length === 0 || plotWidth <= 0) return { interval: 0, angle: 0, height: flatHeight, maxChars: Number.POSITIVE_INFINITY };
  const band = plotWidth / labels.length;
  const widest = Math.max(...labels.map((label) => textWidth(label, fontSize)));
  if (widest + GAP <= band) return { interval: 0, angle: 0, height: flatHeight, maxChars: Number.POSITIVE_INFINITY };
  // Slanted, neighbours are a line's height apart along the axis, whatever their length; the
  // label's length then only sets how far below the axis it reaches, which is capped.
  const lineRoom = fontSize * 1.25;
  const interval = band >= lineRoom ? 0 : Math.ceil(lineRoom / band) - 1;
  const sin = Math.sin((-SLANT * Math.PI) / 180);
  const reach = Math.min(widest * sin + fontSize, MAX_SLANTED_HEIGHT);
  // Characters that fit in the capped reach, counted at the widest glyph the labels use.
  const perChar = labels.some((label) => WIDE.test(label)) ? fontSize : fontSize * 0.6;
  const maxChars = Math.max(4, Math.floor((MAX_SLANTED_HEIGHT - fontSize) / sin / perChar));
  return { interval, angle: SLANT, height: Math.ceil(reach) + 8, maxChars };
}

/** A label cut to `maxChars` characters with an ellipsis (the whole text stays in the tooltip and the table). */
export function shortenLabel(label: string, maxChars: number): string {
  const chars = [...label];
  return chars.length <= maxChars ? label : `${chars.slice(0, Math.max(1, maxChars - 1)).join("")}…`;
}
