/**
 * The SMS provider did not accept a message (after any retries). The message names the status
 * and error code only, never credentials, the number or the text, so it is safe to log.
 */
export class SmsDeliveryError extends Error {
  override readonly name = "SmsDeliveryError";

  constructor(
    message: string,
    readonly details: {
      /** HTTP status from the provider; null when no response arrived (network error, timeout). */
      statusCode: number | null;
      /** The provider's error code (Twilio's numeric `code`), when it sent one. */
      providerErrorCode: string | null;
      /** The provider's own message, kept for the SmsMessage row (may quote the number). */
      providerMessage: string | null;
      attempts: number;
      /** The SmsMessage row that records the failure; set by sendSms. */
      smsMessageId?: string;
    },
  ) {
    super(message);
  }
}
