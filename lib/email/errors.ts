/**
 * The email provider did not accept a message (after any retries). The message names the provider's
 * status and error code only, never the API key or the email's content, so it is safe to log.
 */
export class EmailDeliveryError extends Error {
  override readonly name = "EmailDeliveryError";

  constructor(
    message: string,
    readonly details: {
      /** The EmailMessage row that records the failure. */
      emailMessageId: string;
      /** HTTP status from the provider; null when no response arrived (network error, timeout). */
      statusCode: number | null;
      /** The provider's error code, e.g. "validation_error". */
      providerErrorName: string | null;
      attempts: number;
    },
  ) {
    super(message);
  }
}
