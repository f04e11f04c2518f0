import type { CSSProperties, ReactNode } from "react";
import { Body, Button, Container, Head, Heading, Html, Link, Section, Text } from "@react-email/components";
import { formatDateTime, singleLine } from "./format";
import type { EmailLocale, EmailRenderContext } from "./types";

// The shared frame and building blocks of every email. One tree renders both parts: the HTML
// (a card with the product's mark, a heading, the content, a button and the footer) and, through
// @react-email/render's plain-text conversion, the text part, where the button gives way to the
// bare link under a label that says what it opens.

// Inline styles only: many mail clients drop <style> blocks and never load external CSS.
const FONT =
  "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue',Arial,'PingFang SC','Microsoft YaHei',sans-serif";
const BLUE = "#2563eb";

export const emailStyles = {
  body: { margin: 0, padding: "24px 12px", backgroundColor: "#f4f4f5", color: "#18181b", fontFamily: FONT, fontSize: "16px", lineHeight: "1.6" },
  card: { maxWidth: "560px", margin: "0 auto", padding: "32px", backgroundColor: "#ffffff", borderRadius: "8px", border: "1px solid #e4e4e7" },
  brand: { margin: "0 0 24px", fontSize: "16px", lineHeight: "28px", fontWeight: 700, color: "#18181b" },
  brandMark: { display: "inline-block", width: "28px", height: "28px", marginRight: "8px", borderRadius: "6px", backgroundColor: BLUE, color: "#ffffff", textAlign: "center", verticalAlign: "middle", lineHeight: "28px" },
  heading: { margin: "0 0 16px", fontSize: "20px", lineHeight: "1.4", fontWeight: 600 },
  subheading: { margin: "16px 0 8px", fontSize: "16px", fontWeight: 600 },
  paragraph: { margin: "0 0 16px", fontSize: "16px", lineHeight: "1.6" },
  list: { margin: "0 0 16px", paddingLeft: "20px" },
  button: { display: "inline-block", padding: "12px 24px", backgroundColor: BLUE, color: "#ffffff", textDecoration: "none", borderRadius: "6px", fontWeight: 600 },
  muted: { margin: "0 0 16px", color: "#52525b", fontSize: "14px", lineHeight: "1.6" },
  link: { color: BLUE, wordBreak: "break-all" },
  footer: { maxWidth: "560px", margin: "16px auto 0", color: "#71717a", fontSize: "12px", lineHeight: "1.6", textAlign: "center" },
} satisfies Record<string, CSSProperties>;

const PRODUCT_NAME = "Relay CRM";

export function EmailLayout({ context, children }: { context: EmailRenderContext; children: ReactNode }) {
  const footer = context.t("layout.footer");
  if (context.part === "text") {
    return (
      <>
        {children}
        <Text>
          --
          <br />
          {footer}
        </Text>
      </>
    );
  }
  return (
    <Html lang={context.locale}>
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* Light only: clients that darken emails on their own would turn the card and the button murky. */}
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
        <title>{context.subject}</title>
      </Head>
      <Body style={emailStyles.body}>
        <Container style={emailStyles.card}>
          <Text style={emailStyles.brand}>
            <span style={emailStyles.brandMark} aria-hidden="true">
              R
            </span>
            {PRODUCT_NAME}
          </Text>
          {children}
        </Container>
        <Text style={emailStyles.footer}>{footer}</Text>
      </Body>
    </Html>
  );
}

export function EmailHeading({ children }: { children: ReactNode }) {
  return (
    <Heading as="h1" style={emailStyles.heading}>
      {children}
    </Heading>
  );
}

export function Paragraph({ children, muted = false }: { children: ReactNode; muted?: boolean }) {
  return <Text style={muted ? emailStyles.muted : emailStyles.paragraph}>{children}</Text>;
}

/**
 * The call to action. HTML: a button, and under it the bare link for mail clients where the button
 * doesn't work. Text: `textLabel`, which says what the link opens, and the link on its own line.
 */
export function CallToAction({
  context,
  href,
  label,
  textLabel,
}: {
  context: EmailRenderContext;
  /** Already checked by httpUrl. */
  href: string;
  label: string;
  textLabel: string;
}) {
  if (context.part === "text") {
    return (
      <Text>
        {textLabel}
        <br />
        {href}
      </Text>
    );
  }
  return (
    <>
      <Section style={{ margin: "0 0 16px" }}>
        <Button href={href} style={emailStyles.button}>
          {label}
        </Button>
      </Section>
      <Text style={emailStyles.muted}>
        {context.t("layout.copyLink")}
        <br />
        <Link href={href} style={emailStyles.link}>
          {href}
        </Link>
      </Text>
    </>
  );
}

/** "Label: value" lines, a bulleted list in HTML and "- Label: value" in text. */
export function DetailsList({ rows, muted = false }: { rows: readonly (readonly [string, string])[]; muted?: boolean }) {
  return (
    <ul style={{ ...emailStyles.list, ...(muted ? { color: "#52525b", fontSize: "14px" } : {}) }}>
      {rows.map(([label, value]) => (
        // One string, so the HTML reads "Label: value" with no markers between the pieces.
        <li key={label}>{`${label}: ${value}`}</li>
      ))}
    </ul>
  );
}

/**
 * "When, from where, on what": the block every security email shows about the request that
 * caused it (a lockout, a new device, a password change).
 */
export function RequestDetails({
  context,
  heading,
  request,
}: {
  context: EmailRenderContext;
  heading: string;
  request: { at: Date; ip: string | null; device: string | null };
}) {
  const { t, locale } = context;
  return (
    <>
      <Paragraph>{heading}</Paragraph>
      <DetailsList rows={requestRows(t, locale, request)} />
    </>
  );
}

/** The rows of RequestDetails; without `at` (the password-reset email), no time row. */
export function requestRows(
  t: EmailRenderContext["t"],
  locale: EmailLocale,
  request: { at?: Date; ip: string | null; device: string | null },
): [string, string][] {
  const unknown = t("details.unknown");
  return [
    ...(request.at ? [[t("details.time"), formatDateTime(request.at, locale)] as [string, string]] : []),
    [t("details.ip"), request.ip ?? unknown],
    [t("details.device"), request.device ? singleLine(request.device).slice(0, 200) : unknown],
  ];
}
