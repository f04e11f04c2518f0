// Every value that reaches an email's HTML goes through escapeHtml, either directly or through the
// `html` tag below, which escapes each interpolated value unless it is already SafeHtml. Building
// markup with the tag means forgetting to escape takes effort rather than happening by accident.

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for use in HTML element content and in quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/** Markup that has already been escaped (or was written by us); the `html` tag inserts it as is. */
export class SafeHtml {
  // A private field makes the class nominal: a plain `{ value }` object cannot pose as SafeHtml.
  readonly #markup: string;

  constructor(markup: string) {
    this.#markup = markup;
  }

  toString(): string {
    return this.#markup;
  }
}

export type HtmlValue = string | number | SafeHtml | readonly HtmlValue[];

function renderHtmlValue(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.toString();
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return escapeHtml(value);
  return value.map(renderHtmlValue).join("");
}

/** Tagged template for HTML: interpolated strings are escaped, SafeHtml and arrays of it are not. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let markup = strings[0] ?? "";
  values.forEach((value, index) => {
    markup += renderHtmlValue(value) + (strings[index + 1] ?? "");
  });
  return new SafeHtml(markup);
}
