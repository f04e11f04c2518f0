import { describe, expect, it } from "vitest";
import { categoryTickLayout, shortenLabel, textWidth } from "./category-ticks";

const MONTHS = ["Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026", "May 2026", "Jun 2026", "Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026", "Dec 2026", "Jan 2027"];

describe("categoryTickLayout", () => {
  it("labels every month flat when they fit side by side", () => {
    expect(categoryTickLayout(1200, MONTHS)).toMatchObject({ interval: 0, angle: 0 });
  });

  it("slants the labels rather than dropping every other month in a half-width card", () => {
    // The Reports page's cards at 1280 px: two per row, about 420 px of plot each.
    const layout = categoryTickLayout(420, MONTHS);
    expect(layout.interval).toBe(0);
    expect(layout.angle).toBeLessThan(0);
    expect(layout.height).toBeGreaterThan(30);
  });

  it("still labels each of thirteen months on a phone", () => {
    // 390 px wide, less the card's padding and the value axes.
    expect(categoryTickLayout(230, ["Jan 26", "Feb 26", "Mar 26", "Apr 26", "May 26", "Jun 26", "Jul 26", "Aug 26", "Sep 26", "Oct 26", "Nov 26", "Dec 26", "Jan 27"]).interval).toBe(0);
  });

  it("labels the first pipeline stage too", () => {
    const stages = ["Qualification", "Needs analysis", "Proposal", "Negotiation"];
    const layout = categoryTickLayout(260, stages);
    expect(layout.interval).toBe(0);
    // A long name is cut only where it would run past the room under the chart.
    expect(shortenLabel("Qualification", layout.maxChars)).toBe("Qualification");
  });

  it("leaves labels out evenly only where a bar is narrower than a line of text", () => {
    const weeks = Array.from({ length: 53 }, (_, i) => `Jan ${i + 1}`);
    const layout = categoryTickLayout(300, weeks);
    expect(layout.interval).toBeGreaterThan(0);
    expect((300 / 53) * (layout.interval + 1)).toBeGreaterThanOrEqual(12 * 1.25);
  });

  it("measures Chinese labels at a full em per character", () => {
    expect(textWidth("资格确认", 12)).toBe(48);
    expect(textWidth("Lead", 12)).toBeCloseTo(28.8);
    expect(categoryTickLayout(240, ["资格确认", "需求分析", "方案报价", "商务谈判"]).angle).toBe(0);
    expect(categoryTickLayout(150, ["资格确认", "需求分析", "方案报价", "商务谈判"]).angle).toBeLessThan(0);
  });
});

describe("shortenLabel", () => {
  it("cuts a long name with an ellipsis and leaves a short one alone", () => {
    expect(shortenLabel("A very long pipeline stage name", 10)).toBe("A very lo…");
    expect(shortenLabel("Won", 10)).toBe("Won");
    expect(shortenLabel("非常非常长的阶段名称", 5)).toBe("非常非常…");
  });
});
