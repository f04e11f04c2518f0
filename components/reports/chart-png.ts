// A report chart as a PNG: Recharts draws SVG, so the SVG is serialised, loaded as an image and
// drawn on a canvas under the chart's title and legend. Colours come in as concrete values (the
// card's palette for the reader's colour scheme): no stylesheet applies inside the image.

/** The colours the PNG paints itself (the series keep the ones already in the SVG). */
export type PngColors = { background: string; title: string; text: string };

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error("The chart could not be drawn as an image."));
    image.src = url;
  });
}

/** The chart's SVG drawn on a canvas under its title and legend (Recharts' legend is HTML, not SVG). */
export async function chartPng(container: HTMLElement, title: string, legend: { label: string; color: string }[], colors: PngColors): Promise<Blob> {
  const svg = container.querySelector<SVGSVGElement>(".recharts-wrapper > svg.recharts-surface");
  if (!svg) throw new Error("No chart to export.");
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  clone.setAttribute("font-family", getComputedStyle(container).fontFamily);
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(clone)], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const image = await loadImage(url);
    const scale = 2;
    const padding = 16;
    const header = 64;
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil((width + padding * 2) * scale);
    canvas.height = Math.ceil((height + header + padding) * scale);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("No canvas.");
    context.scale(scale, scale);
    context.fillStyle = colors.background;
    context.fillRect(0, 0, width + padding * 2, height + header + padding);
    const font = getComputedStyle(container).fontFamily;
    context.fillStyle = colors.title;
    context.font = `600 16px ${font}`;
    context.fillText(title, padding, padding + 14);
    context.font = `12px ${font}`;
    let x = padding;
    for (const item of legend) {
      context.fillStyle = item.color;
      context.fillRect(x, padding + 30, 10, 10);
      context.fillStyle = colors.text;
      context.fillText(item.label, x + 14, padding + 39);
      x += 14 + context.measureText(item.label).width + 16;
    }
    context.drawImage(image, padding, header, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("No PNG."))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}
